/**
 * Messages between the importer and the EVTX parsing thread
 * (`evtx-worker.ts`). One job per member; its bytes go over as transferred
 * pieces, its records come back in batches, in file order.
 */
import type { RecordItem } from '../../../format';

export type ToEvtxThread =
  | { type: 'piece'; job: number; bytes: Uint8Array }
  /** No more bytes: parse what is left (a partial last chunk included), then say done. */
  | { type: 'end'; job: number }
  /** Reading the input failed: stop as the in-thread parser does when its input throws. */
  | { type: 'abort'; job: number }
  /** Nobody reads the records any more. */
  | { type: 'cancel'; job: number };

export type FromEvtxThread =
  | { type: 'ready' }
  /** `consumed`: bytes of the job handed to the parser so far (the importer's flow control). */
  | { type: 'items'; job: number; items: RecordItem[]; consumed: number }
  | { type: 'done'; job: number }
  | { type: 'error'; job: number; message: string };
