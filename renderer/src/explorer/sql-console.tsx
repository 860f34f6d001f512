/** The read-only SQL console: SELECT / WITH only (the host refuses anything else), results as text in a table. */
import { Button, Callout, Dialog, DialogBody, HTMLTable, TextArea } from '@blueprintjs/core';
import { useState } from 'react';
import type { SqlConsoleResult } from '../../../engine/views/search/explorer-channels';
import { errorText } from '../store/app-state';
import { useApp } from '../store/app-store';

const ROW_LIMIT = 500;

export function SqlConsoleButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon="console" text="SQL" size="small" data-testid="sql-console-button" onClick={() => setOpen(true)} />
      {open && <SqlConsole onClose={() => setOpen(false)} />}
    </>
  );
}

function SqlConsole({ onClose }: { onClose(): void }) {
  const runSql = useApp((s) => s.runSql);
  const [sql, setSql] = useState('SELECT "host.name", count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC');
  const [result, setResult] = useState<SqlConsoleResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      setResult(await runSql(sql, ROW_LIMIT));
      setError(null);
    } catch (e) {
      setError(errorText(e));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog isOpen onClose={onClose} title="SQL console (read-only)" style={{ width: 900 }}>
      <DialogBody>
        <TextArea fill rows={5} value={sql} spellCheck={false} className="sql-console__input" data-testid="sql-input" onChange={(e) => setSql(e.currentTarget.value)} />
        <div className="sql-console__bar">
          <Button intent="primary" text="Run" loading={busy} data-testid="sql-run" onClick={() => void run()} />
          {result && (
            <span data-testid="sql-status">
              {result.rows.length} rows{result.truncated ? ` (first ${ROW_LIMIT})` : ''} in {result.ms} ms
            </span>
          )}
        </div>
        {error && (
          <Callout intent="danger" compact data-testid="sql-error">
            {error}
          </Callout>
        )}
        {result && (
          <div className="sql-console__result">
            <HTMLTable compact striped data-testid="sql-result">
              <thead>
                <tr>{result.columns.map((c, i) => <th key={i}>{c}</th>)}</tr>
              </thead>
              <tbody>
                {result.rows.map((r, i) => (
                  <tr key={i} data-testid="sql-row">{r.map((v, j) => <td key={j}>{v ?? ''}</td>)}</tr>
                ))}
              </tbody>
            </HTMLTable>
          </div>
        )}
      </DialogBody>
    </Dialog>
  );
}
