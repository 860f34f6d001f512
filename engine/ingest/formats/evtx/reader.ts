/** Whole-file and streaming entry points; both hand each 64 KiB chunk to `readChunk`. */
import { readChunk } from './chunk';
import { fileHeaderErrors, isChunk, readChunkHeader } from './headers';
import { CHUNK_SIZE, FILE_HEADER_SIZE, type EvtxItem } from './types';

/** Every chunk present in the file is read, whatever the header's chunk count says (it lags on dirty logs). */
export function* readEvtx(bytes: Uint8Array): Generator<EvtxItem> {
  yield* fileHeaderErrors(bytes.subarray(0, FILE_HEADER_SIZE));
  for (let off = FILE_HEADER_SIZE; off < bytes.length; off += CHUNK_SIZE) {
    yield* readChunk(bytes.subarray(off, Math.min(off + CHUNK_SIZE, bytes.length)), off);
  }
}

/**
 * A piece of the file that is parsed on its own: the file header (bytes
 * 0–4095, or fewer when the file ends sooner), or one 64 KiB chunk (shorter
 * when the file is truncated inside it). Chunks carry their own string and
 * template tables, so any thread can parse any unit.
 */
export interface EvtxUnit {
  readonly kind: 'header' | 'chunk';
  /** Where the unit starts in the file. */
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/**
 * Cuts pieces of any size into units (each a copy of its own, so it can be
 * handed to another thread). If reading fails, the units completed before
 * are yielded and the error is thrown; a part-filled chunk is dropped.
 */
export async function* frameEvtxStream(pieces: AsyncIterable<Uint8Array>): AsyncGenerator<EvtxUnit> {
  let unit = new Uint8Array(FILE_HEADER_SIZE);
  let kind: EvtxUnit['kind'] = 'header';
  let offset = 0;
  let fill = 0;
  for await (const piece of pieces) {
    let i = 0;
    while (i < piece.length) {
      const n = Math.min(unit.length - fill, piece.length - i);
      unit.set(piece.subarray(i, i + n), fill);
      fill += n;
      i += n;
      if (fill === unit.length) {
        yield { kind, offset, bytes: unit };
        offset += unit.length;
        kind = 'chunk';
        unit = new Uint8Array(CHUNK_SIZE);
        fill = 0;
      }
    }
  }
  if (kind === 'header' || fill > 0) yield { kind, offset, bytes: unit.subarray(0, fill) };
}

/** The items of one unit: the header's problems, or a chunk's records and damage. */
export function readUnit(u: EvtxUnit): Iterable<EvtxItem> {
  return u.kind === 'header' ? fileHeaderErrors(u.bytes) : readChunk(u.bytes, u.offset);
}

/** Streams pieces of any size, unit by unit, so memory stays bounded. */
export async function* readEvtxStream(pieces: AsyncIterable<Uint8Array>): AsyncGenerator<EvtxItem> {
  for await (const u of frameEvtxStream(pieces)) yield* readUnit(u);
}

/** Chunks with a chunk signature, and the records their headers declare (first to last record number). */
export function evtxChunkCounts(bytes: Uint8Array): { chunks: number; records: number } {
  let chunks = 0;
  let records = 0;
  for (let off = FILE_HEADER_SIZE; off + 24 <= bytes.length; off += CHUNK_SIZE) {
    const b = bytes.subarray(off, off + CHUNK_SIZE);
    if (!isChunk(b)) continue;
    chunks++;
    const h = readChunkHeader(b);
    if (h.lastRecordNumber >= h.firstRecordNumber) records += h.lastRecordNumber - h.firstRecordNumber + 1;
  }
  return { chunks, records };
}
