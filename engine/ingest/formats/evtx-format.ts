/** Windows EVTX as an import format: records as evtx_dump JSON in raw, ECS columns from `windowsEventToEcs`. */
import type { EventRow } from '../../schema/ecs';
import type { RecordItem, StreamFormat } from '../format';
import { frameEvtxStream, readUnit, sniffEvtx, windowsEventToEcs, type EvtxItem, type EvtxUnit } from './evtx';

function recordItem(item: EvtxItem): RecordItem {
  if (item.kind === 'error') return { result: { reject: `damaged EVTX data: ${item.message}` }, line: null, offset: item.offset };
  const row = windowsEventToEcs(item.event) as EventRow;
  row['@timestamp'] ??= item.timeCreated;
  row.raw = JSON.stringify(item.event);
  return { result: row, line: item.recordId, offset: item.offset };
}

/** The import items of one unit (file header or chunk), in file order; any thread may run it. */
export function evtxUnitItems(u: EvtxUnit): RecordItem[] {
  const out: RecordItem[] = [];
  for (const item of readUnit(u)) out.push(recordItem(item));
  return out;
}

export const evtxFormat: StreamFormat = {
  kind: 'stream',
  name: 'evtx',
  sniff: (head) => (sniffEvtx(head) ? 1 : 0),
  async *parse(pieces) {
    for await (const u of frameEvtxStream(pieces)) yield* evtxUnitItems(u);
  },
};
