/**
 * A log format: how to recognise it from the first bytes, and how to turn its
 * records into event rows. Two kinds:
 *  - `LineFormat`: text, one decoded line at a time (the line splitter gives
 *    line numbers and byte offsets); multi-line records (auditd) buffer and
 *    emit when complete, and `end` flushes what is left.
 *  - `StreamFormat`: anything else (EVTX, JSON documents such as CloudTrail's
 *    `{"Records":[…]}`): gets the byte pieces and yields records.
 * Every record becomes a row or a rejection with a reason; nothing is dropped
 * silently (records read = stored + rejected).
 *
 * How to add one: write `formats/<name>.ts` exporting a `LineFormat` or a
 * `StreamFormat`, give it fixtures and a sniffing test beside it, and list it
 * in `format-registry.ts` (the most confident sniffer wins; ties go to the
 * earlier entry).
 */
import type { EventRow } from '../schema/ecs';

export interface ParseContext {
  /** File (or archive member) name, for messages. */
  sourceName: string;
  /** Latest plausible event time (file mtime or import time): anchors year-less stamps. */
  referenceTime: Date;
  /** A user's field mapping for generic JSON/CSV sources (see `mapping.ts`), when given. */
  mapping?: import('./mapping').FieldMapping;
  /**
   * Parsers to run instead of a stream format's own, by format name, giving
   * the same records in the same order (the Node importer shares EVTX parsing
   * with a worker thread: `formats/evtx/node/evtx-thread.ts`).
   */
  streamParsers?: Readonly<Record<string, StreamFormat['parse']>>;
}

export type ParseResult = EventRow | { reject: string };

/** Where a record was: 1-based line (or record id) and byte offset in the (decompressed) member. */
export type Emit = (r: ParseResult, line: number | null, offset: number | null) => void;

export interface LineParser {
  /** One line (without its terminator). Blank lines and comments emit nothing. */
  line(text: string, lineNo: number, offset: number, emit: Emit): void;
  /** End of stream: emit buffered records. */
  end(emit: Emit): void;
}

export interface LineFormat {
  readonly kind: 'line';
  readonly name: string;
  /** 0 (no) to 1 (certain), from the first lines of the stream (up to 50). */
  sniff(lines: readonly string[]): number;
  create(ctx: ParseContext): LineParser;
}

export interface RecordItem {
  result: ParseResult;
  line: number | null;
  offset: number | null;
}

export interface StreamFormat {
  readonly kind: 'stream';
  readonly name: string;
  /** 0 (no) to 1 (certain), from the first bytes (up to 64 KiB) and their lines. */
  sniff(head: Uint8Array, lines: readonly string[]): number;
  /** Parses the whole stream; memory must not grow with its size. */
  parse(pieces: AsyncIterable<Uint8Array>, ctx: ParseContext): AsyncIterable<RecordItem>;
}

export type LogFormat = LineFormat | StreamFormat;

export function isReject(r: ParseResult): r is { reject: string } {
  return typeof (r as { reject?: unknown }).reject === 'string';
}

/** Builds a LineParser for formats where one line is one record. */
export function perLine(parse: (text: string, lineNo: number) => ParseResult | null): LineParser {
  return {
    line(text, lineNo, offset, emit) {
      const r = parse(text, lineNo);
      if (r !== null) emit(r, lineNo, offset);
    },
    end() {},
  };
}
