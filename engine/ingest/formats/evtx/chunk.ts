/**
 * One 64 KiB chunk: header checks, then its records one by one. A record is
 * framed by a signature, its size and a trailing copy of the size, so a
 * damaged record is skipped by looking for the next valid frame.
 */
import { parseNodes, ChunkContext, type Node } from './binxml';
import { u32, u64n } from './bytes';
import { crc32 } from './crc32';
import { chunkHeaderChecksumOk, isChunk, readChunkHeader } from './headers';
import { recordJson } from './render';
import { CHUNK_HEADER_SIZE, CHUNK_SIZE, type EvtxItem } from './types';
import { formatFiletime } from './values';

const RECORD_MAGIC = 0x00002a2a;
const RECORD_HEADER = 24;

function error(offset: number, message: string): EvtxItem {
  return { kind: 'error', offset, message };
}

/** Parses `b`, the bytes of one chunk (shorter when the file is truncated) found at `fileOffset`. */
export function* readChunk(b: Uint8Array, fileOffset: number): Generator<EvtxItem> {
  if (isUnused(b)) return;
  if (!isChunk(b)) return yield error(fileOffset, 'bad chunk signature (expected "ElfChnk"): chunk skipped');
  if (b.length < CHUNK_HEADER_SIZE) return yield error(fileOffset, `truncated chunk header (${b.length} bytes): chunk skipped`);
  if (!chunkHeaderChecksumOk(b)) return yield error(fileOffset, 'chunk header checksum mismatch: chunk skipped');
  const header = readChunkHeader(b);
  let end = header.freeSpaceOffset;
  if (end < CHUNK_HEADER_SIZE || end > CHUNK_SIZE) {
    yield error(fileOffset, `implausible free space offset ${end}: reading records up to the chunk end`);
    end = CHUNK_SIZE;
  }
  if (b.length < CHUNK_SIZE) {
    yield error(fileOffset + b.length, `file truncated inside a chunk (${b.length} of ${CHUNK_SIZE} bytes): reading the complete records`);
    end = Math.min(end, b.length);
  } else if (crc32(b, CHUNK_HEADER_SIZE, end) !== header.dataChecksum) {
    // Records carry their own framing, so a bad checksum costs only the records that fail to parse.
    yield error(fileOffset, 'chunk record data checksum mismatch: reading its records one by one');
  }
  yield* readRecords(b, fileOffset, end);
}

/** Pre-allocated chunks that were never written are all zeros; they are not damage. */
function isUnused(b: Uint8Array): boolean {
  for (let i = 0; i < Math.min(b.length, 512); i++) if (b[i] !== 0) return false;
  return true;
}

function frameOk(b: Uint8Array, p: number, end: number): boolean {
  if (p + RECORD_HEADER + 4 > end || u32(b, p) !== RECORD_MAGIC) return false;
  const size = u32(b, p + 4);
  return size >= RECORD_HEADER + 4 && p + size <= end && u32(b, p + size - 4) === size;
}

/** The next position after `from` where a well-framed record starts, or -1. */
function resync(b: Uint8Array, from: number, end: number): number {
  for (let p = from; p + RECORD_HEADER + 4 <= end; p++) if (b[p] === 0x2a && b[p + 1] === 0x2a && frameOk(b, p, end)) return p;
  return -1;
}

function* readRecords(b: Uint8Array, fileOffset: number, end: number): Generator<EvtxItem> {
  const ctx = new ChunkContext(b);
  let p = CHUNK_HEADER_SIZE;
  while (p + RECORD_HEADER + 4 <= end) {
    if (!frameOk(b, p, end)) {
      if (u32(b, p) === 0 && u32(b, p + 4) === 0) break; // slack after the last record
      if (u32(b, p) === RECORD_MAGIC && p + u32(b, p + 4) > b.length) break; // cut by truncation, already reported
      const next = resync(b, p + 1, end);
      yield error(fileOffset + p, `damaged record frame (signature or size): skipped ${next < 0 ? 'the rest of the chunk' : `${next - p} bytes`}`);
      if (next < 0) break;
      p = next;
      continue;
    }
    const size = u32(b, p + 4);
    const item = readRecord(b, ctx, p, size, fileOffset);
    yield item;
    p += size;
  }
}

function readRecord(b: Uint8Array, ctx: ChunkContext, p: number, size: number, fileOffset: number): EvtxItem {
  const recordId = u64n(b, p + 8);
  try {
    const nodes: Node[] = [];
    parseNodes(ctx, p + RECORD_HEADER, p + size - 4, nodes, 0, false);
    const event = recordJson(nodes);
    return { kind: 'record', recordId, offset: fileOffset + p, timeCreated: systemTime(event) ?? formatFiletime(b, p + 16), event };
  } catch (e) {
    const where = e instanceof Error && 'offset' in e && typeof e.offset === 'number' && e.offset > 0 ? ` at chunk offset ${e.offset}` : '';
    return error(fileOffset + p, `record ${recordId}: ${e instanceof Error ? e.message : String(e)}${where}`);
  }
}

function systemTime(event: Record<string, unknown>): string | undefined {
  const tc = (event.Event as { System?: { TimeCreated?: { '#attributes'?: { SystemTime?: unknown } } } } | undefined)?.System?.TimeCreated;
  const t = tc?.['#attributes']?.SystemTime;
  return typeof t === 'string' && t ? t : undefined;
}
