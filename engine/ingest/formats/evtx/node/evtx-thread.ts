/**
 * EVTX parsing shared between a worker thread and the importer's own thread.
 * The importer cuts each member into units (the file header, then 64 KiB
 * chunks, each parsable on its own) and sends a few at a time to the worker;
 * whenever the next records it needs are still on the worker, it parses the
 * next unit nobody has taken itself instead of waiting. So both cores parse
 * while storing keeps pace, and the records come out in file order, the same
 * as `evtxFormat.parse` in one thread gives them (which is what runs when the
 * worker cannot be started, or VESTIGE_EVTX_THREAD=0). If the worker stops,
 * the units it held are parsed here: nothing is lost.
 *
 * Flow control keeps memory flat whatever the file size: no more bytes are
 * read while `evtxThreadLimits.bytesAhead` bytes are cut but not yet stored,
 * or `itemsAhead` records wait to be stored.
 */
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseContext, RecordItem, StreamFormat } from '../../../format';
import { frameEvtxStream, type EvtxUnit } from '../../evtx';
import { evtxFormat, evtxUnitItems } from '../../evtx-format';
import { packageRoot, runningFromSource } from '../../../../host/node/resources';
import type { FromEvtxThread, ToEvtxThread } from './evtx-thread-protocol';

/**
 * For tests and benchmarks: the most bytes a job had cut but not yet handed
 * on (what flow control bounds), and how many units each thread parsed.
 */
export const evtxThreadStats = { maxBytesAhead: 0, unitsOnThread: 0, unitsHere: 0 };

/** Flow control, and units a job has on the worker at once (settings only so that tests can make them tight). */
export const evtxThreadLimits = { bytesAhead: 8 << 20, itemsAhead: 16_384, unitsInFlight: 32 };

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
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
    const fail = () => {
      // What its jobs had sent it is parsed in this thread instead.
      for (const j of t.jobs.values()) j.threadLost();
      t.jobs.clear();
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
      t.jobs.get(m.job)?.onItems(m.seq, m.items);
    });
    worker.on('error', fail);
    worker.on('exit', fail);
  });
  return starting;
}

let nextJob = 0;

interface Slot {
  readonly seq: number;
  readonly unit: EvtxUnit;
  state: 'queued' | 'sent' | 'done';
  items: RecordItem[] | null;
}

/** One member's units, from cut to stored: who parses which, flow control, and the records in order. */
class Job {
  readonly id = nextJob++;
  /** Units not yet handed on, in file order (consecutive `seq`). */
  private readonly slots: Slot[] = [];
  private nextSeq = 0;
  private inFlight = 0;
  private bytes = 0;
  private waiting = 0;
  /** Every unit is cut (or reading stopped). */
  private cut = false;
  private inputError: unknown = null;
  private wakers: (() => void)[] = [];

  /** The worker, until it stops or the job closes (then every unit left is parsed here). */
  private t: Thread | null;

  constructor(t: Thread) {
    this.t = t;
    t.jobs.set(this.id, this);
    // Keeps the worker alive (referenced) while a job is open.
    t.worker.ref();
  }

  private wake(): void {
    const w = this.wakers;
    this.wakers = [];
    for (const f of w) f();
  }

  private changed(): Promise<void> {
    return new Promise<void>((r) => this.wakers.push(r));
  }

  add(unit: EvtxUnit): void {
    this.slots.push({ seq: this.nextSeq++, unit, state: 'queued', items: null });
    this.bytes += unit.bytes.length;
    evtxThreadStats.maxBytesAhead = Math.max(evtxThreadStats.maxBytesAhead, this.bytes);
    this.send();
    this.wake();
  }

  /** No more units: `error`, when set, is thrown after the records of the units cut before it. */
  finish(error: unknown = null): void {
    this.cut = true;
    this.inputError = error;
    this.wake();
  }

  /** Waits while too much is cut but not handed on; false once the job is closed. */
  async room(stopped: () => boolean): Promise<boolean> {
    while (!stopped() && (this.bytes > evtxThreadLimits.bytesAhead || this.waiting > evtxThreadLimits.itemsAhead)) await this.changed();
    return !stopped();
  }

  /** Keeps up to `unitsInFlight` units on the worker, the earliest queued first. */
  private send(): void {
    if (!this.t) return;
    for (const s of this.slots) {
      if (this.inFlight >= evtxThreadLimits.unitsInFlight) return;
      if (s.state !== 'queued') continue;
      s.state = 'sent';
      this.inFlight++;
      const m: ToEvtxThread = { type: 'unit', job: this.id, seq: s.seq, unit: s.unit };
      // Copied, not transferred: the bytes stay here in case the worker stops.
      this.t.worker.postMessage(m);
    }
  }

  private done(s: Slot, items: RecordItem[]): void {
    s.state = 'done';
    s.items = items;
    this.waiting += items.length;
  }

  onItems(seq: number, items: RecordItem[]): void {
    const s = this.slots.length ? this.slots[seq - this.slots[0].seq] : undefined;
    if (!s || s.state !== 'sent') return;
    this.inFlight--;
    evtxThreadStats.unitsOnThread++;
    this.done(s, items);
    this.send();
    this.wake();
  }

