/**
 * Parses one member (a plain file, or a file inside archives) into events:
 * sniffs the format from the first 64 KiB, then feeds lines to a line
 * format or the byte pieces to a stream format, and hands every record to
 * the batcher as a row or a rejection. Environment-neutral: the caller brings
 * the bytes.
 */
import { concatBytes } from './bytes';
import type { EventBatcher } from './batcher';
import { isReject, type LogFormat, type ParseContext, type ParseResult } from './format';
import { looksBinary, sniffFormat } from './format-registry';
import { LineSplitter, type Line } from './line-splitter';

/** Bytes (whole pieces) a member's format is sniffed on. */
export const SNIFF_BYTES = 64 * 1024;

export interface MemberOutcome {
  format: string;
  /** Why the member (or its tail) was not read; records before it are kept. */
  error: string | null;
}

/** Replays a head of already-read pieces before the rest of an iterator (if any), then throws `error` (if any): what reading them met. */
export async function* replay(head: readonly Uint8Array[], rest: AsyncIterator<Uint8Array> | null, error: unknown = null): AsyncGenerator<Uint8Array> {
  yield* head;
  if (rest) for (let n = await rest.next(); !n.done; n = await rest.next()) yield n.value;
  if (error !== null) throw error;
}

export async function parseMember(pieces: AsyncIterable<Uint8Array>, ctx: ParseContext, batcher: EventBatcher, forced?: LogFormat): Promise<MemberOutcome> {
  const it = pieces[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLen = 0;
  let readError: string | null = null;
  try {
    while (headLen < SNIFF_BYTES) {
      const n = await it.next();
      if (n.done) break;
      head.push(n.value);
      headLen += n.value.length;
    }
  } catch (e) {
    readError = (e as Error).message;
  }
  const all = concatBytes(head, headLen);
  if (headLen === 0) return { format: 'empty', error: readError ? `${ctx.sourceName}: ${readError}` : null };
  let format = forced;
  if (!format) {
    if (looksBinary(all)) {
      // Binary formats (EVTX) sniff on bytes, without decoding the head as text; anything else binary is refused whole.
      format = sniffFormat(all, []) ?? undefined;
      if (!format) return { format: 'unknown', error: `${ctx.sourceName}: binary data, not a recognised log format` };
    } else {
      const lines = headLines(all);
      format = sniffFormat(all, lines) ?? undefined;
      if (!format) return { format: 'unknown', error: `${ctx.sourceName}: not a recognised log format (first line: ${JSON.stringify(lines[0]?.slice(0, 80) ?? '')})` };
    }
  }
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => replay(readError ? [] : head, it) };
  const error = readError;
  try {
    if (format.kind === 'stream') {
      const parse = ctx.streamParsers?.[format.name] ?? format.parse.bind(format);
      for await (const item of parse(readError ? toIterable(head) : rest, ctx)) await record(batcher, item.result, item.line, item.offset);
    } else {
      await parseLines(format.create(ctx), readError ? toIterable(head) : rest, batcher);
    }
  } catch (e) {
    return { format: format.name, error: `${ctx.sourceName}: ${(e as Error).message}; records before it were kept` };
  }
  return { format: format.name, error: error ? `${ctx.sourceName}: ${error}; records before it were kept` : null };
}

/** The first lines of a text head, as sniffers get them. */
function headLines(all: Uint8Array): string[] {
  return new TextDecoder('utf-8', { fatal: false }).decode(all).split('\n').slice(0, 50).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** The format `parseMember` picks for a member whose first pieces are `head`, when that is a text format. */
export function sniffTextHead(head: Uint8Array): LogFormat | null {
  return looksBinary(head) ? null : sniffFormat(head, headLines(head));
}

async function record(batcher: EventBatcher, r: ParseResult, line: number | null, offset: number | null): Promise<void> {
  if (isReject(r)) await batcher.reject(line, offset, r.reject);
  else await batcher.add(r, line, offset);
}

async function parseLines(parser: ReturnType<Extract<LogFormat, { kind: 'line' }>['create']>, pieces: AsyncIterable<Uint8Array>, batcher: EventBatcher): Promise<void> {
  const splitter = new LineSplitter();
  const pending: { r: ParseResult; line: number | null; offset: number | null }[] = [];
  const emit = (r: ParseResult, line: number | null, offset: number | null) => pending.push({ r, line, offset });
  const onLine = (l: Line) => {
    if (l.text === null) emit({ reject: l.error ?? 'unreadable line' }, l.lineNo, l.offset);
    else parser.line(l.text, l.lineNo, l.offset, emit);
  };
  const drain = async () => {
    for (const p of pending) await record(batcher, p.r, p.line, p.offset);
    pending.length = 0;
  };
  try {
    for await (const piece of pieces) {
      splitter.push(piece, onLine);
      await drain();
    }
  } finally {
    // Whatever happened to the stream, what was read is kept.
    splitter.end(onLine);
    parser.end(emit);
    await drain();
  }
}


async function* toIterable(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

