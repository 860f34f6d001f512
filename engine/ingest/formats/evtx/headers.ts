/** File and chunk headers: signatures, checksums and the counts they declare. */
import { u32, u64n } from './bytes';
import { crc32 } from './crc32';
import { CHUNK_HEADER_SIZE, type EvtxItem } from './types';

const FILE_MAGIC = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // "ElfFile\0"
const CHUNK_MAGIC = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]; // "ElfChnk\0"

function hasMagic(b: Uint8Array, magic: readonly number[]): boolean {
  if (b.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (b[i] !== magic[i]) return false;
  return true;
}

export function sniffEvtx(head: Uint8Array): boolean {
  return hasMagic(head, FILE_MAGIC);
}

export function isChunk(b: Uint8Array): boolean {
  return hasMagic(b, CHUNK_MAGIC);
}

/** Problems with the file header. None of its fields are needed to read chunks, so they are only reported. */
export function fileHeaderErrors(head: Uint8Array): EvtxItem[] {
  if (head.length < 128) return [{ kind: 'error', offset: 0, message: `file too short for an EVTX header (${head.length} bytes)` }];
  if (!sniffEvtx(head)) return [{ kind: 'error', offset: 0, message: 'bad file header signature (expected "ElfFile")' }];
  if (crc32(head, 0, 120) !== u32(head, 124)) return [{ kind: 'error', offset: 0, message: 'file header checksum mismatch' }];
  return [];
}

export interface ChunkHeader {
  readonly firstRecordNumber: number;
  readonly lastRecordNumber: number;
  readonly freeSpaceOffset: number;
  readonly dataChecksum: number;
}

export function readChunkHeader(b: Uint8Array): ChunkHeader {
  return {
    firstRecordNumber: u64n(b, 8),
    lastRecordNumber: u64n(b, 16),
    freeSpaceOffset: u32(b, 48),
    dataChecksum: u32(b, 52),
  };
}

/** The header checksum covers bytes 0–120 and 128–512 (it skips the flags and itself). */
export function chunkHeaderChecksumOk(b: Uint8Array): boolean {
  return crc32(b, 128, CHUNK_HEADER_SIZE, crc32(b, 0, 120)) === u32(b, 124);
}
