/** Shown only while an import runs: progress, records, time left, and a way out. */
import { Button, ProgressBar } from '@blueprintjs/core';
import { useApp } from '../store/app-store';
import { progressView } from './import-progress';

export function ImportProgressBar() {
  const importing = useApp((s) => s.importing);
  const upload = useApp((s) => s.upload);
  const hostProgress = useApp((s) => s.hostProgress);
  const startedAt = useApp((s) => s.jobStartedAt);
  const cancel = useApp((s) => s.cancelImport);
  if (!importing) return null;
  const view = progressView(upload, hostProgress, startedAt === null ? 0 : Date.now() - startedAt);
  return (
    <div className="import-progress" data-testid="import-progress">
      <ProgressBar intent="primary" value={view.value ?? undefined} />
      <span className="import-progress__label">{view.label}</span>
      {hostProgress && !hostProgress.done && (
        <Button small minimal icon="cross" text="Cancel" data-testid="import-cancel" onClick={() => void cancel()} />
      )}
    </div>
  );
}
