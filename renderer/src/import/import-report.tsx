/** Outcome of the last import: per-file counts, first rejection reasons, errors. */
import { Button, Callout } from '@blueprintjs/core';
import { rejectionWhere } from '../case/rejection-where';
import { useApp } from '../store/app-store';

export function ImportReportCallout() {
  const report = useApp((s) => s.lastReport);
  const errors = useApp((s) => s.importErrors);
  const importing = useApp((s) => s.importing);
  const dismiss = useApp((s) => s.dismissImportReport);
  if (importing || report === null) return null;
  const rejected = report.filter((r) => r.recordsRejected > 0);
  if (errors.length === 0 && rejected.length === 0 && report.length === 0) return null;
  const intent = errors.length > 0 ? 'danger' : rejected.length > 0 ? 'warning' : 'success';

  return (
    <Callout className="import-report" intent={intent} compact data-testid="import-report">
      <Button className="import-report__close" icon="cross" size="small" variant="minimal" aria-label="Dismiss" onClick={dismiss} />
      {report.map((r, i) => (
        <div key={i} className="import-report__source">
          <strong>{r.member ? `${r.path} › ${r.member}` : r.path}</strong> ({r.format}): {r.recordsStored} stored, {r.recordsRejected} rejected
          {r.firstRejections.length > 0 && (
            <ul>
              {r.firstRejections.slice(0, 5).map((x, j) => (
                <li key={j}>
                  {rejectionWhere(x) && `${rejectionWhere(x)}: `}
                  {x.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {errors.map((e, i) => (
        <div key={`e${i}`} className="import-report__error" data-testid="import-error">
          {e}
        </div>
      ))}
    </Callout>
  );
}
