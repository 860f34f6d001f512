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

/** Streams pieces of any size through one reused 64 KiB buffer, so memory stays bounded. */
export async function* readEvtxStream(pieces: AsyncIterable<Uint8Array>): AsyncGenerator<EvtxItem> {
  const head = new Uint8Array(FILE_HEADER_SIZE);
  const chunk = new Uint8Array(CHUNK_SIZE);
  let headFill = 0;
  let fill = 0;
  let chunkOffset = FILE_HEADER_SIZE;
  for await (const piece of pieces) {
    let i = 0;
    while (i < piece.length) {
      if (headFill < FILE_HEADER_SIZE) {
        const n = Math.min(FILE_HEADER_SIZE - headFill, piece.length - i);
        head.set(piece.subarray(i, i + n), headFill);
        headFill += n;
        i += n;
        if (headFill === FILE_HEADER_SIZE) yield* fileHeaderErrors(head);
        continue;
      }
      const n = Math.min(CHUNK_SIZE - fill, piece.length - i);
      chunk.set(piece.subarray(i, i + n), fill);
      fill += n;
      i += n;
      if (fill === CHUNK_SIZE) {
        // Items hold no reference to `chunk` (strings are copied out), so it can be refilled afterwards.
        yield* readChunk(chunk, chunkOffset);
        chunkOffset += CHUNK_SIZE;
        fill = 0;
      }
    }
  }
  if (headFill < FILE_HEADER_SIZE) yield* fileHeaderErrors(head.subarray(0, headFill));
  else if (fill > 0) yield* readChunk(chunk.subarray(0, fill), chunkOffset);
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
