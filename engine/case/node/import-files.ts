/**
 * Imports files into an open case and records each as a source: SHA-256,
 * size, detected format, records read / stored / rejected, time span. A file
 * whose SHA-256 is already in the case is not imported twice.
 */
import type { ImportProgress, ImportReport } from '../../host/contract';
import { importSource, type SourceOutcome } from '../../ingest/node/import-source';
import { rowsOf } from '../../sql/port';
import { nextIds, type OpenCase } from './case-store';

export interface ImportFilesOptions {
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  jobId?: string;
}

export async function importFiles(c: OpenCase, paths: readonly string[], opts: ImportFilesOptions = {}): Promise<ImportReport['sources']> {
  const out: ImportReport['sources'] = [];
  const jobId = opts.jobId ?? `import-${Date.now()}`;
  for (const path of paths) {
    const ids = await nextIds(c.port);
    let outcome: SourceOutcome;
    try {
      outcome = await importSource(c.port, path, {
        sourceId: ids.sourceId,
        firstEventId: ids.eventId,
        signal: opts.signal,
        onProgress: (p) => opts.onProgress?.({ jobId, file: path, ...p, done: false }),
      });
    } catch (e) {
      // Cancelled or unreadable: leave the case as it was before this file.
      await c.port.exec(`DELETE FROM events WHERE "vestige.source_id" = ?`, [ids.sourceId]);
      await c.port.exec(`DELETE FROM rejections WHERE source_id = ?`, [ids.sourceId]);
      opts.onProgress?.({ jobId, file: path, bytesDone: 0, bytesTotal: 0, records: 0, done: true, error: (e as Error).message });
      throw new Error(`${path}: ${(e as Error).message}`);
    }
    const dup = rowsOf<{ id: number }>(await c.port.query(`SELECT id FROM sources WHERE sha256 = ? LIMIT 1`, [outcome.sha256]));
    if (dup.length > 0) {
      await c.port.exec(`DELETE FROM events WHERE "vestige.source_id" = ?`, [ids.sourceId]);
      await c.port.exec(`DELETE FROM rejections WHERE source_id = ?`, [ids.sourceId]);
      outcome.error = `already in this case as source ${dup[0].id} (same SHA-256): not imported again`;
      outcome.recordsStored = 0;
    } else {
      await c.port.exec(
        `INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, now()::TIMESTAMP, ?, ?)`,
        [
          ids.sourceId, outcome.path, outcome.name, outcome.member, outcome.sha256, outcome.size, outcome.format,
          outcome.recordsRead, outcome.recordsStored, outcome.recordsRejected,
          outcome.firstTime, outcome.lastTime, outcome.error ? (outcome.recordsStored > 0 ? 'partial' : 'failed') : 'ok', outcome.error,
        ],
      );
    }
    opts.onProgress?.({ jobId, file: path, bytesDone: outcome.size, bytesTotal: outcome.size, records: outcome.recordsRead, done: true, error: outcome.error ?? undefined });
    out.push({
      path: outcome.path,
      member: outcome.member,
      sha256: outcome.sha256,
      format: outcome.format,
      recordsRead: outcome.recordsRead,
      recordsStored: outcome.recordsStored,
      recordsRejected: outcome.recordsRejected,
      firstRejections: outcome.firstRejections.map((r) => ({ sourceId: ids.sourceId, member: outcome.member, ...r })),
      firstTime: outcome.firstTime,
      lastTime: outcome.lastTime,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
  }
  return out;
}
