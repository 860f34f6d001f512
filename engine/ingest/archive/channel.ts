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

/** A queue of items for the consumer to pull, filled by a producer task. */
export class Queue<T> implements AsyncIterable<T> {
  protected items: T[] = [];
  protected closed = false;
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
  /** Called for each item as the consumer takes it. */
  protected taken(_item: T): void {}
  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.items.length) {
        const item = this.items.shift()!;
        this.taken(item);
        yield item;
        continue;
      }
      if (this.error) throw this.error;
      if (this.closed) return;
      await new Promise<void>((ok) => (this.wake = ok));
    }
  }
}

/** One archive entry's bytes: a queue whose queued bytes count on the shared gauge. */
export class Channel extends Queue<Uint8Array> {
  private discarded = false;

  constructor(private readonly gauge: Gauge) {
    super();
  }

  override push(b: Uint8Array): void {
    if (this.discarded || this.closed) return;
    this.gauge.add(b.length);
    super.push(b);
  }

  protected override taken(b: Uint8Array): void {
    this.gauge.add(-b.length);
  }

  /** The consumer moved on: drop what is queued and whatever still comes. */
  discard(): void {
    this.discarded = true;
    this.gauge.add(-this.items.reduce((n, b) => n + b.length, 0));
    this.items = [];
  }
}
