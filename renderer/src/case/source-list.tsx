/** The case's imported sources, one compact row each. */
import type { SourceInfo } from '../../../engine/host/contract';
import { SourceRow } from './source-row';

export function SourceList({ sources }: { sources: readonly SourceInfo[] }) {
  if (sources.length === 0) return <div className="source-list source-list--empty">No sources yet: import log files or drop them anywhere on the window.</div>;
  return (
    <div className="source-list">
      {sources.map((s) => (
        <SourceRow key={s.id} source={s} />
      ))}
    </div>
  );
}
