/** One source: name, format, stored/rejected counts, hash; rejected reasons on demand. */
import { Button, Popover, Tag } from '@blueprintjs/core';
import type { SourceInfo } from '../../../engine/host/contract';
import { useApp } from '../store/app-store';
import { RejectionList } from './rejection-list';
import { SkewEditor } from './skew-editor';

export function SourceRow({ source: s }: { source: SourceInfo }) {
  const rejections = useApp((st) => st.rejections[s.id]);
  const loadRejections = useApp((st) => st.loadRejections);

  return (
    <div className="source-row" data-testid="source-row" title={s.path}>
      <span className="source-row__name">{s.name}</span>
      <Tag minimal>{s.format}</Tag>
      <span className="source-row__count">
        <span data-testid="source-stored">{s.recordsStored}</span> stored
      </span>
      {s.recordsRejected > 0 && (
        <Popover
          placement="bottom-start"
          onOpening={() => void loadRejections(s.id)}
          content={<RejectionList total={s.recordsRejected} rejections={rejections} />}
        >
          <Button size="small" variant="minimal" intent="warning" data-testid="source-rejected">
            {s.recordsRejected} rejected
          </Button>
        </Popover>
      )}
      <SkewEditor source={s} />
      <code className="source-row__sha" title={s.sha256}>
        {s.sha256.slice(0, 12)}
      </code>
    </div>
  );
}
