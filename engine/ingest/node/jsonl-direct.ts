/**
 * Large JSON-lines files read by DuckDB itself. Parsing every line in JS
 * costs several times DuckDB's own reading; so when a file on disk sniffs as
 * JSON lines, plain or in one gzip layer (no field mapping, native DuckDB),
 * DuckDB reads its lines into a staging table (`read_csv`, one row per line,
 * in parallel, on a second connection) and INSERTs of a million lines map and store
 * them (`formats/jsonl-sql.ts`), while JS hashes the file and checks that
 * DuckDB's lines are the line splitter's. The rows are the ones the streaming path stores, with two
 * differences: event ids follow line numbers (first id + line − 1, so blank
 * and rejected lines leave gaps), and for a key given twice in one record
 * the first copy fills the core column (JSON.parse keeps the last).
 *
 * Lines the SQL cannot map exactly as JS does come back to the JS parser one
 * by one, so every rejection keeps its reason, line and offset. When the
 * file holds anything that would make DuckDB's lines differ from the line
 * splitter's (a byte-order mark, NUL or 0x01 bytes, a carriage return not
 * before a newline, both line ends, a line past MAX_LINE_BYTES, invalid
 * UTF-8, a broken gzip stream), or when DuckDB fails on the way, nothing
 * of it is kept here and the caller streams the file as usual.
 *
 * A large JSON-lines member of an archive (zip, tar, nested, gzip inside) is
 * first copied to a file of its own (`spoolJsonlMember`), then read the same way.
 */
import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { basename, isAbsolute, join } from 'node:path';
import { EVENTS_TABLE } from '../../schema/ecs';
import { rowsOf, type SqlPort } from '../../sql/port';
import { EventBatcher, EventSink } from '../batcher';
import { isReject, type ParseContext, type ParseResult } from '../format';
import { jsonlFormat } from '../formats/jsonl';
import { jsonlInsertSql, jsonlSlowShareSql, lineOffsetsSql, stageLinesSql } from '../formats/jsonl-sql';
import { MAX_LINE_BYTES } from '../line-splitter';
import type { FieldMapping } from '../mapping';
import { replay, SNIFF_BYTES, sniffTextHead } from '../parse-member';
import { concatBytes } from '../bytes';
import { isGzip } from '../archive/members';
import { isTar } from '../archive/tar';
import { isZip } from '../archive/zip';
import { ImportCancelled, type FileOutcome, type ImportProgressTick } from './import-outcome';

/** Files from this size go direct: below it, DuckDB's fixed costs outweigh the gain. */
export const DIRECT_MIN_BYTES = 16 << 20;
/** Bytes read to sniff, as the streaming path's first piece. */
const HEAD_BYTES = 1 << 20;
/** Inflated bytes the streaming path sniffs a gzip member on (parse-member's 64 KiB, in zlib's 16 KiB pieces). */
const GZIP_SNIFF_BYTES = 64 << 10;
/** Lines mapped and stored per statement. */
const INSERT_LINES = 1 << 20;
/** Lines the SQL left to JS are read back by ranges of this many lines. */
const SLOW_BATCH = 1 << 16;
/**
 * Lines sampled from the start of a file before it goes direct: when most of
 * them would come back to JS anyway (times the SQL does not read, padded
 * lines), the file is streamed instead, which is then faster.
 */
const SAMPLE_LINES = 10_000;
const MAX_SLOW_SHARE = 0.5;

export interface DirectCandidateOptions {
  mapping?: FieldMapping;
  /** Smallest file (for gzip, the inflated size its trailer gives) that goes direct (default DIRECT_MIN_BYTES). */
  minBytes?: number;
  /** The whole file, when it was read already (a small file read ahead): then no other read is made. */
  bytes?: Uint8Array;
}

/** The size a gzip trailer gives for the last member's inflated bytes (modulo 2^32): a size hint only. */
function gzipSizeHint(tail: Uint8Array): number {
  return tail.length < 4 ? 0 : new DataView(tail.buffer, tail.byteOffset + tail.length - 4, 4).getUint32(0, true);
}

