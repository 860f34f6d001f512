/**
 * Finds the elements of a top-level JSON array in a byte stream without
 * parsing the document: a small state machine that only knows strings (and
 * their escapes) and bracket depth, so a comma or bracket inside a string
 * never splits. Each element's bytes are handed out whole (up to
 * `maxElementBytes`; larger ones are skipped and reported), so memory is
 * bounded by the largest element, not the file.
 *
 * A malformed element (`{"a":tru}`, or an empty one in `[1,,2]`) still has
 * clear boundaries and costs only itself. What cannot be resynchronised (the document is not an array, data
 * after it, the file ends inside it) throws a `JsonArrayError` with the byte offset.
 */

export class JsonArrayError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} (byte ${offset})`);
    this.name = 'JsonArrayError';
  }
}

export interface SplitElement {
  /** 1-based position in the array. */
  index: number;
  /** Byte offset of the element's first byte. */
  offset: number;
  /** The element's bytes, or null when it was larger than the limit. */
  bytes: Uint8Array | null;
  size: number;
}

const enum S { Start, Before, In, After }
const WS = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

export class JsonArraySplitter {
  private state = S.Start;
  private pos = 0;
  private index = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = 0;
  private parts: Uint8Array[] = [];
  private size = 0;
  private afterComma = false;

  constructor(private readonly maxElementBytes = 64 * 1024 * 1024) {}

  push(chunk: Uint8Array, out: (e: SplitElement) => void): void {
    let from = -1; // where the current element's bytes begin in this chunk
    for (let i = 0; i < chunk.length; i++, this.pos++) {
      const b = chunk[i];
      if (this.state === S.In) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (b === 0x5c) this.escaped = true;
          else if (b === 0x22) this.inString = false;
          continue;
        }
        if (b === 0x22) this.inString = true;
        else if (b === 0x7b || b === 0x5b) this.depth++;
        else if ((b === 0x7d || b === 0x5d) && this.depth > 0) this.depth--;
        else if (this.depth === 0 && (b === 0x2c || b === 0x5d)) {
          this.keep(chunk, from, i);
          from = -1;
          this.emit(out);
          this.afterComma = b === 0x2c;
          this.state = b === 0x2c ? S.Before : S.After;
        }
        continue;
      }
      if (WS(b)) continue;
      if (this.state === S.Start && this.pos < 3 && b === [0xef, 0xbb, 0xbf][this.pos]) continue; // UTF-8 BOM
      if (this.state === S.Start || this.state === S.After) {
        if (b !== 0x5b) throw new JsonArrayError(this.state === S.Start ? 'not a JSON array: expected "["' : 'unexpected data after the array', this.pos);
        this.state = S.Before;
        this.afterComma = false;
      } else if (b === 0x5d) {
        this.state = S.After; // `[]` or a trailing comma before `]`
      } else if (b === 0x2c) {
        // `[1,,2]`: an empty element, handed out empty so it is rejected and counted.
        this.index++;
        this.start = this.pos;
        this.emit(out);
      } else {
        this.state = S.In;
        this.index++;
        this.start = this.pos;
        this.depth = b === 0x7b || b === 0x5b ? 1 : 0;
        this.inString = b === 0x22;
        this.escaped = false;
        from = i;
      }
    }
    if (this.state === S.In) this.keep(chunk, from, chunk.length);
  }

  /** End of input: anything but a closed array is an error. */
  finish(out: (e: SplitElement) => void): void {
    if (this.state === S.After) return;
    if (this.state === S.Start) throw new JsonArrayError('empty input: no JSON array', this.pos);
    if (this.state === S.In && !this.inString && this.depth === 0) this.emit(out);
    const what = this.state === S.In ? `inside element ${this.index} (from byte ${this.start})` : this.afterComma ? 'after a comma' : 'before the closing "]"';
    throw new JsonArrayError(`truncated: the file ends ${what}`, this.pos);
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    const f = from < 0 ? 0 : from;
    if (to <= f) return;
    this.size += to - f;
    if (this.size <= this.maxElementBytes) this.parts.push(chunk.slice(f, to));
    else this.parts = [];
  }

  private emit(out: (e: SplitElement) => void): void {
    let bytes: Uint8Array | null = null;
    if (this.size <= this.maxElementBytes) {
      bytes = this.parts.length === 1 ? this.parts[0] : new Uint8Array(this.size);
      if (this.parts.length !== 1) {
        let o = 0;
        for (const p of this.parts) {
          bytes.set(p, o);
          o += p.length;
        }
      }
    }
    out({ index: this.index, offset: this.start, bytes, size: this.size });
    this.parts = [];
    this.size = 0;
  }
}
