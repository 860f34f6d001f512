/** Windows EVTX reader: records as evtx_dump JSON, plus the ECS mapping used by the importer. */
export { readEvtx, readEvtxStream, frameEvtxStream, readUnit, evtxChunkCounts, type EvtxUnit } from './reader';
export { sniffEvtx } from './headers';
export { windowsEventToEcs } from './ecs';
export type { EvtxItem } from './types';