/**
 * Whether a file may go direct: native DuckDB, a file of at least `minBytes`
 * (inflated, for gzip) whose head sniffs as JSON lines, plain or in one gzip
 * layer, no field mapping, and a path DuckDB reads as it is (absolute, no
 * glob characters).
 */
export async function jsonlDirectCandidate(port: SqlPort, path: string, opts: DirectCandidateOptions = {}): Promise<boolean> {
  if (!port.readsFiles || !port.fork || opts.mapping || !isAbsolute(path) || /[*?[\]{}]/.test(path)) return false;
  const minBytes = opts.minBytes ?? DIRECT_MIN_BYTES;
  let fh;
  try {
    let head: Uint8Array;
    let size: number;
    let tail: Uint8Array;
    if (opts.bytes) {
      [head, size, tail] = [opts.bytes.subarray(0, HEAD_BYTES), opts.bytes.length, opts.bytes.subarray(-4)];
    } else {
      fh = await open(path, 'r');
      const st = await fh.stat();
      if (!st.isFile()) return false;
      size = st.size;
      const buf = new Uint8Array(Math.min(size, HEAD_BYTES));
      head = buf.subarray(0, (await fh.read(buf, 0, buf.length, 0)).bytesRead);
      tail = new Uint8Array(4);
      tail = tail.subarray(0, size >= 4 ? (await fh.read(tail, 0, 4, size - 4)).bytesRead : 0);
    }
    const gzip = isGzip(head);
    if (size === 0 || Math.max(size, gzip ? gzipSizeHint(tail) : 0) < minBytes) return false;
    if (gzip) {
      // One gzip layer around JSON lines (not an archive, not gzip again); sniffed on what the streaming path sniffs, 64 KiB inflated.
      head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, GZIP_SNIFF_BYTES);
      if (isGzip(head) || isZip(head) || isTar(head)) return false;
    }
    return sniffTextHead(head)?.name === 'jsonl';
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

/** Whether the file starts as gzip (then it is one gzip layer around JSON lines: `jsonlDirectCandidate`). */
async function startsGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = new Uint8Array(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return isGzip(b.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** What the JS pass over the file found: its digests, and whether DuckDB's lines will be the line splitter's. */
interface FileScan {
  /** Of the file as given. */
  sha256: string;
  size: number;
  /** Of the JSON lines (the inflated bytes of a gzip file; the file's own otherwise). */
  memberSha256: string;
  memberSize: number;
  /** Lines as the line splitter counts them (a last line without newline included). */
  lines: number;
  /** Bytes of each line end: 1 (\n) or 2 (\r\n). */
  terminator: 1 | 2;
  /** Why the file cannot go direct, or null. */
  refusal: string | null;
}

/** Where a piece's last UTF-8 sequence starts when the piece ends inside it, else the piece's length. */
function completeUtf8(b: Uint8Array): number {
  let k = b.length - 1;
  while (k >= 0 && k > b.length - 4 && (b[k] & 0xc0) === 0x80) k--;
  if (k < 0 || b[k] < 0xc0) return b.length;
  const need = b[k] >= 0xf0 ? 4 : b[k] >= 0xe0 ? 3 : 2;
  return b.length - k < need ? k : b.length;
}

/** Checks JSON-lines bytes piece by piece: would DuckDB's `read_csv` cut them into the line splitter's lines? */
class LineCheck {
  /** The bytes' own digest, when they are not the file's (inflated gzip). */
  readonly hash: Hash | null;
  size = 0;
  private lf = 0;
  private crlf = 0;
  private lineStart = 0;
  private last = -1;
  /** The previous piece ended with a carriage return. */
  private crAtEnd = false;
  private carry: Uint8Array | null = null;
  refusal: string | null = null;

  constructor(hash: boolean) {
    this.hash = hash ? createHash('sha256') : null;
  }

  private refuse(why: string): void {
    this.refusal ??= why;
  }

  push(b: Uint8Array): void {
    this.hash?.update(b);
    if (this.refusal === null && b.length > 0) this.check(b);
    if (b.length > 0) this.last = b[b.length - 1];
    this.size += b.length;
  }

  private check(b: Uint8Array): void {
    if (this.size === 0 && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.refuse('a byte-order mark');
    if (b.indexOf(0) >= 0 || b.indexOf(1) >= 0) this.refuse('NUL or 0x01 bytes');
    if (this.crAtEnd) {
      if (b[0] === 10) this.crlf++;
      else this.refuse('a carriage return without newline');
    }
    this.crAtEnd = false;
    for (let i = b.indexOf(13); i >= 0; i = b.indexOf(13, i + 1)) {
      if (i === b.length - 1) this.crAtEnd = true;
      else if (b[i + 1] === 10) this.crlf++;
      else this.refuse('a carriage return without newline');
    }
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) {
      if (this.size + i - this.lineStart > MAX_LINE_BYTES) this.refuse('a line longer than the line limit');
      this.lf++;
      this.lineStart = this.size + i + 1;
    }
    if (this.size + b.length - this.lineStart > MAX_LINE_BYTES) this.refuse('a line longer than the line limit');
    // UTF-8 is checked on whole sequences: one cut by the piece's end waits for the next piece.
    const piece: Uint8Array = this.carry ? Buffer.concat([this.carry, b]) : b;
    const end = completeUtf8(piece);
    this.carry = end < piece.length ? piece.slice(end) : null;
    if (!isUtf8(piece.subarray(0, end))) this.refuse('invalid UTF-8');
  }

  end(): { lines: number; terminator: 1 | 2; refusal: string | null } {
    if (this.crAtEnd) this.refuse('a carriage return without newline');
    if (this.carry) this.refuse('invalid UTF-8');
    if (this.crlf > 0 && this.crlf !== this.lf) this.refuse('both \\n and \\r\\n line ends');
    return { lines: this.lf + (this.size > 0 && this.last !== 10 ? 1 : 0), terminator: this.crlf > 0 ? 2 : 1, refusal: this.refusal };
  }
}

/** Hashes the file and checks its lines (inflated first when it is gzip); a broken gzip stream throws. */
async function scanFile(path: string, gzip: boolean, signal: AbortSignal | undefined, onBytes: (n: number) => void): Promise<FileScan> {
  const fileHash = createHash('sha256');
  let size = 0;
  const lines = new LineCheck(gzip);
  const file = (async function* () {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      if (signal?.aborted) throw new ImportCancelled();
      const b = chunk as Buffer;
      fileHash.update(b);
      size += b.length;
      onBytes(size);
      yield b;
    }
  })();
  if (gzip) {
    // pipeline, not pipe: a failing read (or a cancel) must end the inflating stream too.
    const inflated = pipeline(Readable.from(file), createGunzip(), () => undefined);
    for await (const b of inflated) lines.push(b as Buffer);
  } else {
    for await (const b of file) lines.push(b);
  }
  const sha256 = fileHash.digest('hex');
  return { sha256, size, memberSha256: lines.hash?.digest('hex') ?? sha256, memberSize: lines.size, ...lines.end() };
}

export interface DirectImportOptions {
  firstSourceId: number;
  firstEventId: number;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgressTick) => void;
  /** Where the lines JS parses go (the caller flushes it); without one, they are stored before this returns. */
  sink?: EventSink;
  /** Opens the transaction the rows go into (if it is not open yet), before anything is stored. */
  begin?: () => Promise<void>;
  /** Lines per INSERT statement (default INSERT_LINES; tests use a few). */
  insertLines?: number;
  /** The archive member the file holds (spooled by `spoolJsonlMember`): its path in the archive, and its name in messages. */
  member?: string;
  sourceName?: string;
  /** The time a record's partial time is completed from (the archive's, for a member). */
  referenceTime?: Date;
}

/** Counts over this process's direct imports (files done, why others were streamed, lines left to JS), for tests and the benchmark. */
export const directStats = { files: 0, fallbacks: [] as string[], slowLines: 0 };

/**
 * Where a file's lines are staged: an in-memory database attached for this
 * file alone, filled by a second connection. What that connection commits is
 * read by the importing connection's transaction, whatever that transaction
 * holds already (the files before this one, in the same transaction), and in
 * parallel: DuckDB scanned a table made inside the reading transaction on one
 * thread only (6.5 s against 3.9 s for the inserts of 1M lines). A new
 * database per file, because a transaction that has read a database keeps
 * its first view of it.
 */
interface Staging {
  side: SqlPort;
  db: string;
  /** One row per line (`stageLinesSql`). */
  lines: string;
  /** Each line's byte offset (`lineOffsetsSql`). */
  offsets: string;
}

let stagings = 0;

async function openStaging(port: SqlPort): Promise<Staging> {
  const side = await port.fork!();
  const db = `vestige_stage_${process.pid}_${++stagings}`;
  try {
    await side.exec(`ATTACH ':memory:' AS ${db}`);
  } catch (e) {
    await side.close();
    throw e;
  }
  return { side, db, lines: `${db}.lines`, offsets: `${db}.offsets` };
}

/** Drops the staged lines (a cancel or an error included): the database goes with its tables. */
async function closeStaging(s: Staging): Promise<void> {
  try {
    await s.side.exec(`DETACH ${s.db}`);
  } finally {
    await s.side.close();
  }
}

/**
 * Imports a file `jsonlDirectCandidate` accepted, as one source. Null when it
 * turns out it cannot go direct (see the header): nothing was stored, and
 * the caller streams it.
 */
export async function importJsonlDirect(port: SqlPort, path: string, opts: DirectImportOptions): Promise<FileOutcome | null> {
  const sourceId = opts.firstSourceId;
  const st = await stat(path);
  const total = st.size;
  // Progress in bytes of the whole job: the JS pass is its first 40%, DuckDB's insert most of the rest.
  const progress = (share: number, records = 0) => opts.onProgress?.({ bytesDone: Math.round(total * share), bytesTotal: total, records });
  const gzip = await startsGzip(path);
  const staging = await openStaging(port);
  const { lines, offsets } = staging;
  const sink = opts.sink ?? new EventSink(port);
  const member = opts.member ?? '';
  const batcher = new EventBatcher(sink, sourceId, member, opts.firstEventId);
  let scan: FileScan;
  let fast: { n: bigint; slow: bigint; lo: string | null; hi: string | null };
  try {
    // DuckDB reads the lines while JS hashes and checks the bytes.
    const staged = staging.side.exec(stageLinesSql(lines, path, gzip, MAX_LINE_BYTES + 2)).then(
      () => null,
      (e: Error) => e.message,
    );
    try {
      scan = await scanFile(path, gzip, opts.signal, (n) => progress((0.4 * n) / Math.max(total, 1)));
    } catch (e) {
      // Cancelled, or the bytes are unreadable: DuckDB need not read the rest of the file.
      staging.side.interrupt?.();
      await staged;
      if (e instanceof ImportCancelled) throw e;
      directStats.fallbacks.push(`${path}: ${(e as Error).message}`);
      return null;
    }
    const stageError = await staged;
    const refusal = scan.refusal ?? stageError ?? (await stagedLines(staging, scan.lines));
    if (opts.signal?.aborted) throw new ImportCancelled();
    if (refusal !== null) {
      directStats.fallbacks.push(`${path}: ${refusal}`);
      return null;
    }
    progress(0.5);
    await staging.side.exec(lineOffsetsSql(lines, offsets), [scan.terminator]);
    const [sample] = rowsOf<{ n: bigint; slow: bigint }>(await staging.side.query(jsonlSlowShareSql(lines, offsets, 0, Math.min(scan.lines, SAMPLE_LINES) - 1)));
    if (Number(sample.slow) > MAX_SLOW_SHARE * Number(sample.n)) {
      directStats.fallbacks.push(`${path}: ${sample.slow} of the first ${sample.n} records are not mapped by the SQL`);
      return null;
    }
    await opts.begin?.();
    try {
      try {
        // A statement per million lines: progress moves and a cancel is heard between them (each still spans several row groups, so both cores work).
        const step = opts.insertLines ?? INSERT_LINES;
        for (let from = 0; from < scan.lines; from += step) {
          const to = Math.min(scan.lines, from + step);
          await port.exec(jsonlInsertSql(lines, offsets, from, to - 1), [opts.firstEventId, sourceId, member, 'jsonl']);
          if (opts.signal?.aborted) throw new ImportCancelled();
          progress(0.5 + (0.4 * to) / scan.lines);
        }
        // What the SQL stored, and how many lines it left to JS (markers), in one scan.
        const id = '"vestige.source_id"';
        [fast] = rowsOf<{ n: bigint; slow: bigint; lo: string | null; hi: string | null }>(
          await port.query(
            `SELECT count(*) FILTER (${id} = $1) AS n, count(*) FILTER (${id} = -$1) AS slow,
               strftime(min("@timestamp") FILTER (${id} = $1), '%Y-%m-%dT%H:%M:%S.%gZ') AS lo, strftime(max("@timestamp") FILTER (${id} = $1), '%Y-%m-%dT%H:%M:%S.%gZ') AS hi
             FROM ${EVENTS_TABLE} WHERE ${id} IN ($1, -$1)`,
            [sourceId],
          ),
        );
        progress(0.9, Number(fast.n));
        if (Number(fast.slow) > 0) await parseSlowLines(port, { sourceName: opts.sourceName ?? basename(path), referenceTime: opts.referenceTime ?? st.mtime }, sourceId, opts.firstEventId, scan.lines, batcher, opts.signal);
      } finally {
        // The markers never outlive this call, whatever happened: the caller's undo works by (positive) source id.
        await port.exec(`DELETE FROM ${EVENTS_TABLE} WHERE "vestige.source_id" = ?`, [-sourceId]).catch(() => undefined);
      }
    } catch (e) {
      if (e instanceof ImportCancelled) throw e;
      // DuckDB failed on the way (out of memory or disk, say): what this file stored is taken back, and it is streamed instead.
      await sink.flush();
      await port.exec(`DELETE FROM ${EVENTS_TABLE} WHERE "vestige.source_id" = ?`, [sourceId]);
      await port.exec(`DELETE FROM rejections WHERE source_id = ?`, [sourceId]);
      directStats.fallbacks.push(`${path}: ${(e as Error).message}`);
      return null;
    }
  } finally {
    await closeStaging(staging).catch(() => undefined);
  }
  if (!opts.sink) await sink.flush();
  directStats.files++;
  const stored = Number(fast.n) + batcher.stored;
  const times = [fast.lo, fast.hi, batcher.firstTime, batcher.lastTime].filter((t): t is string => t !== null).sort();
  progress(1, stored + batcher.rejected);
  return {
    path,
    name: basename(path),
    sha256: scan.sha256,
    size: scan.size,
    members: [
      {
        sourceId,
        member,
        container: gzip ? 'gzip' : '',
        memberSha256: scan.memberSha256,
        memberSize: scan.memberSize,
        format: gzip ? 'jsonl+gzip' : 'jsonl',
        recordsRead: stored + batcher.rejected,
        recordsStored: stored,
        recordsRejected: batcher.rejected,
        firstRejections: batcher.firstRejections,
        firstTime: times[0] ?? null,
        lastTime: times[times.length - 1] ?? null,
        error: null,
      },
    ],
    notes: [],
    error: null,
    nextEventId: opts.firstEventId + scan.lines,
    nextSourceId: sourceId + 1,
  };
}

/** Null when the staging table has the line splitter's line count, else why not. */
async function stagedLines(staging: Staging, lines: number): Promise<string | null> {
  const [{ n }] = rowsOf<{ n: bigint }>(await staging.side.query(`SELECT count(*) AS n FROM ${staging.lines}`));
  return Number(n) === lines ? null : `DuckDB read ${n} lines where the line splitter reads ${lines}`;
}

/** The lines the SQL left to JS (markers: source id negated), parsed as the streaming path parses them. */
async function parseSlowLines(port: SqlPort, ctx: ParseContext, sourceId: number, firstEventId: number, lines: number, batcher: EventBatcher, signal?: AbortSignal): Promise<void> {
  const parser = jsonlFormat.create(ctx);
  // By ranges of lines, not "the next N after": each query then filters instead of sorting every marker.
  for (let from = 1; from <= lines; from += SLOW_BATCH) {
    const rows = rowsOf<{ line: bigint; off: bigint; raw: string }>(
      await port.query(
        `SELECT "vestige.line" AS line, "vestige.offset" AS off, message AS raw FROM ${EVENTS_TABLE}
         WHERE "vestige.source_id" = ? AND "vestige.line" BETWEEN ? AND ? ORDER BY "vestige.line"`,
        [-sourceId, from, from + SLOW_BATCH - 1],
      ),
    );
    directStats.slowLines += rows.length;
    for (const r of rows) {
      const line = Number(r.line);
      const out: { result: ParseResult; line: number | null; offset: number | null }[] = [];
      parser.line(r.raw, line, Number(r.off), (result, l, offset) => out.push({ result, line: l, offset }));
      for (const o of out) {
        if (isReject(o.result)) await batcher.reject(o.line, o.offset, o.result.reject);
        else await batcher.add(o.result, o.line, o.offset, firstEventId + line - 1);
      }
    }
    if (signal?.aborted) throw new ImportCancelled();
  }
}

/** An archive member as `spoolJsonlMember` leaves it: in a file of its own for DuckDB, or as pieces for the streaming path. */
export type SpooledMember = { kind: 'file'; path: string; cleanup: () => Promise<void> } | { kind: 'pieces'; pieces: AsyncIterable<Uint8Array> };

/**
 * An archive member (inflated) that sniffs as JSON lines, on the streaming
 * path's first 64 KiB, and holds at least `minBytes` is written to a file of
 * its own under `dir`, for `importJsonlDirect`: DuckDB reads files, not
 * streams. Any other member comes back as pieces, the ones read first then
 * the rest, for the streaming path; so does one whose reading fails (the
 * bytes read before the failure, then the failure itself, as the streaming
 * path would meet them). Memory: at most `minBytes` held at once.
 */
export async function spoolJsonlMember(pieces: AsyncIterable<Uint8Array>, dir: string, minBytes = DIRECT_MIN_BYTES, signal?: AbortSignal): Promise<SpooledMember> {
  const it = pieces[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const more = async () => {
    const n = await it.next();
    if (n.done) done = true;
    else {
      held.push(n.value);
      size += n.value.length;
    }
  };
  const back = (error: unknown = null): SpooledMember => ({ kind: 'pieces', pieces: { [Symbol.asyncIterator]: () => replay(held, done || error !== null ? null : it, error) } });
  try {
    while (!done && size < SNIFF_BYTES) await more();
    // A member read whole and too small is left to the streaming path unsniffed: it sniffs it anyway,
    // and an archive of thousands of small members would otherwise be sniffed twice over.
    if (done && size < minBytes) return back();
    if (sniffTextHead(concatBytes(held, size))?.name !== 'jsonl') return back();
    while (!done && size < minBytes) await more();
  } catch (e) {
    if (e instanceof ImportCancelled) throw e;
    return back(e);
  }
  if (size < minBytes) return back();
  await mkdir(dir, { recursive: true });
  const tmp = await mkdtemp(join(dir, 'member-'));
  const cleanup = () => rm(tmp, { recursive: true, force: true });
  const path = join(tmp, 'member.jsonl');
  const fh = await open(path, 'w');
  let error: unknown = null;
  try {
    for (const b of held) await fh.write(b);
    held.length = 0;
    for (;;) {
      if (signal?.aborted) throw new ImportCancelled();
      const n = await it.next().catch((e: unknown) => {
        if (e instanceof ImportCancelled) throw e;
        error = e;
        return { done: true as const, value: undefined };
      });
      if (n.done) break;
      await fh.write(n.value);
    }
  } catch (e) {
    await fh.close();
    await cleanup();
    throw e;
  }
  await fh.close();
  if (error === null) return { kind: 'file', path, cleanup };
  // The member broke on the way: the streaming path reads what was spooled, then meets the same error.
  const spooled = (async function* () {
    try {
      for await (const b of createReadStream(path, { highWaterMark: 1 << 20 })) yield new Uint8Array((b as Buffer).buffer, (b as Buffer).byteOffset, (b as Buffer).length);
      throw error;
    } finally {
      await cleanup();
    }
  })();
  return { kind: 'pieces', pieces: spooled };
}
