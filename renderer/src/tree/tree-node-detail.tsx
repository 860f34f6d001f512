/** The selected process: every field as text, why its parent is doubted, its signals, and a jump to its event. */
import { Button, Callout, Tag } from '@blueprintjs/core';
import type { ProcessNode } from '../../../engine/views/process-tree/tree-types';
import { formatTime } from '../common/time-format';
import { useApp } from '../store/app-store';
import { spoofText } from './spoof-text';

export function TreeNodeDetail({ node: n }: { node: ProcessNode }) {
  const openProcessEvent = useApp((s) => s.openProcessEvent);
  const spoof = n.spoof ? spoofText(n.spoof) : null;
  const fields: [string, string | number | null][] = [
    ['Image', n.image],
    ['PID', n.pid],
    ['Parent PID', n.ppid],
    ['User', n.user],
    ['Host', n.host],
    ['Started', n.time ? formatTime(n.time) : null],
  ];
  return (
    <aside className="tree-detail" data-testid="tree-detail">
      <dl>
        {fields.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v === null ? '—' : String(v)}</dd>
          </div>
        ))}
      </dl>
      <div className="tree-detail__label">Command line</div>
      <pre className="tree-detail__cmd" data-testid="tree-detail-cmd">{n.commandLine ?? '—'}</pre>
      {n.synthetic && <Callout compact>Never seen starting: rebuilt from what its children's events say about their parent.</Callout>}
      {spoof && (
        <Callout intent={n.spoof?.reason === 'elevation' ? 'warning' : 'danger'} compact title={spoof.title} data-testid="tree-detail-spoof" data-reason={n.spoof?.reason}>
          {spoof.why}
          {spoof.creator && <div className="tree-detail__creator">{spoof.creator}</div>}
          {spoof.fields.length > 0 && (
            <ul className="tree-detail__fields" data-testid="tree-detail-spoof-fields">
              {spoof.fields.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
        </Callout>
      )}
      {n.signals.length > 0 && (
        <div className="tree-detail__signals">
          {n.signals.map((s) => (
            <Tag key={s.id} intent={s.level === 'critical' || s.level === 'high' ? 'danger' : 'warning'} minimal>
              {s.title}
            </Tag>
          ))}
        </div>
      )}
      {n.eventId !== null && (
        <Button icon="search" size="small" onClick={() => void openProcessEvent(n.eventId!)} data-testid="tree-jump">
          Show event in explorer
        </Button>
      )}
    </aside>
  );
}
