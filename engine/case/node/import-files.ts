/**
 * Imports files into an open case. Each log file found (a plain file, or a
 * member inside archives) is recorded as a source: file path and SHA-256 of
 * the file as given, member path and its own SHA-256, detected format,
 * records read / stored / rejected and time span. A file whose SHA-256 is
 * already in the case is not imported twice.
 */
import type { ImportNote, ImportProgress, ImportReport } from '../../host/contract';
import type { FieldMapping } from '../../ingest/mapping';
import { importSource, type FileOutcome } from '../../ingest/node/import-source';
import { rowsOf } from '../../sql/port';
import { nextIds, type OpenCase } from './case-store';

export interface ImportFilesOptions {
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  jobId?: string;
  /** Receives what was skipped inside archives (junk members, empty files) and why. */
  notes?: ImportNote[];
  /** A user's field mapping for generic JSON/CSV sources (see engine/ingest/MAPPING.md). */
  mapping?: FieldMapping;
}


/**
 * While importing, DuckDB's buffer pool is bounded (it spills to disk): left at
 * its default (80% of RAM) a 4 GB import peaks above 2 GB RSS. Queries and
 * detection afterwards get the default back.
 */
const IMPORT_MEMORY = process.env.VESTIGE_IMPORT_MEMORY ?? '1GB';

export async function importFiles(c: OpenCase, paths: readonly string[], opts: ImportFilesOptions = {}): Promise<ImportReport['sources']> {
  await c.port.exec(`SET memory_limit = ?`, [IMPORT_MEMORY]);
  try {
    return await importEach(c, paths, opts);
  } finally {
    await c.port.exec(process.env.VESTIGE_DUCKDB_MEMORY ? `SET memory_limit = ?` : 'RESET memory_limit', process.env.VESTIGE_DUCKDB_MEMORY ? [process.env.VESTIGE_DUCKDB_MEMORY] : undefined);
  }
}

async function importEach(c: OpenCase, paths: readonly string[], opts: ImportFilesOptions): Promise<ImportReport['sources']> {
  const out: ImportReport['sources'] = [];
  const jobId = opts.jobId ?? `import-${Date.now()}`;
  // Read once per call, then kept up to date: a query per file costs more than a small file's parsing.
  let ids = await nextIds(c.port);
  const known = await knownHashes(c);
  for (const path of paths) {
    // One transaction per file: a cancelled or failed file leaves no trace, and
    // batches go to storage once instead of through the WAL one by one.
    await c.port.exec('BEGIN TRANSACTION');
    let f: FileOutcome;
    let records: ImportReport['sources'];
    try {
      f = await importSource(c.port, path, {
        firstSourceId: ids.sourceId,
        firstEventId: ids.eventId,
        signal: opts.signal,
        mapping: opts.mapping,
        onProgress: (p) => opts.onProgress?.({ jobId, file: path, ...p, done: false }),
      });
      records = await recordFile(c, f, known, opts.notes);
      await c.port.exec('COMMIT');
    } catch (e) {
      // Cancelled or unreadable: leave the case as it was before this file.
      await c.port.exec('ROLLBACK').catch(() => undefined);
      opts.onProgress?.({ jobId, file: path, bytesDone: 0, bytesTotal: 0, records: 0, done: true, error: (e as Error).message });
      throw new Error(`${path}: ${(e as Error).message}`);
    }
    out.push(...records);
    const dup = records.find((r) => r.error?.startsWith('already in this case'));
    if (!dup) {
      known.set(f.sha256, ids.sourceId);
      // recordFile gives a file with nothing readable one source row of its own.
      ids = { eventId: f.nextEventId, sourceId: Math.max(f.nextSourceId, ...f.members.map((m) => m.sourceId + 1)) };
    }
    opts.onProgress?.({ jobId, file: path, bytesDone: f.size, bytesTotal: f.size, records: records.reduce((n, m) => n + m.recordsRead, 0), done: true, error: dup?.error ?? f.error ?? undefined });
  }
  return out;
}

/** Records a file's sources and notes (inside its transaction); a duplicate file is undone and reported as such. */
async function recordFile(c: OpenCase, f: FileOutcome, known: ReadonlyMap<string, number>, notes?: ImportNote[]): Promise<ImportReport['sources']> {
  const out: ImportReport['sources'] = [];
  const dupOf = known.get(f.sha256);
  const duplicate = dupOf !== undefined ? `already in this case as source ${dupOf} (same SHA-256): not imported again` : null;
  if (duplicate) {
    await c.port.exec('ROLLBACK');
    await c.port.exec('BEGIN TRANSACTION');
  }
  if (!duplicate && f.members.length === 0) {
    // Nothing readable inside: still record the file, so its hash and the reason are kept.
    f.members.push({ sourceId: f.nextSourceId, member: '', container: '', memberSha256: f.sha256, memberSize: f.size, format: 'none', recordsRead: 0, recordsStored: 0, recordsRejected: 0, firstRejections: [], firstTime: null, lastTime: null, error: f.error ?? (f.notes.map((n) => `${n.member || f.name}: ${n.note}`).join('; ') || 'no log records found') });
  }
  for (const m of f.members) {
    const error = duplicate ?? m.error ?? (f.error && m === f.members[f.members.length - 1] ? f.error : null);
    if (!duplicate) {
      await c.port.exec(
        `INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, now()::TIMESTAMP, ?, ?, ?, ?, ?)`,
        [
          m.sourceId, f.path, f.name, m.member, f.sha256, f.size, m.format, m.recordsRead, m.recordsStored, m.recordsRejected,
          m.firstTime, m.lastTime, error ? (m.recordsStored > 0 ? 'partial' : 'failed') : 'ok', error, m.container, m.memberSha256, m.memberSize,
        ],
      );
    }
    out.push({
      path: f.path,
      member: m.member,
      sha256: f.sha256,
      memberSha256: m.memberSha256,
      format: m.format,
      // A duplicate was read but nothing of it is kept: it counts as nothing.
      recordsRead: duplicate ? 0 : m.recordsRead,
      recordsStored: duplicate ? 0 : m.recordsStored,
      recordsRejected: duplicate ? 0 : m.recordsRejected,
      firstRejections: m.firstRejections.slice(0, 5).map((r) => ({ sourceId: m.sourceId, member: m.member, ...r })),
      firstTime: m.firstTime,
      lastTime: m.lastTime,
      ...(error ? { error } : {}),
    });
  }
  for (const n of f.notes) {
    await c.port.exec(`INSERT INTO import_notes VALUES (?, ?, ?, now()::TIMESTAMP)`, [f.path, n.member, n.note]);
    notes?.push({ path: f.path, member: n.member, note: n.note });
  }
  return out;
}

/** SHA-256 of every file already in the case → its first source id. */
async function knownHashes(c: OpenCase): Promise<Map<string, number>> {
  const rows = rowsOf<{ sha256: string; id: number }>(await c.port.query(`SELECT sha256, min(id) AS id FROM sources GROUP BY sha256`));
  return new Map(rows.map((r) => [r.sha256, Number(r.id)]));
}
