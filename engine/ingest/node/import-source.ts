/**
 * Streams one file into the case: hashes the bytes as given, walks any
 * containers inside (gzip, zip, tar, nested) to the log files, sniffs and
 * parses each, and stores Arrow batches. Every leaf becomes its own source
 * row with its member path and its own SHA-256. Memory stays flat whatever
 * the file size.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { walkMembers, type Inflate } from '../archive/members';
import { EventBatcher, EventSink } from '../batcher';
import { ImportCancelled, type FileOutcome, type ImportProgressTick } from './import-outcome';
import type { FieldMapping } from '../mapping';
import { parseMember } from '../parse-member';
import { sniffEvtx } from '../formats/evtx';
import { dropParseAhead, parseAhead, parseEvtxOnThread } from '../formats/evtx/node/evtx-thread';
import type { SqlPort } from '../../sql/port';
import { importJsonlDirect, spoolJsonlMember } from './jsonl-direct';

export { ImportCancelled, type FileOutcome, type ImportProgressTick, type MemberOutcome } from './import-outcome';

export interface ImportSourceOptions {
  firstSourceId: number;
  firstEventId: number;
  onProgress?: (p: ImportProgressTick) => void;
  signal?: AbortSignal;
  /** A user's field mapping for generic JSON/CSV sources. */
  mapping?: FieldMapping;
  /**
   * Where rows go, shared with other files of the same transaction (the
   * caller flushes it); without one, the file's rows are stored before this returns.
   */
  sink?: EventSink;
  /** The whole file, already read (a small file read while the one before it was parsed). */
  prefetched?: PrefetchedFile;
  /**
   * The file may be read by DuckDB itself (`jsonlDirectCandidate` said so):
   * tried first, streamed as usual when it turns out it cannot (`jsonl-direct.ts`).
   */
  direct?: boolean;
  /** Opens the caller's transaction; called before anything is stored. */
  begin?: () => Promise<void>;
  /**
   * Where an archive member that is a large JSON-lines file (`spoolJsonlMember`) is
   * written for DuckDB to read it (`importJsonlDirect`); without one, members are streamed.
   */
  spoolDir?: string;
  /** The smallest such member (default DIRECT_MIN_BYTES). */
  directMinBytes?: number;
}

export interface PrefetchedFile {
  size: number;
  mtime: Date;
  bytes: Uint8Array;
}

/** EVTX parsing is shared with a worker thread, overlapping the storing of what was parsed before. */
const STREAM_PARSERS = { evtx: parseEvtxOnThread };

/** Files up to this size are read whole ahead of their turn. */
const PREFETCH_MAX = 8 << 20;

/** Reads a small file whole, so its I/O overlaps the parsing of the file before it; null for a large or unreadable one. */
export async function prefetchFile(path: string): Promise<PrefetchedFile | null> {
  try {
    const st = await stat(path);
    if (!st.isFile() || st.size > PREFETCH_MAX) return null;
    const b = await readFile(path);
    return b.length === st.size ? { size: st.size, mtime: st.mtime, bytes: new Uint8Array(b.buffer, b.byteOffset, b.length) } : null;
  } catch {
    return null;
  }
}

/**
 * Starts the parsing of a prefetched EVTX file on the worker thread, before its
 * turn (its import takes the records); other files are left alone.
 * `dropReadAhead` forgets what no import took.
 */
export function parsePrefetched(p: PrefetchedFile): void {
  if (sniffEvtx(p.bytes)) parseAhead(p.bytes);
}

/** Drops parses started on prefetched files that no import took (call when an import ends). */
export function dropReadAhead(): void {
  dropParseAhead();
}

async function* slices(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
}

/**
 * gzip via Node's zlib; a broken stream says how far into the file it got.
 * `pipeline`, not `pipe`: a failing read or a cancel (thrown by `pieces`)
 * must end the inflating stream too, as that error, instead of leaving it
 * waiting or emitting an error nobody listens to.
 */
function gunzipAt(position: () => number): Inflate {
  return (pieces) => {
    const z = pipeline(Readable.from(pieces), createGunzip(), () => undefined);
    return (async function* () {
      try {
        for await (const b of z) yield new Uint8Array((b as Buffer).buffer, (b as Buffer).byteOffset, (b as Buffer).length);
      } catch (e) {
        if (!String((e as { code?: unknown }).code ?? '').startsWith('Z_')) throw e;
        throw new Error(`gzip stream broken near byte ${position()} of the file (${(e as Error).message})`);
      }
    })();
  };
}

