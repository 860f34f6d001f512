/**
 * EVTX parsing on a worker thread, so that parsing a member overlaps storing
 * the records before it: the importer's thread hashes, stores and commits
 * while the worker decodes binary XML. Same records, in the same order, as
 * `evtxFormat.parse` in the importer's own thread, which is what runs when
 * the worker cannot be started (or VESTIGE_EVTX_THREAD=0).
 *
 * Flow control keeps memory flat whatever the file size: at most
 * `evtxThreadLimits.bytesAhead` bytes sent but not yet parsed, and no more
 * bytes sent while `itemsAhead` records wait to be stored.
 */
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseContext, RecordItem, StreamFormat } from '../../../format';
import { evtxFormat } from '../../evtx-format';
import { packageRoot, runningFromSource } from '../../../../host/node/resources';
import type { FromEvtxThread, ToEvtxThread } from './evtx-thread-protocol';

/** The most bytes a job had sent but not yet parsed (what flow control bounds), for tests and benchmarks. */
export const evtxThreadStats = { maxBytesAhead: 0 };

/** Flow control (a setting only so that tests can make it tight). */
export const evtxThreadLimits = { bytesAhead: 8 << 20, itemsAhead: 16_384 };

interface JobListener {
  onItems(items: RecordItem[], consumed: number): void;
  onEnd(error: string | null): void;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, JobListener>;
}

/**
 * How to start the worker: the bundle beside the built app
 * (dist/evtx-worker.mjs, unpacked from Electron's asar), or, when Vestige
 * runs from its source tree (tests, `npm run bench`), the TypeScript source
 * imported through tsx's API (a worker does not inherit tsx's loader).
 */
function workerScript(): { script: string | URL; eval: boolean } | null {
  const root = packageRoot();
  if (runningFromSource()) {
    const file = join(root, 'engine/ingest/formats/evtx/node/evtx-worker.ts');
    const api = join(root, 'node_modules/tsx/dist/esm/api/index.mjs');
    if (!existsSync(file) || !existsSync(api)) return null;
    const [f, a] = [pathToFileURL(file).href, pathToFileURL(api).href];
    return { script: `import(${JSON.stringify(a)}).then((m) => m.tsImport(${JSON.stringify(f)}, ${JSON.stringify(f)}))`, eval: true };
  }
  const file = join(root, 'dist', 'evtx-worker.mjs').replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
  return existsSync(file) ? { script: pathToFileURL(file), eval: false } : null;
}

let starting: Promise<Thread | null> | null = null;

/** The shared worker, started on first use; null when it cannot run (then EVTX is parsed in this thread). */
function thread(): Promise<Thread | null> {
  if (starting) return starting;
  starting = new Promise<Thread | null>((resolve) => {
    const script = process.env.VESTIGE_EVTX_THREAD === '0' ? null : workerScript();
    if (!script) return resolve(null);
    let worker: Worker;
    try {
      worker = new Worker(script.script, { eval: script.eval });
    } catch {
      return resolve(null);
    }
    const t: Thread = { worker, jobs: new Map() };
    let ready = false;
    const fail = (why: string) => {
      for (const j of t.jobs.values()) j.onEnd(`the EVTX parsing thread stopped: ${why}`);
      t.jobs.clear();
      // Parses started ahead on it are lost: their members are parsed afresh when their turn comes.
      ahead.clear();
      // One that ran and stopped is started again for the next member; one that never
      // started stays null (resolved once), so EVTX is parsed in this thread from then on.
      if (ready) starting = null;
      else resolve(null);
    };
    worker.on('message', (m: FromEvtxThread) => {
      if (m.type === 'ready') {
        ready = true;
        // An idle worker does not keep the process alive.
        worker.unref();
        return resolve(t);
      }
      const j = t.jobs.get(m.job);
      if (!j) return;
      if (m.type === 'items') j.onItems(m.items, m.consumed);
      else {
        t.jobs.delete(m.job);
        j.onEnd(m.type === 'error' ? m.message : null);
      }
    });
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
  });
  return starting;
}

let nextJob = 0;

/** One member's parse on the thread: bytes sent, records received, flow control. */
class Job {
  readonly id = nextJob++;
  private readonly batches: RecordItem[][] = [];
  private waiting = 0;
  private sent = 0;
  private consumed = 0;
  ended = false;
  private error: string | null = null;
  private wakeReader: (() => void) | null = null;
  private wakePump: (() => void) | null = null;

  constructor(private readonly t: Thread) {
    t.jobs.set(this.id, {
      onItems: (items, n) => {
        if (items.length) this.batches.push(items);
        this.waiting += items.length;
        this.consumed = n;
        this.wake();
      },
      onEnd: (error) => {
        this.ended = true;
        this.error = error;
        this.wake();
      },
    });
    // Keeps the worker alive (referenced) while a job is open.
    t.worker.ref();
  }

  private post(m: ToEvtxThread, transfer?: ArrayBuffer[]): void {
    this.t.worker.postMessage(m, transfer);
  }

  wake(): void {
    const r = this.wakeReader;
    const p = this.wakePump;
    this.wakeReader = this.wakePump = null;
    r?.();
    p?.();
  }

