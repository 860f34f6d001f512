import { describe, expect, it } from 'vitest';
import { JsonSplitter, type SplitItem, type SplitLayout } from './json-splitter';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Splits `text` fed in pieces of `size` bytes; values come back as text. */
function split(text: string, layout: SplitLayout, size = 1 << 20, max?: number) {
  const bytes = enc.encode(text);
  const s = new JsonSplitter(layout, max);
  const out: { kind: SplitItem['kind']; text?: string; message?: string; offset: number; index?: number; line: number }[] = [];
  const push = (item: SplitItem) => out.push(item.kind === 'value' ? { kind: 'value', text: dec.decode(item.bytes), offset: item.offset, index: item.index, line: item.line } : item);
  for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size), push);
  s.end(push);
  return out;
}

const RECORDS: SplitLayout = { kind: 'records', key: 'Records' };

describe('JsonSplitter, records layout', () => {
  // Strings holding brackets, quotes, escaped backslashes and multi-byte characters must not move record boundaries.
  const doc = '\uFEFF{"Meta":{"Records":[0]},"Records":\n [ {"a":"}]\\"\\\\","b":[1,{"c":"é☕"}]} ,\n{"d":null}, 7, "x]"],"Tail":[{"e":1}]}';

  it('yields each element of the named array with its byte offset, position and line, whatever the piece size', () => {
    const whole = split(doc, RECORDS);
    const bytes = enc.encode(doc);
    expect(whole.map((v) => v.text)).toEqual(['{"a":"}]\\"\\\\","b":[1,{"c":"é☕"}]}', '{"d":null}', '7', '"x]"']);
    expect(whole.map((v) => v.kind === 'value' && v.index)).toEqual([1, 2, 3, 4]);
    expect(whole.map((v) => v.kind === 'value' && v.line)).toEqual([2, 3, 3, 3]);
    for (const v of whole) expect(dec.decode(bytes.subarray(v.offset, v.offset + enc.encode(v.text!).length))).toBe(v.text);
    for (const size of [1, 2, 3, 5, 7, 64]) expect(split(doc, RECORDS, size), `pieces of ${size}`).toEqual(whole);
  });

  it('reads documents that follow one another, and empty arrays', () => {
    const out = split('{"Records":[{"n":1}]}\n{"Records":[]}\n{"Records":[{"n":2}]}', RECORDS, 4);
    expect(out.map((v) => [v.text, v.kind === 'value' && v.index])).toEqual([['{"n":1}', 1], ['{"n":2}', 2]]);
  });

  it('reports a cut-off record, a cut-off document and a missing array', () => {
    expect(split('{"Records":[{"n":1},{"n":2,"s":"ab', RECORDS)).toEqual([
      { kind: 'value', text: '{"n":1}', offset: 12, index: 1, line: 1 },
      { kind: 'error', message: 'the stream ends inside record 2 (14 bytes read): truncated file?', offset: 20, line: 1 },
    ]);
    expect(split('{"Records":[{"n":1}', RECORDS).at(-1)).toMatchObject({ kind: 'error', message: 'the stream ends inside the document: truncated file?' });
    expect(split('{"records":[{"n":1}]}', RECORDS)).toEqual([{ kind: 'error', message: 'no "Records" array found', offset: 0, line: 1 }]);
  });

  it('skips a record larger than the limit and goes on', () => {
    const out = split('{"Records":[{"big":"0123456789"},{"n":1}]}', RECORDS, 3, 10);
    expect(out).toEqual([
      { kind: 'error', message: 'record 1 is larger than 10 bytes: skipped', offset: 12, line: 1 },
      { kind: 'value', text: '{"n":1}', offset: 33, index: 2, line: 1 },
    ]);
  });
});

describe('JsonSplitter, concatenated layout', () => {
  const CONCAT: SplitLayout = { kind: 'concatenated' };

  it('splits pretty-printed objects written back to back, with the line each starts on', () => {
    const text = '{\n  "a": "}{"\n}\n{\n  "b": [\n    {}\n  ]\n}{"c":1}\n';
    const whole = split(text, CONCAT);
    expect(whole.map((v) => [v.text, v.kind === 'value' && v.line])).toEqual([
      ['{\n  "a": "}{"\n}', 1],
      ['{\n  "b": [\n    {}\n  ]\n}', 4],
      ['{"c":1}', 8],
    ]);
    for (const size of [1, 2, 5]) expect(split(text, CONCAT, size)).toEqual(whole);
  });

  it('takes the elements of top-level arrays as records and hands out text between values', () => {
    const out = split('Record 1\n{"a":1}\nRecord 2\n[{"b":2},\n {"c":3}]\ngarbage here\n{"d":4}', CONCAT, 3);
    expect(out.map((v) => (v.kind === 'value' ? v.text : v.kind === 'text' ? `text: ${v.text}` : v.kind))).toEqual([
      'text: Record 1',
      '{"a":1}',
      'text: Record 2',
      '{"b":2}',
      '{"c":3}',
      'text: garbage here',
      '{"d":4}',
    ]);
  });
});
