/** Reads exact byte counts from a stream of pieces (tar headers, member bodies). */
export class ByteReader {
  private buf: Uint8Array = new Uint8Array(0);
  private done = false;
  private readonly it: AsyncIterator<Uint8Array>;
  /** Bytes handed out or skipped so far. */
  position = 0;

  constructor(pieces: AsyncIterable<Uint8Array>) {
    this.it = pieces[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<void> {
    while (this.buf.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else this.buf = this.buf.length === 0 ? r.value : concat2(this.buf, r.value);
    }
  }

  /** Exactly n bytes, or fewer at the end of the stream. */
  async read(n: number): Promise<Uint8Array> {
    await this.fill(n);
    const out = this.buf.subarray(0, Math.min(n, this.buf.length));
    this.buf = this.buf.subarray(out.length);
    this.position += out.length;
    return out;
  }

  /** Up to `max` bytes (whatever is buffered, or the next piece): for streaming bodies. */
  async some(max: number): Promise<Uint8Array> {
    if (this.buf.length === 0) await this.fill(1);
    const out = this.buf.subarray(0, Math.min(max, this.buf.length));
    this.buf = this.buf.subarray(out.length);
    this.position += out.length;
    return out;
  }

  async peek(n: number): Promise<Uint8Array> {
    await this.fill(n);
    return this.buf.subarray(0, Math.min(n, this.buf.length));
  }

  /** The rest of the stream, unread bytes first. */
  async *rest(): AsyncGenerator<Uint8Array> {
    if (this.buf.length) {
      const b = this.buf;
      this.buf = new Uint8Array(0);
      this.position += b.length;
      yield b;
    }
    while (!this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        this.position += r.value.length;
        yield r.value;
      }
    }
  }
}

function concat2(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
