/**
 * JSON lines through DuckDB: parsing every line in JS costs more than DuckDB's
 * whole `read_json`, so for large members JS only cuts the stream into pieces
 * of whole lines (native `lastIndexOf`) and counts their newlines; DuckDB
 * splits, parses and maps each piece (`jsonl-sql.ts`) on two connections at
 * once, and the rows are stored in line order with the same ids, provenance
 * and accounting the JS path gives.
 *
 * Lines the SQL cannot read exactly like `jsonObjectToRow` ("slow" lines:
 * invalid JSON, non-objects, odd times…) come back to the JS parser one by
 * one, so every rejection keeps its reason, line and offset. A piece that is
 * not valid UTF-8, and everything after a line too long to buffer, go through
 * the JS line path (`LineSplitter`), exactly as without this file.
 */
import type { Table } from 'apache-arrow';
import { rowsOf, type SqlParam, type SqlPort } from '../sql/port';
import type { EventBatcher } from './batcher';
import { isReject, type LineParser, type ParseResult } from './format';
import { pieceSql } from './jsonl-sql';
import { LineSplitter, MAX_LINE_BYTES, type Line } from './line-splitter';

/** What the fast path needs beyond SqlPort; the native adapter has it, duckdb-wasm does not. */
export interface BulkSqlPort extends SqlPort {
  /** Another connection to the same database, working beside this one. */
  fork(): Promise<BulkSqlPort>;
  /** One statement whose first parameter is `bytes` (a BLOB); the rows it changed. */
  execBytes(sql: string, bytes: Uint8Array, params?: readonly SqlParam[]): Promise<number>;
  queryBytes(sql: string, bytes: Uint8Array, params?: readonly SqlParam[]): Promise<Table>;
}

export function bulkPortOf(port: SqlPort): BulkSqlPort | null {
  const p = port as Partial<BulkSqlPort>;
  return typeof p.fork === 'function' && typeof p.execBytes === 'function' && typeof p.queryBytes === 'function' ? (port as BulkSqlPort) : null;
}

export interface BulkOptions {
  /** Bytes per piece handed to DuckDB (cut at the last newline). */
  pieceBytes?: number;
  /** Connections parsing pieces at once. */
  sessions?: number;
  /** Longest line; longer ones are rejected, and the rest of the member goes through the JS path. */
  maxLineBytes?: number;
}

interface Item {
  kind: 'sql' | 'js';
  bytes: Uint8Array;
  line: number;
  offset: number;
  /** Lines in the piece, and how many of them are empty (a blank line gives no record). */
  lines: number;
  empty: number;
}

const NL = 10;