export async function importSource(port: SqlPort, path: string, opts: ImportSourceOptions): Promise<FileOutcome> {
  if (opts.direct) {
    const done = await importJsonlDirect(port, path, opts);
    if (done) return done;
  }
  await opts.begin?.();
  const st = opts.prefetched ?? (await stat(path));
  const hash = createHash('sha256');
  let bytesDone = 0;
  let records = 0;
  /**
   * The bytes progress shows. While a member is copied out for DuckDB, its
   * bytes count for a third of their share, DuckDB's import of the copy for the rest.
   */
  let spooledFrom: number | null = null;
  const shown = (n: number) => (spooledFrom === null ? n : spooledFrom + (n - spooledFrom) / 3);
  const stream: AsyncIterable<Uint8Array> = opts.prefetched ? slices(opts.prefetched.bytes, 1 << 20) : createReadStream(path, { highWaterMark: 1 << 20 });
  const raw = (async function* () {
    for await (const b of stream) {
      if (opts.signal?.aborted) throw new ImportCancelled();
      hash.update(b);
      bytesDone += b.length;
      opts.onProgress?.({ bytesDone: shown(bytesDone), bytesTotal: st.size, records });
      yield b instanceof Buffer ? new Uint8Array(b.buffer, b.byteOffset, b.length) : b;
    }
  })();
  const sink = opts.sink ?? new EventSink(port);
  const spool = opts.spoolDir && port.readsFiles && port.fork && !opts.mapping && opts.directMinBytes !== Infinity ? opts.spoolDir : null;
  const out: FileOutcome = { path, name: basename(path), sha256: '', size: st.size, members: [], notes: [], error: null, nextEventId: opts.firstEventId, nextSourceId: opts.firstSourceId };
  try {
    for await (const m of walkMembers(raw, gunzipAt(() => bytesDone))) {
      if (m.kind === 'note') {
        out.notes.push({ member: m.member, note: m.note });
        continue;
      }
      const sourceId = out.nextSourceId++;
      const batcher = new EventBatcher(sink, sourceId, m.member, out.nextEventId);
      // A plain file is its own member: its digest is the file's, computed once below.
      const memberHash = m.container ? createHash('sha256') : null;
      let memberSize = 0;
      const counted = (async function* () {
        for await (const p of m.pieces) {
          memberHash?.update(p);
          memberSize += p.length;
          yield p;
        }
      })();
      const name = m.member ? basename(m.member) : basename(path);
      const ctx = { sourceName: m.member ? `${basename(path)}:${m.member}` : name, referenceTime: st.mtime, mapping: opts.mapping, streamParsers: STREAM_PARSERS };
      const containers = m.container.replace(/\//g, '+');
      const recordMember = (r: Awaited<ReturnType<typeof parseMember>>) => {
        if (opts.signal?.aborted) throw new ImportCancelled();
        records += batcher.read;
        out.nextEventId = batcher.nextEventId;
        out.members.push({
          sourceId,
          member: m.member,
          container: m.container,
          memberSha256: memberHash?.digest('hex') ?? '',
          memberSize,
          format: m.container ? `${r.format}+${containers}` : r.format,
          recordsRead: batcher.read,
          recordsStored: batcher.stored,
          recordsRejected: batcher.rejected,
          firstRejections: batcher.firstRejections,
          firstTime: batcher.firstTime,
          lastTime: batcher.lastTime,
          error: r.error,
        });
      };
      let pieces: AsyncIterable<Uint8Array> = counted;
      if (spool && m.container) {
        // A large JSON-lines member is written to a file of its own and read by DuckDB, as a large JSON-lines file is.
        spooledFrom = bytesDone;
        let s;
        try {
          s = await spoolJsonlMember(counted, spool, opts.directMinBytes, opts.signal);
        } finally {
          if (s?.kind !== 'file') spooledFrom = null;
        }
        if (s.kind === 'pieces') pieces = s.pieces;
        else {
          try {
            const before = records;
            const direct = await importJsonlDirect(port, s.path, {
              firstSourceId: sourceId,
              firstEventId: out.nextEventId,
              signal: opts.signal,
              sink,
              begin: opts.begin,
              member: m.member,
              sourceName: ctx.sourceName,
              referenceTime: st.mtime,
              onProgress: (p) => {
                const from = spooledFrom ?? bytesDone;
                const share = (bytesDone - from) * (1 / 3 + ((2 / 3) * p.bytesDone) / Math.max(p.bytesTotal, 1));
                opts.onProgress?.({ bytesDone: Math.round(from + share), bytesTotal: st.size, records: before + p.records });
              },
            });
            if (direct) {
              const d = direct.members[0];
              records += d.recordsRead;
              out.nextEventId = direct.nextEventId;
              out.members.push({ ...d, container: m.container, memberSha256: memberHash?.digest('hex') ?? d.memberSha256, memberSize, format: `${d.format}+${containers}` });
              continue;
            }
            // DuckDB would not cut its lines as the line splitter does: streamed, from the spooled copy.
            const r = await parseMember(createReadStream(s.path, { highWaterMark: 1 << 20 }), ctx, batcher);
            recordMember(r);
            continue;
          } finally {
            spooledFrom = null;
            await s.cleanup();
          }
        }
      }
      recordMember(await parseMember(pieces, ctx, batcher));
    }
  } catch (e) {
    if (e instanceof ImportCancelled) throw e;
    out.error = `${basename(path)}: ${(e as Error).message} (after ${bytesDone} bytes; members read before it were kept)`;
  }
  if (!opts.sink) await sink.flush();
  // The digest covers the whole file even when a container stopped early.
  if (bytesDone < st.size) {
    for await (const b of createReadStream(path, { start: bytesDone, highWaterMark: 1 << 20 })) hash.update(b as Buffer);
  }
  out.sha256 = hash.digest('hex');
  for (const m of out.members) if (!m.container) m.memberSha256 = out.sha256;
  opts.onProgress?.({ bytesDone: st.size, bytesTotal: st.size, records });
  return out;
}
