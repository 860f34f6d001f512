/**
 * Imports files into an open case. Each log file found (a plain file, or a
 * member inside archives) is recorded as a source: file path and SHA-256 of
 * the file as given, member path and its own SHA-256, detected format,
 * records read / stored / rejected and time span. A file whose SHA-256 is
 * already in the case is not imported twice.
 */
import type { ImportNote, ImportProgress, ImportReport } from '../../host/contract';
import type { FieldMapping } from '../../ingest/mapping';
import { EventSink, isoToMicros } from '../../ingest/batcher';
import { jsonlDirectCandidate } from '../../ingest/node/jsonl-direct';
import { dropReadAhead, importSource, parsePrefetched, prefetchFile, type FileOutcome, type PrefetchedFile } from '../../ingest/node/import-source';
import { EVENTS_TABLE } from '../../schema/ecs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { junk } from '../../ingest/archive/members';
import { buildSearchIndex } from '../../views/search/search-index-build';
import type { ColumnKind } from '../../sql/arrow-build';
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
  /**
   * Index the new sources for the explorer's search afterwards (default true;
   * the benchmark times it apart). Sources a cancelled or failed import left
   * unindexed are indexed by the next import; until then they are scanned.
   */
  searchIndex?: boolean;
  /** Smallest JSON-lines file, or archive member, DuckDB reads itself (default DIRECT_MIN_BYTES; Infinity: never). */
  jsonlDirectMinBytes?: number;
}


/**
 * While importing, DuckDB's buffer pool is bounded (it spills to disk): left at
 * its default (80% of RAM) a 4 GB import peaks above 2 GB RSS. Queries and
 * detection afterwards get the default back.
 */
const IMPORT_MEMORY = process.env.VESTIGE_IMPORT_MEMORY ?? '1GB';
const INDEX_MEMORY = process.env.VESTIGE_INDEX_MEMORY ?? '512MB';

/**
 * Imports files and folders. A folder stands for every file under it, in
 * name order; junk (macOS metadata, resource forks) is skipped with a note,
 * and links to folders are not followed (a note says so), so a link cannot
 * loop the walk or reach outside the folder.
 */
export async function importFiles(c: OpenCase, paths: readonly string[], opts: ImportFilesOptions = {}): Promise<ImportReport['sources']> {
  // Copies of archive members an import killed on the way left behind (a case imports one call at a time: the host
  // queues its calls, and another process cannot open the case's database meanwhile).
  await rm(join(c.dir, SPOOL), { recursive: true, force: true });
  await c.port.exec(`SET memory_limit = ?`, [IMPORT_MEMORY]);
  try {
    const folderNotes: ImportNote[] = [];
    const files = await expandFolders(paths, folderNotes);
    opts.notes?.push(...folderNotes);
    const out = await importEach(c, files, opts, GROUP_BYTES, folderNotes);
    if (opts.searchIndex !== false) {
      // Outside the import's transactions, with a tighter bound: its aggregates spill to disk instead
      // of growing RSS (a 4 GB file peaked at 2.02 GiB under the import's 1 GB). A failure costs speed only: searches scan.
      await c.port.exec(`SET memory_limit = ?`, [INDEX_MEMORY]);
      await buildSearchIndex(c.port).catch((e: Error) => opts.notes?.push({ path: '', member: '', note: `not indexed for search (searched by scanning): ${e.message}` }));
    }
    return out;
  } finally {
    dropReadAhead();
    await c.port.exec(process.env.VESTIGE_DUCKDB_MEMORY ? `SET memory_limit = ?` : 'RESET memory_limit', process.env.VESTIGE_DUCKDB_MEMORY ? [process.env.VESTIGE_DUCKDB_MEMORY] : undefined);
  }
}

/** The case's folder for copies of large JSON-lines archive members, which DuckDB reads (jsonl-direct.ts). */
const SPOOL = 'spool';

/**
 * Input bytes per transaction. Small files share one: a commit (and an
 * insert) per file cost more than parsing a small EVTX export. A file that
 * fails or is cancelled is taken back out of its transaction by source id,
 * so the other files of the group are kept and the case never holds part of a file.
 */
