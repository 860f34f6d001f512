/**
 * An async queue between a push-style producer (fflate's callbacks) and a
 * pull-style consumer, with a shared byte gauge so the producer can wait
 * until the consumer has caught up (memory stays bounded).
 */
export class Gauge {
  private bytes = 0;
  private waiters: (() => void)[] = [];
  stopped = false;
  /** The consumer is gone: release the producer for good. */
  stop(): void {
    this.stopped = true;
    this.add(-Infinity);
  }
  add(n: number): void {
    this.bytes += n;
    if (this.bytes <= 0) {
      this.bytes = 0;
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    }
  }
  /** Resolves once everything queued has been consumed or discarded. */
  idle(): Promise<void> {
    return this.bytes <= 0 || this.stopped ? Promise.resolve() : new Promise((ok) => this.waiters.push(ok));
  }
}

export class Channel implements AsyncIterable<Uint8Array> {
  private queue: Uint8Array[] = [];
  private closed = false;
  private discarded = false;
  private error: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly gauge: Gauge) {}

  push(b: Uint8Array): void {
    if (this.discarded || this.closed) return;
    this.queue.push(b);
    this.gauge.add(b.length);
    this.poke();
  }
  close(): void {
    this.closed = true;
    this.poke();
  }
  fail(e: Error): void {
    this.error = e;
    this.closed = true;
    this.poke();
  }
  /** The consumer moved on: drop what is queued and whatever still comes. */
  discard(): void {
    this.discarded = true;
    this.gauge.add(-this.queue.reduce((n, b) => n + b.length, 0));
    this.queue = [];
  }
  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (this.queue.length) {
        const b = this.queue.shift()!;
        this.gauge.add(-b.length);
        yield b;
        continue;
      }
      if (this.error) throw this.error;
      if (this.closed) return;
      await new Promise<void>((ok) => (this.wake = ok));
    }
  }
}

/** A queue of items for the consumer to pull, filled by a producer task. */
export class Queue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private closed = false;
  private error: Error | null = null;
  private wake: (() => void) | null = null;
  push(v: T): void {
    this.items.push(v);
    this.poke();
  }
  close(): void {
    this.closed = true;
    this.poke();
  }
  fail(e: Error): void {
    this.error = e;
    this.closed = true;
    this.poke();
  }
  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.items.length) {
        yield this.items.shift()!;
        continue;
      }
      if (this.error) throw this.error;
      if (this.closed) return;
      await new Promise<void>((ok) => (this.wake = ok));
    }
  }
}
