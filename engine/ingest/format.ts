/**
 * A log format: how to recognise it from the first bytes and how to turn one
 * record into an event row. Line formats get one decoded line at a time.
 *
 * How to add one: write `formats/<name>.ts` exporting a `LineFormat`, give it
 * a sniffing test and fixtures beside it, and list it in `format-registry.ts`
 * (order matters: the most specific sniffers first).
 */
import type { EventRow } from '../schema/ecs';

export interface ParseContext {
  /** File name, for messages. */
  sourceName: string;
  /** Latest plausible event time (file mtime or import time): anchors year-less syslog stamps. */
  referenceTime: Date;
}

export type ParseResult = EventRow | { reject: string };

export interface LineParser {
  parseLine(text: string, lineNo: number): ParseResult | null; // null: not a record (blank, comment)
}

export interface LineFormat {
  readonly name: string;
  /** 0 (no) to 1 (certain) from the first decoded lines of the stream. */
  sniff(lines: readonly string[]): number;
  create(ctx: ParseContext): LineParser;
}

export function isReject(r: ParseResult): r is { reject: string } {
  return typeof (r as { reject?: unknown }).reject === 'string';
}
