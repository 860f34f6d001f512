/**
 * Streams one file into the case: hashes the bytes as given, gunzips when the
 * content says gzip, sniffs the format from the first lines, parses line by
 * line and stores Arrow batches. Memory stays flat whatever the file size.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { EventBatcher, type RejectionRow } from '../batcher';
import { isReject, type LineParser } from '../format';
import { looksBinary, sniffLineFormat } from '../format-registry';
import { LineSplitter, type Line } from '../line-splitter';
import type { SqlPort } from '../../sql/port';

export interface ImportProgressTick {
  bytesDone: number;
  bytesTotal: number;
  records: number;
}

export interface ImportSourceOptions {
  sourceId: number;
  firstEventId: number;
  onProgress?: (p: ImportProgressTick) => void;
  signal?: AbortSignal;
}

export interface SourceOutcome {
  path: string;
  name: string;
  member: string;
  sha256: string;
  size: number;
  format: string;
  recordsRead: number;
  recordsStored: number;
  recordsRejected: number;
  firstRejections: RejectionRow[];
  firstTime: string | null;
  lastTime: string | null;
  nextEventId: number;
  /** Set when the whole source (or its tail) could not be read. */
  error: string | null;
}

const SNIFF_BYTES = 64 * 1024;

export async function importSource(port: SqlPort, path: string, opts: ImportSourceOptions): Promise<SourceOutcome> {
  const st = await stat(path);
  const hash = createHash('sha256');
  const batcher = new EventBatcher(port, opts.sourceId, '', opts.firstEventId);
  const splitter = new LineSplitter();
  let format = 'unknown';
  let error: string | null = null;
  let bytesDone = 0;
  let parser: LineParser | null = null;
  let head: Uint8Array[] = [];
  let headLen = 0;
  const pending: Line[] = [];

  const onLine = (l: Line) => pending.push(l);
  const drain = async () => {
    for (const l of pending) {
      if (l.text === null) await batcher.reject(l.lineNo, l.offset, l.error ?? 'unreadable line');
      else {
        const r = parser!.parseLine(l.text, l.lineNo);
        if (r === null) continue;
        if (isReject(r)) await batcher.reject(l.lineNo, l.offset, r.reject);
        else await batcher.add(r, l.lineNo, l.offset);
      }
    }
    pending.length = 0;
  };
  const decide = (): boolean => {
    const all = concat(head, headLen);
    head = [];
    if (looksBinary(all)) {
      error = `${basename(path)}: binary data, not a recognised log format`;
      return false;
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(all);
    const lines = text.split('\n').slice(0, 50);
    const f = sniffLineFormat(lines);
    if (!f) {
      error = `${basename(path)}: not a recognised log format (first line: ${JSON.stringify(lines[0]?.slice(0, 80) ?? '')})`;
      return false;
    }
    format = f.name;
    parser = f.create({ sourceName: basename(path), referenceTime: st.mtime });
    splitter.push(all, onLine);
    return true;
  };

  const first = await peek(path);
  const gz = first[0] === 0x1f && first[1] === 0x8b;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const countRaw = (b: Buffer) => {
    hash.update(b);
    bytesDone += b.length;
  };
  let stream: AsyncIterable<Buffer> = raw;
  if (gz) {
    // Hash the compressed bytes as given; parse the inflated ones.
    raw.on('data', (b) => countRaw(b as Buffer));
    stream = raw.pipe(createGunzip());
  }
  let giveUp = false;
  try {
    for await (const chunk of stream) {
      if (opts.signal?.aborted) throw new Error('import cancelled');
      if (!gz) countRaw(chunk);
      if (giveUp) continue; // keep reading so the hash covers the whole file
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      if (!parser) {
        head.push(bytes.slice());
        headLen += bytes.length;
        if (headLen < SNIFF_BYTES) continue;
        if (!decide()) {
          giveUp = true;
          continue;
        }
      } else splitter.push(bytes, onLine);
      await drain();
      opts.onProgress?.({ bytesDone, bytesTotal: st.size, records: batcher.read });
    }
  } catch (e) {
    const msg = (e as Error).message;
    if (msg === 'import cancelled') throw e;
    error = gz ? `${basename(path)}: gzip stream broken after ${bytesDone} compressed bytes (${msg}); records before it were kept` : `${basename(path)}: read failed at byte ${bytesDone}: ${msg}`;
    raw.destroy();
  }
  if (!parser && !giveUp && headLen > 0) decide();
  if (parser) {
    splitter.end(onLine);
    await drain();
  }
  await batcher.flush();
  opts.onProgress?.({ bytesDone: st.size, bytesTotal: st.size, records: batcher.read });
  return {
    path,
    name: basename(path),
    member: '',
    sha256: hash.digest('hex'),
    size: st.size,
    format: gz ? `${format}+gzip` : format,
    recordsRead: batcher.read,
    recordsStored: batcher.stored,
    recordsRejected: batcher.rejected,
    firstRejections: batcher.firstRejections,
    firstTime: batcher.firstTime,
    lastTime: batcher.lastTime,
    nextEventId: batcher.nextEventId,
    error,
  };
}

async function peek(path: string): Promise<Uint8Array> {
  const s = createReadStream(path, { start: 0, end: 3 });
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

function concat(parts: Uint8Array[], len: number): Uint8Array {
  const out = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
