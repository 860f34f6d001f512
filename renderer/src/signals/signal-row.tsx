/** One signal: level, title, triage status, group key, ATT&CK tactics and techniques, count and time span. */
import { Tag } from '@blueprintjs/core';
import type { SignalInfo } from '../../../engine/host/contract';
import { formatTimeShort } from '../common/time-format';
import { PivotValue } from '../pivot/pivot-value';
import { groupKeyParts } from './group-key';
import { levelIntent } from './signal-level';

export interface SignalRowProps {
  signal: SignalInfo;
  selected: boolean;
  onSelect(): void;
}

const STATUS_TEXT: Record<SignalInfo['status'], string> = { open: 'open', under_review: 'under review', archived: 'archived' };

export function SignalRow({ signal: s, selected, onSelect }: SignalRowProps) {
  const attack = [...s.tactics, ...s.techniques];
  return (
    <button
      type="button"
      className={`signal-row${selected ? ' signal-row--selected' : ''}${s.status === 'archived' ? ' signal-row--archived' : ''}`}
      data-testid="signal-row"
      data-signal-id={s.id}
      data-status={s.status}
      aria-pressed={selected}
      onClick={onSelect}
    >
      <div className="signal-row__top">
        <Tag intent={levelIntent(s.level)} minimal={levelIntent(s.level) === 'none'} className="signal-row__level">
          {s.level}
        </Tag>
        <span className="signal-row__title" data-testid="signal-title" title={s.ruleTitle}>
          {s.ruleTitle}
        </span>
        {s.status !== 'open' && (
          <Tag minimal className="signal-row__status" data-testid="signal-status-tag">
            {STATUS_TEXT[s.status]}
          </Tag>
        )}
        <span className="signal-row__count">{s.eventCount}</span>
      </div>
      {s.groupKey && (
        <div className="signal-row__group" title={s.groupKey}>
          {groupKeyParts(s.groupKey).map((p, i) => (
            <span key={p.field}>
              {i > 0 && ', '}
              {p.field}=<PivotValue field={p.field} value={p.value} />
            </span>
          ))}
        </div>
      )}
      {attack.length > 0 && (
        <div className="signal-row__attack" data-testid="signal-attack" title={s.tags.join(' ')}>
          {attack.join(' · ')}
        </div>
      )}
      <div className="signal-row__time">
        {formatTimeShort(s.firstTime)}
        {s.lastTime && s.lastTime !== s.firstTime ? ` → ${formatTimeShort(s.lastTime)}` : ''}
      </div>
    </button>
  );
}