  /** Waits while too much is sent but unparsed, or parsed but unstored; false once the job is over. */
  async room(stopped: () => boolean): Promise<boolean> {
    while (!stopped() && !this.ended && (this.sent - this.consumed > evtxThreadLimits.bytesAhead || this.waiting > evtxThreadLimits.itemsAhead)) await new Promise<void>((r) => (this.wakePump = r));
    return !stopped() && !this.ended;
  }

  send(piece: Uint8Array): void {
    // A copy of its own, transferred: a view into a larger buffer would send the whole buffer.
    const bytes = piece.slice();
    this.sent += bytes.length;
    evtxThreadStats.maxBytesAhead = Math.max(evtxThreadStats.maxBytesAhead, this.sent - this.consumed);
    this.post({ type: 'piece', job: this.id, bytes }, [bytes.buffer as ArrayBuffer]);
  }

  end(how: 'end' | 'abort'): void {
    if (!this.ended) this.post({ type: how, job: this.id });
  }

  /** The records, in order; throws the thread's error after the records before it. */
  async *items(): AsyncGenerator<RecordItem> {
    for (;;) {
      const batch = this.batches.shift();
      if (batch) {
        this.waiting -= batch.length;
        this.wake();
        yield* batch;
        continue;
      }
      if (this.ended) break;
      await new Promise<void>((r) => (this.wakeReader = r));
    }
    if (this.error) throw new Error(this.error);
  }

  close(): void {
    if (!this.ended) this.post({ type: 'cancel', job: this.id });
    this.ended = true;
    this.t.jobs.delete(this.id);
    if (this.t.jobs.size === 0) this.t.worker.unref();
    this.wake();
  }
}

/**
 * Parses started before their turn, on small files read ahead whole (see
 * `parseAhead`), by the buffer holding the bytes: the member whose first
 * piece is a view of those very bytes takes the records instead of sending
 * the bytes again.
 */
const ahead = new Map<ArrayBufferLike, { bytes: Uint8Array; job: Job }>();
/** Files read ahead are bounded by the importer (READ_AHEAD_FILES); more than this means some were never taken. */
const MAX_AHEAD = 64;

function takeAhead(first: Uint8Array): Job | null {
  const a = ahead.get(first.buffer);
  if (!a || a.bytes.byteOffset !== first.byteOffset) return null;
  ahead.delete(first.buffer);
  return a.job;
}

/**
 * Starts parsing a file read ahead of its turn (whole, as the importer
 * prefetches small files), so that the thread parses it while the files
 * before it are stored. Starts the thread if need be.
 */
export function parseAhead(bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  void thread().then((t) => {
    if (!t || ahead.has(bytes.buffer)) return;
    const job = new Job(t);
    job.send(bytes);
    job.end('end');
    ahead.set(bytes.buffer, { bytes, job });
    if (ahead.size > MAX_AHEAD) {
      const [key, oldest] = ahead.entries().next().value as [ArrayBufferLike, { job: Job }];
      oldest.job.close();
      ahead.delete(key);
    }
  });
}

/** Forgets parses started ahead that no member took (the import ended). */
export function dropParseAhead(): void {
  for (const a of ahead.values()) a.job.close();
  ahead.clear();
}

async function* parseOnThread(t: Thread, pieces: AsyncIterable<Uint8Array>): AsyncGenerator<RecordItem> {
  const it = pieces[Symbol.asyncIterator]();
  let inputError: unknown = null;
  let first: IteratorResult<Uint8Array>;
  try {
    first = await it.next();
  } catch (e) {
    first = { done: true, value: undefined };
    inputError = e;
  }
  const adopted = first.done ? null : takeAhead(first.value);
  const job = adopted ?? new Job(t);
  let stop = false;
  const pump = (async () => {
    try {
      if (inputError) throw inputError;
      let n = first;
      while (!n.done && !stop) {
        // An adopted job has its bytes already: the rest are only read (hashed by the caller).
        if (!adopted) {
          if (!(await job.room(() => stop))) return;
          job.send(n.value);
        }
        n = await it.next();
      }
      if (!adopted && !stop) job.end('end');
    } catch (e) {
      inputError = e;
      if (!stop) job.end('abort');
    }
  })();
  try {
    try {
      yield* job.items();
    } catch (e) {
      // The thread stops with "input aborted" when reading failed: the reading error is the one to report.
      await pump;
      throw inputError ?? e;
    }
    await pump;
    if (inputError) throw inputError;
  } finally {
    stop = true;
    job.close();
    await pump;
  }
}

/** `evtxFormat.parse`, run on the worker thread when it can be. */
export const parseEvtxOnThread: StreamFormat['parse'] = async function* (pieces: AsyncIterable<Uint8Array>, ctx: ParseContext) {
  const t = await thread();
  yield* t ? parseOnThread(t, pieces) : evtxFormat.parse(pieces, ctx);
};

/** Whether EVTX is parsed on the worker thread here (starting it if need be). */
export async function evtxThreadAvailable(): Promise<boolean> {
  return (await thread()) !== null;
}

/** Parses started ahead that no member has taken yet. */
export function parsesAhead(): number {
  return ahead.size;
}
