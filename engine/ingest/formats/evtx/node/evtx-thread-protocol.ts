/**
 * Messages between the importer and the EVTX parsing thread
 * (`evtx-worker.ts`). The importer cuts each member into units (the file
 * header, then 64 KiB chunks) and sends some of them; the thread parses each
 * unit it gets and sends its records back. The importer parses the others
 * itself, and keeps the order.
 */
import type { RecordItem } from '../../../format';
import type { EvtxUnit } from '../../evtx';

export type ToEvtxThread =
  /** `seq`: the unit's place in its job, echoed back with its records. */
  | { type: 'unit'; job: number; seq: number; unit: EvtxUnit }
  /** Nobody reads the job's records any more: its units still waiting are dropped. */
  | { type: 'cancel'; job: number };

export type FromEvtxThread =
  | { type: 'ready' }
  | { type: 'items'; job: number; seq: number; items: RecordItem[] };
