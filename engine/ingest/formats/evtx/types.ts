export type EvtxItem =
  | {
      kind: 'record';
      recordId: number;
      /** Byte offset of the record in the file. */
      offset: number;
      /** ISO 8601 UTC with microseconds, e.g. 2019-03-19T23:34:25.803921Z. */
      timeCreated: string;
      /** The record exactly as `evtx_dump -o json` prints it: `{ Event: { System, EventData | UserData } }`. */
      event: Record<string, unknown>;
    }
  /** A damaged file header, chunk or record: skipped and reported, parsing goes on. */
  | { kind: 'error'; offset: number; message: string };

export const FILE_HEADER_SIZE = 4096;
export const CHUNK_SIZE = 65536;
/** Records start after the chunk header, string table (64 offsets) and template table (32 offsets). */
export const CHUNK_HEADER_SIZE = 512;