  /** The worker stopped: the units it held go back to the queue, for this thread. */
  threadLost(): void {
    this.t = null;
    this.inFlight = 0;
    for (const s of this.slots) if (s.state === 'sent') s.state = 'queued';
    this.wake();
  }

  /** After one turn of the event loop: whether the head is still on the worker. */
  private async stillOnWorker(): Promise<boolean> {
    await new Promise<void>((r) => setImmediate(r));
    return this.slots[0]?.state === 'sent';
  }

  private parseHere(s: Slot): void {
    evtxThreadStats.unitsHere++;
    this.done(s, evtxUnitItems(s.unit));
  }

  /** The records, in file order; throws the reading error after the records cut before it. */
  async *items(): AsyncGenerator<RecordItem> {
    for (;;) {
      const head = this.slots[0];
      if (!head) {
        if (this.cut) break;
        await this.changed();
        continue;
      }
      if (head.state === 'done') {
        this.slots.shift();
        this.bytes -= head.unit.bytes.length;
        this.waiting -= head.items!.length;
        this.wake();
        yield* head.items!;
        continue;
      }
      // The next records are on the worker. Let its replies in first (they arrive between turns of the event loop)…
      if (head.state === 'sent' && (await this.stillOnWorker()) === false) continue;
      // …then, rather than wait, parse the earliest unit nobody has taken.
      const free = this.slots.find((s) => s.state === 'queued');
      if (free) this.parseHere(free);
      else await this.changed();
    }
    if (this.inputError) throw this.inputError;
  }

  close(): void {
    this.cut = true;
    if (this.t) {
      if (this.inFlight) this.t.worker.postMessage({ type: 'cancel', job: this.id } satisfies ToEvtxThread);
      this.t.jobs.delete(this.id);
      if (this.t.jobs.size === 0) this.t.worker.unref();
      this.t = null;
    }
    this.wake();
  }
}

/**
 * Parses started before their turn, on small files read ahead whole (see
 * `parseAhead`), by the buffer holding the bytes: the member whose first
 * piece is a view of those very bytes takes the records instead of cutting
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

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * Starts parsing a file read ahead of its turn (whole, as the importer
 * prefetches small files), so that the thread parses it while the files
 * before it are stored. Starts the thread if need be.
 */
export function parseAhead(bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  void thread().then(async (t) => {
    if (!t || ahead.has(bytes.buffer)) return;
    const job = new Job(t);
    ahead.set(bytes.buffer, { bytes, job });
    if (ahead.size > MAX_AHEAD) {
      const [key, oldest] = ahead.entries().next().value as [ArrayBufferLike, { job: Job }];
      oldest.job.close();
      ahead.delete(key);
    }
    for await (const u of frameEvtxStream(once(bytes))) job.add(u);
    job.finish();
  });
}

/** Forgets parses started ahead that no member took (the import ended). */
export function dropParseAhead(): void {
  for (const a of ahead.values()) a.job.close();
  ahead.clear();
}

/** The member's pieces, the first one put back in front. */
async function* withFirst(first: Uint8Array, it: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  for (;;) {
    const n = await it.next();
    if (n.done) return;
    yield n.value;
  }
}

async function* parseOnThread(t: Thread, pieces: AsyncIterable<Uint8Array>): AsyncGenerator<RecordItem> {
  const it = pieces[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array>;
  let firstError: unknown = null;
  try {
    first = await it.next();
  } catch (e) {
    first = { done: true, value: undefined };
    firstError = e;
  }
  const adopted = first.done ? null : takeAhead(first.value);
  const job = adopted ?? new Job(t);
  let stop = false;
  const pump = (async () => {
    try {
      if (firstError) throw firstError;
      if (adopted) {
        // Its bytes are cut already: the rest are only read (hashed by the caller).
        for (let n = await it.next(); !n.done && !stop; n = await it.next());
        return;
      }
      const input = first.done ? once(new Uint8Array(0)) : withFirst(first.value, it);
      for await (const u of frameEvtxStream(input)) {
        job.add(u);
        if (!(await job.room(() => stop))) return;
      }
      job.finish();
    } catch (e) {
      if (adopted) throw e;
      job.finish(e);
    }
  })();
  let pumpError: unknown = null;
  const pumped = pump.catch((e) => (pumpError = e));
  try {
    yield* job.items();
    await pumped;
    if (pumpError) throw pumpError;
  } finally {
    stop = true;
    job.close();
    await pumped;
  }
}

/** `evtxFormat.parse`, run on the worker thread when it can be. */
export const parseEvtxOnThread: StreamFormat['parse'] = async function* (pieces: AsyncIterable<Uint8Array>, ctx: ParseContext) {
  const t = await thread();
  yield* t ? parseOnThread(t, pieces) : evtxFormat.parse(pieces, ctx);
};

/** Stops the worker (tests: what a crash would do); the units it held are parsed here, and the next job starts another. */
export async function stopEvtxThread(): Promise<void> {
  const t = await thread();
  await t?.worker.terminate();
}

/** Whether EVTX is parsed on the worker thread here (starting it if need be). */
export async function evtxThreadAvailable(): Promise<boolean> {
  return (await thread()) !== null;
}

/** Parses started ahead that no member has taken yet. */
export function parsesAhead(): number {
  return ahead.size;
}
