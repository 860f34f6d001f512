/** Windows EVTX reader: records as evtx_dump JSON, plus the ECS mapping used by the importer. */
export { readEvtx, readEvtxStream, evtxChunkCounts } from './reader';
export { sniffEvtx } from './headers';
export { windowsEventToEcs } from './ecs';
export type { EvtxItem } from './types';