const GROUP_BYTES = 64 << 20;
/** Small files (each at most 8 MB: see prefetchFile) read ahead of their turn: at most this many, and this many bytes. */
const READ_AHEAD_FILES = 32;
const READ_AHEAD_BYTES = 16 << 20;

/** The open transaction: its files, and the source rows and notes stored when it commits. */
class ImportGroup {
  open = false;
  bytes = 0;
  /** Files recorded in this transaction, with what the import had before each (to redo them alone). */
  readonly files: { path: string; reports: number }[] = [];
  private sourceRows: { id: number; f: FileOutcome; m: FileOutcome['members'][number]; error: string | null }[] = [];
  private notes: { path: string; member: string; note: string }[] = [];

  constructor(
    private readonly c: OpenCase,
    readonly sink: EventSink,
  ) {}

  async begin(): Promise<void> {
    if (this.open) return;
    await this.c.port.exec('BEGIN TRANSACTION');
    this.open = true;
  }

  addSource(id: number, f: FileOutcome, m: FileOutcome['members'][number], error: string | null): void {
    this.sourceRows.push({ id, f, m, error });
  }

  addNote(path: string, member: string, note: string): void {
    this.notes.push({ path, member, note });
  }

  /** Takes back what the current file stored (every source id from `firstSourceId` on). */
  async undoFrom(firstSourceId: number): Promise<void> {
    await this.sink.flush();
    await this.c.port.exec(`DELETE FROM ${EVENTS_TABLE} WHERE "vestige.source_id" >= ?`, [firstSourceId]);
    await this.c.port.exec(`DELETE FROM rejections WHERE source_id >= ?`, [firstSourceId]);
  }

  async commit(): Promise<void> {
    if (!this.open) return;
    await this.sink.flush();
    const rows = this.sourceRows;
    const now = BigInt(Date.now()) * 1000n;
    const col = (name: string, kind: ColumnKind, values: unknown[]) => ({ name, kind, values });
    await this.c.port.insertColumns('sources', [
      col('id', 'int32', rows.map((r) => r.id)),
      col('path', 'utf8', rows.map((r) => r.f.path)),
      col('name', 'utf8', rows.map((r) => r.f.name)),
      col('member', 'utf8', rows.map((r) => r.m.member)),
      col('sha256', 'utf8', rows.map((r) => r.f.sha256)),
      col('size', 'int64', rows.map((r) => r.f.size)),
      col('format', 'utf8', rows.map((r) => r.m.format)),
      col('records_read', 'int64', rows.map((r) => r.m.recordsRead)),
      col('records_stored', 'int64', rows.map((r) => r.m.recordsStored)),
      col('records_rejected', 'int64', rows.map((r) => r.m.recordsRejected)),
      col('first_time', 'timestamp', rows.map((r) => isoToMicros(r.m.firstTime))),
      col('last_time', 'timestamp', rows.map((r) => isoToMicros(r.m.lastTime))),
      col('imported_at', 'timestamp', rows.map(() => now)),
      col('status', 'utf8', rows.map((r) => (r.error ? (r.m.recordsStored > 0 ? 'partial' : 'failed') : 'ok'))),
      col('error', 'utf8', rows.map((r) => r.error)),
      col('container', 'utf8', rows.map((r) => r.m.container)),
      col('member_sha256', 'utf8', rows.map((r) => r.m.memberSha256)),
      col('member_size', 'int64', rows.map((r) => r.m.memberSize)),
    ]);
    const notes = this.notes;
    await this.c.port.insertColumns('import_notes', [
      col('path', 'utf8', notes.map((n) => n.path)),
      col('member', 'utf8', notes.map((n) => n.member)),
      col('note', 'utf8', notes.map((n) => n.note)),
      col('noted_at', 'timestamp', notes.map(() => now)),
    ]);
    await this.c.port.exec('COMMIT');
    this.reset();
  }

  /** Drops the whole transaction (its files must then be imported again). */
  async rollback(): Promise<void> {
    this.sink.discard();
    if (this.open) await this.c.port.exec('ROLLBACK').catch(() => undefined);
    this.reset();
  }