/** Always a copy: pieces are kept while DuckDB works, and a reader may reuse its buffers. */
function concat(parts: Uint8Array[], len: number): Uint8Array {
  const out = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const CR = 13;

/** Lines and empty lines (nothing, or a lone CR, before the newline) in whole lines; `last`: the piece may end without a newline. */
function countLines(b: Uint8Array, last: boolean): { lines: number; empty: number } {
  let lines = 0;
  let empty = 0;
  let start = 0;
  for (let i = b.indexOf(NL); i >= 0; i = b.indexOf(NL, i + 1)) {
    lines++;
    if (i === start || (i === start + 1 && b[start] === CR)) empty++;
    start = i + 1;
  }
  if (last && start < b.length) {
    lines++;
    if (b.length - start === 1 && b[start] === CR) empty++;
  }
  return { lines, empty };
}

/** Cuts the stream into pieces of whole lines, each with its first line number and byte offset. */
async function* cut(pieces: AsyncIterable<Uint8Array>, target: number, maxLine: number): AsyncGenerator<Item> {
  let buf: Uint8Array[] = [];
  let len = 0;
  let line = 1;
  let offset = 0;
  let js = false;
  try {
    for await (const p of pieces) {
      if (js) {
        yield { kind: 'js', bytes: p, line, offset, lines: 0, empty: 0 };
        continue;
      }
      buf.push(p);
      len += p.length;
      if (len < target) continue;
      const all = concat(buf, len);
      const nl = all.lastIndexOf(NL);
      if (nl < 0) {
        buf = [all];
        if (len > maxLine) {
          // A line longer than any piece: the JS splitter rejects it and reads on.
          js = true;
          yield { kind: 'js', bytes: all, line, offset, lines: 0, empty: 0 };
          buf = [];
          len = 0;
        }
        continue;
      }
      const piece = all.subarray(0, nl + 1);
      const n = countLines(piece, false);
      yield { kind: 'sql', bytes: piece, line, offset, ...n };
      line += n.lines;
      offset += piece.length;
      const rest = all.subarray(nl + 1);
      buf = rest.length > 0 ? [rest] : [];
      len = rest.length;
    }
  } catch (e) {
    // A broken stream (truncated gzip…): what was read is kept, as on the JS path.
    if (len > 0) {
      const bytes = concat(buf, len);
      yield { kind: js ? 'js' : 'sql', bytes, line, offset, ...countLines(bytes, true) };
    }
    throw e;
  }
  if (len > 0) {
    const bytes = concat(buf, len);
    yield { kind: js ? 'js' : 'sql', bytes, line, offset, ...countLines(bytes, true) };
  }
}

/** Reads a member of JSON lines into the batcher's case (event id = the member's first id + line − 1). */
export async function bulkJsonLines(
  port: BulkSqlPort,
  pieces: AsyncIterable<Uint8Array>,
  parser: LineParser,
  batcher: EventBatcher,
  opts: BulkOptions = {},
): Promise<void> {
  const maxLine = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const firstId = batcher.nextEventId;
  const idOf = (line: number | null) => (line === null ? undefined : firstId + line - 1);
  const sessions: BulkSqlPort[] = [];
  const busy: Promise<void>[] = [];
  let sqlStored = 0;
  let lastLine = 0;
  let jsSplitter: LineSplitter | null = null;
  const pending: { r: ParseResult; line: number | null; offset: number | null }[] = [];
  const emit = (r: ParseResult, line: number | null, offset: number | null) => pending.push({ r, line, offset });
  const onLine = (l: Line) => {
    lastLine = Math.max(lastLine, l.lineNo);
    if (l.text === null) emit({ reject: l.error ?? 'unreadable line' }, l.lineNo, l.offset);
    else parser.line(l.text, l.lineNo, l.offset, emit);
  };
  const drain = async () => {
    const out = pending.splice(0);
    for (const p of out) {
      if (isReject(p.r)) await batcher.reject(p.line, p.offset, p.r.reject);
      else await batcher.add(p.r, p.line, p.offset, idOf(p.line));
    }
  };
  let n = 0;
  let failure: unknown = null;
  try {
    for await (const item of cut(pieces, opts.pieceBytes ?? 4 << 20, maxLine)) {
      if (failure) throw failure;
      if (item.kind === 'js') {
        jsSplitter ??= new LineSplitter({ maxLineBytes: maxLine, firstLine: item.line, firstOffset: item.offset });
        jsSplitter.push(item.bytes, onLine);
        await drain();
        continue;
      }
      lastLine = Math.max(lastLine, item.line + item.lines - 1);
      const k = n++ % (opts.sessions ?? 2);
      if (!sessions[k]) {
        sessions[k] = await port.fork();
        // Each row carries its line and id, so the sink need not keep order (measured: about half the insert time).
        await sessions[k].exec('SET SESSION preserve_insertion_order = false');
      }
      await busy[k];
      const s = sessions[k];
      busy[k] = (async () => {
        const params = [item.line, item.offset, firstId, batcher.sourceIdValue, batcher.memberName];
        let stored: number;
        try {
          stored = await s.execBytes(pieceSql('insert', 'jsonl'), item.bytes, params).catch(() => s.execBytes(pieceSql('insert-safe', 'jsonl'), item.bytes, params));
        } catch {
          // Not UTF-8 (or something DuckDB cannot read): this piece goes line by line in JS.
          const splitter = new LineSplitter({ maxLineBytes: maxLine, firstLine: item.line, firstOffset: item.offset });
          splitter.push(item.bytes, onLine);
          splitter.end(onLine);
          await drain();
          return;
        }
        sqlStored += stored;
        if (stored === item.lines - item.empty) return;
        const slow = rowsOf<{ line: bigint; off: bigint; text: string }>(await s.queryBytes(pieceSql('slow', 'jsonl'), item.bytes, params.slice(0, 2)));
        for (const r of slow) {
          // As the LineSplitter gives it: its decoder drops a BOM starting a line.
          const text = r.text.replace(/^\uFEFF/, '');
          const line = Number(r.line);
          const offset = Number(r.off);
          if (new TextEncoder().encode(text).length > maxLine) emit({ reject: `line longer than ${maxLine} bytes: skipped` }, line, offset);
          else parser.line(text, line, offset, emit);
        }
        await drain();
      })().catch((e: unknown) => {
        failure ??= e;
      });
    }
  } finally {
    await Promise.all(busy);
    jsSplitter?.end(onLine);
    parser.end(emit);
    await drain();
    for (const s of sessions) await s.close();
  }
  if (failure) throw failure;
  if (sqlStored > 0) {
    const [t] = rowsOf<{ lo: bigint | null; hi: bigint | null }>(
      await port.query(`SELECT epoch_ms(min("@timestamp")) AS lo, epoch_ms(max("@timestamp")) AS hi FROM events WHERE "vestige.source_id" = ? AND "event.id" >= ?`, [batcher.sourceIdValue, firstId]),
    );
    batcher.noteStored(sqlStored, t.lo === null ? null : new Date(Number(t.lo)).toISOString(), t.hi === null ? null : new Date(Number(t.hi)).toISOString());
  }
  batcher.skipIdsTo(firstId + lastLine);
}
