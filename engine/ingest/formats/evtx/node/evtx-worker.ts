/**
 * Entry of the EVTX parsing thread (bundled to dist/evtx-worker.mjs): runs
 * the same `evtxFormat.parse` the importer would run in its own thread, on
 * the pieces it is sent, and posts the records back in batches. See
 * `evtx-thread.ts` for the importer's side.
 */
import { parentPort } from 'node:worker_threads';
import type { RecordItem } from '../../../format';
import { evtxFormat } from '../../evtx-format';
import type { FromEvtxThread, ToEvtxThread } from './evtx-thread-protocol';

/** Records per message: large enough that messaging costs little, small enough that the importer starts storing early. */
const BATCH = 256;

interface Job {
  queue: Uint8Array[];
  state: 'open' | 'ended' | 'aborted' | 'cancelled';
  wake: (() => void) | null;
}

const port = parentPort;
if (!port) throw new Error('evtx-worker must run as a worker thread');
const post = (m: FromEvtxThread) => port.postMessage(m);
const jobs = new Map<number, Job>();
/** Job ids only grow: a message for an id up to this one with no open job is late (the job ended) and ignored. */
let highest = -1;
let queue: Promise<void> = Promise.resolve();

async function run(id: number, job: Job): Promise<void> {
  let batch: RecordItem[] = [];
  let consumed = 0;
  const flush = () => {
    post({ type: 'items', job: id, items: batch, consumed });
    batch = [];
  };
  async function* input(): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (job.state === 'cancelled') return;
      const piece = job.queue.shift();
      if (piece) {
        yield piece;
        consumed += piece.length;
        continue;
      }
      if (job.state === 'aborted') throw new Error('input aborted');
      if (job.state === 'ended') return;
      // Out of bytes: hand over what is parsed (and how far we got) before waiting for more.
      flush();
      await new Promise<void>((r) => (job.wake = r));
    }
  }
  try {
    for await (const item of evtxFormat.parse(input(), { sourceName: '', referenceTime: new Date() })) {
      if (job.state === 'cancelled') break;
      batch.push(item);
      if (batch.length >= BATCH) flush();
    }
    if (job.state !== 'cancelled') {
      flush();
      post({ type: 'done', job: id });
    }
  } catch (e) {
    if (job.state !== 'cancelled') {
      flush();
      post({ type: 'error', job: id, message: (e as Error).message });
    }
  } finally {
    jobs.delete(id);
  }
}

port.on('message', (m: ToEvtxThread) => {
  let job = jobs.get(m.job);
  if (!job) {
    // A job is opened by its first message; messages for a finished one are late and ignored.
    if (m.job <= highest || (m.type !== 'piece' && m.type !== 'end')) return;
    highest = m.job;
    job = { queue: [], state: 'open', wake: null };
    jobs.set(m.job, job);
    // One job at a time, in the order they came: the importer stores members in that order,
    // so the one it waits for is never slowed by parses started ahead of their turn.
    const [id, j] = [m.job, job];
    queue = queue.then(() => run(id, j));
  }
  if (m.type === 'piece') job.queue.push(m.bytes);
  else job.state = m.type === 'end' ? 'ended' : m.type === 'abort' ? 'aborted' : 'cancelled';
  const wake = job.wake;
  job.wake = null;
  wake?.();
});

post({ type: 'ready' });
