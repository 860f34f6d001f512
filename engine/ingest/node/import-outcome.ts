/** What importing one file gives back (`import-source.ts`, `jsonl-direct.ts`). */
import type { RejectionRow } from '../batcher';

export interface ImportProgressTick {
  bytesDone: number;
  bytesTotal: number;
  records: number;
}

export interface MemberOutcome {
  sourceId: number;
  member: string;
  container: string;
  memberSha256: string;
  memberSize: number;
  format: string;
  recordsRead: number;
  recordsStored: number;
  recordsRejected: number;
  firstRejections: RejectionRow[];
  firstTime: string | null;
  lastTime: string | null;
  error: string | null;
}

export interface FileOutcome {
  path: string;
  name: string;
  sha256: string;
  size: number;
  members: MemberOutcome[];
  notes: { member: string; note: string }[];
  /** A failure of the file or its containers (members read before it are kept). */
  error: string | null;
  nextEventId: number;
  nextSourceId: number;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}
