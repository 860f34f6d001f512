/**
 * Entry of the EVTX parsing thread (bundled to dist/evtx-worker.mjs): parses
 * the units it is sent (`evtxUnitItems`, the very function the importer's
 * own thread runs on the units it keeps) and sends each unit's records back.
 * See `evtx-thread.ts` for the importer's side.
 */
import { parentPort } from 'node:worker_threads';
import { evtxUnitItems } from '../../evtx-format';
import type { FromEvtxThread, ToEvtxThread } from './evtx-thread-protocol';

const port = parentPort;
if (!port) throw new Error('evtx-worker must run as a worker thread');
const post = (m: FromEvtxThread) => port.postMessage(m);

/** Units waiting, in the order they came; a job's are dropped when it is cancelled. */
let waiting: Extract<ToEvtxThread, { type: 'unit' }>[] = [];
let draining = false;

/** One unit per turn of the event loop, so that a cancel sent meanwhile is seen before the next. */
function drain(): void {
  const m = waiting.shift();
  if (!m) {
    draining = false;
    return;
  }
  post({ type: 'items', job: m.job, seq: m.seq, items: evtxUnitItems(m.unit) });
  setImmediate(drain);
}

port.on('message', (m: ToEvtxThread) => {
  if (m.type === 'cancel') {
    waiting = waiting.filter((u) => u.job !== m.job);
    return;
  }
  waiting.push(m);
  if (!draining) {
    draining = true;
    setImmediate(drain);
  }
});

post({ type: 'ready' });
