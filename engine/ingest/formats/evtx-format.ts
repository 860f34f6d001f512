/** Windows EVTX as an import format: records as evtx_dump JSON in raw, ECS columns from `windowsEventToEcs`. */
import type { EventRow } from '../../schema/ecs';
import type { StreamFormat } from '../format';
import { readEvtxStream, sniffEvtx, windowsEventToEcs } from './evtx';

export const evtxFormat: StreamFormat = {
  kind: 'stream',
  name: 'evtx',
  sniff: (head) => (sniffEvtx(head) ? 1 : 0),
  async *parse(pieces) {
    for await (const item of readEvtxStream(pieces)) {
      if (item.kind === 'error') {
        yield { result: { reject: `damaged EVTX data: ${item.message}` }, line: null, offset: item.offset };
        continue;
      }
      const row = windowsEventToEcs(item.event) as EventRow;
      row['@timestamp'] ??= item.timeCreated;
      row.raw = JSON.stringify(item.event);
      yield { result: row, line: item.recordId, offset: item.offset };
    }
  },
};
