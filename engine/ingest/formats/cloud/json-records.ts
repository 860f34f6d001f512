/**
 * Turns the items of a `JsonSplitter` into parse results: each record's bytes
 * are decoded and parsed on their own (a bad record costs that record only)
 * and mapped by the caller; the record text is kept as raw.
 */
import type { ParseResult, RecordItem } from '../../format';
import { isObj, type Obj } from './json-fields';
import { JsonSplitter, type SplitItem, type SplitLayout } from './json-splitter';

export interface RecordMapping {
  /** Which number identifies a record: its position in the array, or the line it starts on. */
  readonly number: 'index' | 'line';
  map(obj: Obj, raw: string): ParseResult;
  /** Text between top-level values: null to pass over it (headers such as evtx_dump's `Record 12`), else a rejection. */
  text(text: string): ParseResult | null;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function toItem(item: SplitItem, how: RecordMapping): RecordItem | null {
  if (item.kind === 'error') return { result: { reject: item.message }, line: item.line, offset: item.offset };
  if (item.kind === 'text') {
    const r = how.text(item.text);
    return r === null ? null : { result: r, line: item.line, offset: item.offset };
  }
  const number = how.number === 'index' ? item.index : item.line;
  let raw: string;
  let v: unknown;
  try {
    raw = decoder.decode(item.bytes);
  } catch {
    return { result: { reject: 'invalid UTF-8 in record' }, line: number, offset: item.offset };
  }
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return { result: { reject: `invalid JSON: ${(e as Error).message.slice(0, 120)}` }, line: number, offset: item.offset };
  }
  const result = isObj(v) ? how.map(v, raw) : { reject: 'record is not a JSON object' };
  return { result, line: number, offset: item.offset };
}

export async function* splitJsonRecords(pieces: AsyncIterable<Uint8Array>, layout: SplitLayout, how: RecordMapping): AsyncGenerator<RecordItem> {
  const splitter = new JsonSplitter(layout);
  const pending: RecordItem[] = [];
  const out = (item: SplitItem) => {
    const r = toItem(item, how);
    if (r) pending.push(r);
  };
  for await (const piece of pieces) {
    splitter.push(piece, out);
    yield* pending;
    pending.length = 0;
  }
  splitter.end(out);
  yield* pending;
}

/** The first bytes as text without a byte-order mark, for sniffers (a cut-off last character is harmless). */
export function headText(head: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 64 * 1024)).replace(/^\uFEFF/, '');
}
