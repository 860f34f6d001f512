/** Shown only while an import runs. */
import { ProgressBar } from '@blueprintjs/core';
import { useApp } from '../store/app-store';
import { progressView } from './import-progress';

export function ImportProgressBar() {
  const importing = useApp((s) => s.importing);
  const upload = useApp((s) => s.upload);
  const hostProgress = useApp((s) => s.hostProgress);
  if (!importing) return null;
  const view = progressView(upload, hostProgress);
  return (
    <div className="import-progress" data-testid="import-progress">
      <ProgressBar intent="primary" value={view.value ?? undefined} />
      <span className="import-progress__label">{view.label}</span>
    </div>
  );
}