  private reset(): void {
    this.open = false;
    this.bytes = 0;
    this.files.length = 0;
    this.sourceRows = [];
    this.notes = [];
  }
}

interface ImportState {
  ids: { eventId: number; sourceId: number };
  known: Map<string, number>;
}

/** Files of the paths, folders walked (see importFiles). */
async function expandFolders(paths: readonly string[], notes: ImportNote[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.length === 0) notes.push({ path: dir, member: '', note: 'empty folder: nothing to import' });
    for (const e of entries) {
      const p = join(dir, e.name);
      const why = e.isDirectory() ? (e.name === '__MACOSX' ? junk('__MACOSX/.') : null) : junk(e.name);
      if (why) notes.push({ path: p, member: '', note: `${why}: skipped` });
      else if (e.isDirectory()) await walk(p);
      else if (e.isSymbolicLink() && (await stat(p).catch(() => null))?.isDirectory()) notes.push({ path: p, member: '', note: 'link to a folder: not followed' });
      else out.push(p);
    }
  };
  for (const p of paths) {
    // A path that cannot be read is left to the importer, which reports it by name.
    if ((await stat(p).catch(() => null))?.isDirectory()) await walk(p);
    else out.push(p);
  }
  return out;
}

async function importEach(c: OpenCase, paths: readonly string[], opts: ImportFilesOptions, groupBytes = GROUP_BYTES, notes: readonly ImportNote[] = []): Promise<ImportReport['sources']> {
  const out: ImportReport['sources'] = [];
  const jobId = opts.jobId ?? `import-${Date.now()}`;
  // Read once per call, then kept up to date: a query per file costs more than a small file's parsing.
  const state: ImportState = { ids: await nextIds(c.port), known: await knownHashes(c) };
  const group = new ImportGroup(c, new EventSink(c.port));
  for (const n of notes) group.addNote(n.path, n.member, n.note);
  const done = (path: string, error: string | undefined, bytes: number, records: number) =>
    opts.onProgress?.({ jobId, file: path, bytesDone: bytes, bytesTotal: bytes, records, done: true, error });
  /**
   * When the transaction itself broke (DuckDB refused a batch or the commit),
   * it cannot be mended by source id: roll it back and import its files again,
   * each alone, so the one at fault fails on its own (and throws, naming it).
   */
  const salvage = async (e: unknown) => {
    const redo = group.files.map((x) => x.path);
    const keep = group.files[0]?.reports ?? out.length;
    await group.rollback();
    out.length = keep;
    if (redo.length === 0) return;
    if (groupBytes === 0) throw new Error(`${redo[0]}: ${(e as Error).message}`);
    out.push(...(await importEach(c, redo, { ...opts, jobId }, 0)));
    state.ids = await nextIds(c.port);
    state.known = await knownHashes(c);
  };
  const commit = () => group.commit().catch(salvage);
  /**
   * Small files ahead are read (and EVTX ones parsed, on the EVTX thread)
   * while this one is stored: enough of them that the thread has work while
   * this thread stores a batch or commits, few enough to bound memory.
   */
  const reads = new Map<number, Promise<PrefetchedFile | null>>();
  let readTo = 0;
  let aheadBytes = 0;
  let reading = 0;
  let current = 0;
  let finished = false;
  const readAhead = (from: number) => {
    if (finished) return;
    current = Math.max(current, from);
    readTo = Math.max(readTo, current);
    while (readTo < paths.length && readTo < current + READ_AHEAD_FILES && aheadBytes < READ_AHEAD_BYTES && reading < 4) {
      const k = readTo++;
      reading++;
      reads.set(
        k,
        prefetchFile(paths[k]).then((p) => {
          reading--;
          aheadBytes += p?.size ?? 0;
          // Once this import is over (finished or cancelled), nothing more is started.
          if (p && !finished) parsePrefetched(p);
          readAhead(current);
          return p;
        }),
      );
    }
  };
  try {
    for (const [i, path] of paths.entries()) {
      const first = state.ids;
      readAhead(i);
      const prefetched = await (reads.get(i) ?? prefetchFile(path));
      reads.delete(i);
      aheadBytes -= prefetched?.size ?? 0;
      readAhead(i + 1);
      // A large JSON-lines file is read by DuckDB itself (jsonl-direct.ts), in the same transaction as the files before it.
      const direct = await jsonlDirectCandidate(c.port, path, { mapping: opts.mapping, minBytes: opts.jsonlDirectMinBytes, bytes: prefetched?.bytes });
      await group.begin();
      let f: FileOutcome;
      try {
        f = await importSource(c.port, path, {
          prefetched: prefetched ?? undefined,
          firstSourceId: first.sourceId,
          firstEventId: first.eventId,
          signal: opts.signal,
          mapping: opts.mapping,
          sink: group.sink,
          direct,
          begin: () => group.begin(),
          spoolDir: join(c.dir, SPOOL),
          directMinBytes: opts.jsonlDirectMinBytes,
          onProgress: (p) => opts.onProgress?.({ jobId, file: path, ...p, done: false }),
        });
      } catch (e) {
        // Cancelled or unreadable: the case keeps the files before this one and nothing of it.
        await group
          .undoFrom(first.sourceId)
          .then(() => group.commit())
          .catch(salvage);
        done(path, (e as Error).message, 0, 0);
        throw new Error(`${path}: ${(e as Error).message}`);
      }
      const dupOf = state.known.get(f.sha256);
      if (dupOf !== undefined) {
        await group.undoFrom(first.sourceId).catch(async (e: unknown) => {
          await salvage(e);
          await group.begin();
        });
      }
      group.files.push({ path, reports: out.length });
      const records = recordFile(group, f, dupOf, opts.notes);
      out.push(...records);
      if (dupOf === undefined) {
        state.known.set(f.sha256, first.sourceId);
        // recordFile gives a file with nothing readable one source row of its own.
        state.ids = { eventId: f.nextEventId, sourceId: Math.max(f.nextSourceId, ...f.members.map((m) => m.sourceId + 1)) };
      }
      done(path, records.find((r) => r.error?.startsWith('already in this case'))?.error ?? f.error ?? undefined, f.size, records.reduce((n, m) => n + m.recordsRead, 0));
      group.bytes += f.size;
      if (group.bytes >= groupBytes) await commit();
    }
  } finally {
    finished = true;
  }
  await commit();
  return out;
}

