/**
 * Splits a JSON byte stream into records without parsing the whole document:
 * a byte-level scan tracks nesting and strings (structural characters are
 * ASCII, so UTF-8 needs no decoding to find them) and hands out the bytes of
 * one record at a time. Memory is bounded by the largest record.
 *
 * Two layouts:
 *  - `records`: the elements of a top-level object's array under a key
 *    (CloudTrail's `{"Records":[…]}`); several such documents may follow one
 *    another.
 *  - `concatenated`: top-level values one after another, pretty-printed or not
 *    (SigmaHQ regression data, `evtx_dump -o json`); a top-level array's
 *    elements count as records; text between values (evtx_dump's `Record 12`
 *    headers) is handed out as text.
 */

import { concatBytes } from '../../bytes';

export type SplitItem =
  /** One record's bytes; `index` is its 1-based position, `line` the 1-based line it starts on. */
  | { kind: 'value'; bytes: Uint8Array; offset: number; index: number; line: number }
  /** Non-JSON text between top-level values (one line of it). */
  | { kind: 'text'; text: string; offset: number; line: number }
  /** The stream ended inside a record, a record was too large, or no records array was found. */
  | { kind: 'error'; message: string; offset: number; line: number };

export type SplitLayout = { kind: 'records'; key: string } | { kind: 'concatenated' };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NL = 0x0a;
const COLON = 0x3a;
const COMMA = 0x2c;
const isWs = (c: number) => c === 0x20 || c === NL || c === 0x0d || c === 0x09;
const isOpen = (c: number) => c === 0x7b || c === 0x5b;
const isClose = (c: number) => c === 0x7d || c === 0x5d;

export class JsonSplitter {
  private pos = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Depth of the container whose children are records; -1 while outside one (records layout). */
  private recordDepth: number;
  private sawContainer = false;
  private count = 0;
  // The record being collected.
  private open = false;
  private scalar = false;
  private start = 0;
  private startLine = 0;
  private parts: Uint8Array[] = [];
  private size = 0;
  private oversize = false;
  // Keys of the top-level object (records layout).
  private keyBytes: number[] | null = null;
  private lastString = '';
  private lastKey = '';
  // Text between top-level values (concatenated layout).
  private junk: number[] | null = null;
  private junkStart = 0;
  private junkLine = 0;

  constructor(
    private readonly layout: SplitLayout,
    private readonly maxRecordBytes = 64 * 1024 * 1024,
  ) {
    this.recordDepth = layout.kind === 'records' ? -1 : 0;
  }

  push(chunk: Uint8Array, out: (item: SplitItem) => void): void {
    let i = 0;
    if (this.pos === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    let from = this.open ? i : -1;
    for (; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === NL) this.line++;
      if (this.junk) {
        if (c !== NL) {
          if (this.junk.length < 4096) this.junk.push(c);
          continue;
        }
        this.flushJunk(out);
        continue;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyBytes) {
            this.lastString = String.fromCharCode(...this.keyBytes);
            this.keyBytes = null;
          }
          if (this.open && this.depth === this.recordDepth) this.finish(chunk, from, i + 1, out);
        } else if (this.keyBytes && this.keyBytes.length < 64) this.keyBytes.push(c);
        continue;
      }
      if (this.open && this.scalar && (isWs(c) || c === COMMA || isClose(c))) {
        this.finish(chunk, from, i, out);
      }
      if (isWs(c)) continue;
      if (!this.open && this.depth === this.recordDepth) {
        if (c === COMMA && this.depth > 0) continue;
        if (isClose(c) && this.depth > 0) {
          // The records' container ends.
          this.depth--;
          this.recordDepth = this.layout.kind === 'records' ? -1 : 0;
          continue;
        }
        if (this.depth === 0 && c === 0x5b) {
          // A top-level array: its elements are the records.
          this.depth = 1;
          this.recordDepth = 1;
          continue;
        }
        if (this.depth === 0 && c !== 0x7b) {
          this.junk = [c];
          this.junkStart = this.pos + i;
          this.junkLine = this.line;
          continue;
        }
        this.open = true;
        this.scalar = !isOpen(c) && c !== QUOTE;
        this.start = this.pos + i;
        this.startLine = this.line;
        from = i;
        if (this.scalar) continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (this.layout.kind === 'records' && this.depth === 1 && !this.open) this.keyBytes = [];
      } else if (isOpen(c)) {
        if (this.layout.kind === 'records' && this.depth === 1 && c === 0x5b && this.lastKey === this.layout.key && this.recordDepth < 0) {
          this.recordDepth = 2;
          this.sawContainer = true;
        }
        this.depth++;
      } else if (isClose(c)) {
        this.depth--;
        if (this.open && this.depth === this.recordDepth) this.finish(chunk, from, i + 1, out);
        else if (this.depth === 0 && this.layout.kind === 'records') this.lastKey = '';
      } else if (c === COLON && this.depth === 1) this.lastKey = this.lastString;
    }
    if (this.open) this.keep(chunk.subarray(from));
    this.pos += chunk.length;
  }

  /** End of stream: a record cut off, or a document without the records array, is reported. */
  end(out: (item: SplitItem) => void): void {
    if (this.junk) this.flushJunk(out);
    if (this.open && this.scalar && this.depth === this.recordDepth) {
      this.finish(new Uint8Array(0), 0, 0, out);
    } else if (this.open) {
      out({ kind: 'error', message: `the stream ends inside record ${this.count + 1} (${this.size} bytes read): truncated file?`, offset: this.start, line: this.startLine });
    } else if (this.layout.kind === 'records' && !this.sawContainer) {
      out({ kind: 'error', message: `no "${this.layout.key}" array found`, offset: 0, line: 1 });
    } else if (this.depth !== 0) {
      out({ kind: 'error', message: 'the stream ends inside the document: truncated file?', offset: this.pos, line: this.line });
    }
    this.open = false;
  }

  private keep(bytes: Uint8Array): void {
    if (this.oversize || bytes.length === 0) return;
    this.size += bytes.length;
    if (this.size > this.maxRecordBytes) {
      this.oversize = true;
      this.parts = [];
    } else this.parts.push(bytes.slice());
  }

  private finish(chunk: Uint8Array, from: number, to: number, out: (item: SplitItem) => void): void {
    this.keep(chunk.subarray(from, to));
    this.count++;
    if (this.oversize) {
      out({ kind: 'error', message: `record ${this.count} is larger than ${this.maxRecordBytes} bytes: skipped`, offset: this.start, line: this.startLine });
    } else {
      out({ kind: 'value', bytes: concatBytes(this.parts, this.size), offset: this.start, index: this.count, line: this.startLine });
    }
    this.open = false;
    this.parts = [];
    this.size = 0;
    this.oversize = false;
  }

  private flushJunk(out: (item: SplitItem) => void): void {
    const text = new TextDecoder().decode(new Uint8Array(this.junk ?? [])).trim();
    this.junk = null;
    if (text !== '') out({ kind: 'text', text, offset: this.junkStart, line: this.junkLine });
  }
}
