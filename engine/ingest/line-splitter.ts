/**
 * Splits a byte stream into lines without decoding more than once: newline
 * positions are found on bytes (native indexOf), each line is decoded on its
 * own with a strict UTF-8 decoder, so a bad byte costs one line, never the
 * rest of the file, and every line keeps its exact byte offset.
 */

import { concatBytes } from './bytes';

export interface Line {
  /** 1-based line number in the (decompressed) stream. */
  lineNo: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Decoded text without the line terminator, or null when invalid. */
  text: string | null;
  /** Why `text` is null. */
  error?: string;
}

export interface LineSplitterOptions {
  /** Lines longer than this are rejected (and skipped) instead of buffered. */
  maxLineBytes?: number;
}

/**
 * Longest line taken as one record. A log line past a few MiB is almost
 * always damage (a binary blob, a missing newline) rather than a record, and
 * buffering it whole costs memory: it is rejected with its line and offset.
 */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;
const NL = 10;
const CR = 13;

export class LineSplitter {
  private carry: Uint8Array[] = [];
  private carryLen = 0;
  private lineNo = 0;
  private offset = 0;
  /** Set while skipping the rest of an over-long line. */
  private skipping = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private readonly maxLineBytes: number;

  constructor(opts: LineSplitterOptions = {}) {
    this.maxLineBytes = opts.maxLineBytes ?? MAX_LINE_BYTES;
  }

  /** Feeds a piece of the stream; calls `emit` for every complete line. */
  push(bytes: Uint8Array, emit: (line: Line) => void): void {
    let pos = 0;
    while (pos < bytes.length) {
      const nl = bytes.indexOf(NL, pos);
      if (nl < 0) {
        this.keep(bytes.subarray(pos), emit);
        return;
      }
      const piece = bytes.subarray(pos, nl);
      pos = nl + 1;
      if (this.skipping) {
        this.skipping = false;
        this.offset += this.carryLen + piece.length + 1;
        this.carry = [];
        this.carryLen = 0;
        continue;
      }
      if (this.carryLen > 0) {
        this.carry.push(piece);
        const whole = concatBytes(this.carry, this.carryLen + piece.length);
        this.carry = [];
        this.carryLen = 0;
        this.emitLine(whole, emit);
      } else {
        this.emitLine(piece, emit);
      }
    }
  }

  /** Flushes the last line when the stream did not end with a newline. */
  end(emit: (line: Line) => void): void {
    if (this.skipping) return;
    if (this.carryLen > 0) {
      const whole = concatBytes(this.carry, this.carryLen);
      this.carry = [];
      this.carryLen = 0;
      this.emitLine(whole, emit, false);
    }
  }

  private keep(rest: Uint8Array, emit: (line: Line) => void): void {
    if (this.skipping) {
      this.carryLen += rest.length;
      return;
    }
    if (this.carryLen + rest.length > this.maxLineBytes) {
      this.lineNo++;
      emit({ lineNo: this.lineNo, offset: this.offset, text: null, error: `line longer than ${this.maxLineBytes} bytes: skipped` });
      this.skipping = true;
      this.carryLen += rest.length;
      this.carry = [];
      return;
    }
    this.carry.push(rest.slice());
    this.carryLen += rest.length;
  }

  private emitLine(bytes: Uint8Array, emit: (line: Line) => void, hadNewline = true): void {
    this.lineNo++;
    const offset = this.offset;
    this.offset += bytes.length + (hadNewline ? 1 : 0);
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    if (end > this.maxLineBytes) {
      emit({ lineNo: this.lineNo, offset, text: null, error: `line longer than ${this.maxLineBytes} bytes: skipped` });
      return;
    }
    try {
      emit({ lineNo: this.lineNo, offset, text: this.decoder.decode(bytes.subarray(0, end)) });
    } catch {
      emit({ lineNo: this.lineNo, offset, text: null, error: `invalid UTF-8 at byte ${offset + firstBadUtf8(bytes.subarray(0, end))}` });
    }
  }
}


/** Index of the first byte that breaks UTF-8 (for the error message). */
export function firstBadUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}