/** A file's source rows and notes for the group; a duplicate file is reported as such and adds nothing. */
function recordFile(group: ImportGroup, f: FileOutcome, dupOf: number | undefined, notes?: ImportNote[]): ImportReport['sources'] {
  const out: ImportReport['sources'] = [];
  const duplicate = dupOf !== undefined ? `already in this case as source ${dupOf} (same SHA-256): not imported again` : null;
  if (!duplicate && f.members.length === 0) {
    // Nothing readable inside: still record the file, so its hash and the reason are kept.
    f.members.push({ sourceId: f.nextSourceId, member: '', container: '', memberSha256: f.sha256, memberSize: f.size, format: 'none', recordsRead: 0, recordsStored: 0, recordsRejected: 0, firstRejections: [], firstTime: null, lastTime: null, error: f.error ?? (f.notes.map((n) => `${n.member || f.name}: ${n.note}`).join('; ') || 'no log records found') });
  }
  for (const m of f.members) {
    const error = duplicate ?? m.error ?? (f.error && m === f.members[f.members.length - 1] ? f.error : null);
    if (!duplicate) group.addSource(m.sourceId, f, m, error);
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
    group.addNote(f.path, n.member, n.note);
    notes?.push({ path: f.path, member: n.member, note: n.note });
  }
  return out;
}

/** SHA-256 of every file already in the case → its first source id. */
async function knownHashes(c: OpenCase): Promise<Map<string, number>> {
  const rows = rowsOf<{ sha256: string; id: number }>(await c.port.query(`SELECT sha256, min(id) AS id FROM sources GROUP BY sha256`));
  return new Map(rows.map((r) => [r.sha256, Number(r.id)]));
}
