import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RecordItem } from '../format';
import { jsonArrayFormat } from './json-array';
import { JsonArraySplitter, type SplitElement } from './json-array-splitter';

const enc = (s: string) => new TextEncoder().encode(s);
const fixture = readFileSync(new URL('./fixtures/generic-array.json', import.meta.url));
const ctx = { sourceName: 'export.json', referenceTime: new Date('2026-03-20T00:00:00Z') };

async function* chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function collect(bytes: Uint8Array, size = 1 << 16): Promise<{ items: RecordItem[]; error: string | null }> {
  const items: RecordItem[] = [];
  try {
    for await (const it of jsonArrayFormat.parse(chunks(bytes, size), ctx)) items.push(it);
  } catch (e) {
    return { items, error: (e as Error).message };
  }
  return { items, error: null };
}

function split(text: string, max?: number): SplitElement[] {
  const out: SplitElement[] = [];
  const s = new JsonArraySplitter(max);
  for (const b of enc(text)) s.push(new Uint8Array([b]), (e) => out.push(e));
  s.finish((e) => out.push(e));
  return out;
}

describe('json array splitter', () => {
  it('cuts top-level elements only, whatever strings and nesting hold, byte by byte', () => {
    const els = split('\uFEFF [ {"a":"],}\\"{"} , [1,[2]] ,"x\\\\" ,3 ]\n');
    expect(els.map((e) => new TextDecoder().decode(e.bytes!).trim())).toEqual(['{"a":"],}\\"{"}', '[1,[2]]', '"x\\\\"', '3']);
    expect(els.map((e) => [e.index, e.offset])).toEqual([[1, 6], [2, 23], [3, 32], [4, 39]]);
  });

  it('skips elements over the size limit but still reports them', () => {
    const els = split('[{"big":"0123456789"},{}]', 8);
    expect(els.map((e) => [e.bytes === null, e.size])).toEqual([[true, 20], [false, 2]]);
  });

  it('throws with the byte offset when the document cannot be followed', () => {
    expect(() => split('{"a":1}')).toThrow('not a JSON array: expected "[" (byte 0)');
    expect(() => split('[1] x')).toThrow('unexpected data after the array (byte 4)');
    expect(() => split('[{"a":"open')).toThrow('truncated: the file ends inside element 1 (from byte 1) (byte 11)');
    expect(() => split('[{"a":1},')).toThrow('truncated: the file ends after a comma (byte 9)');
  });

  it('accepts empty arrays, a trailing comma and concatenated arrays', () => {
    expect(split('[]')).toEqual([]);
    expect(split('[1,]').map((e) => e.index)).toEqual([1]);
    expect(split('[1][2]').map((e) => e.index)).toEqual([1, 2]);
  });
});

describe('json-array', () => {
  it('maps each element like a generic record, numbered by position, in any chunking', async () => {
    for (const size of [1, 7, 1 << 16]) {
      const { items, error } = await collect(fixture, size);
      expect(error).toBeNull();
      expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4]);
      const [a, b, c, d] = items.map((i) => i.result);
      expect(a).toMatchObject({ '@timestamp': '2026-03-14T03:12:45.120Z', 'event.dataset': 'json', 'host.name': 'web-01', 'user.name': 'alice', 'source.ip': '185.220.101.47', 'event.action': 'login' });
      expect(JSON.parse(String((a as { raw: string }).raw)).note).toBe('comma, ] and } in a string " ok');
      expect(b).toMatchObject({ '@timestamp': '2026-03-14T03:13:31.000Z', 'host.name': 'db-01', 'process.pid': 42 });
      expect(c).toEqual({ reject: expect.stringMatching(/^invalid JSON element at byte 283: /) });
      expect(items[2].offset).toBe(283);
      expect(d).toMatchObject({ 'user.name': 'carol' });
    }
  });

  it('rejects non-object and empty elements and keeps going', async () => {
    const { items, error } = await collect(enc('[{"a":1}, 5, , {"b":2}]'));
    expect(error).toBeNull();
    expect(items.map((i) => i.result)).toEqual([
      expect.objectContaining({ 'event.dataset': 'json' }),
      { reject: 'array element is not a JSON object' },
      { reject: 'empty array element' },
      expect.objectContaining({ 'event.dataset': 'json' }),
    ]);
  });

  it('yields the complete elements, then stops with a clear error on a truncated file', async () => {
    const { items, error } = await collect(enc('[{"a":1},{"b":'), 4);
    expect(items).toHaveLength(1);
    expect(error).toBe('export.json: truncated: the file ends inside element 2 (from byte 9) (byte 14)');
  });

  it('sniffs an array of objects, not JSON lines, objects or CSV', () => {
    const sniff = (s: string) => jsonArrayFormat.sniff(enc(s), s.split('\n'));
    expect(sniff('\n  [\n  {"a":1}')).toBe(0.9);
    expect(sniff('[]')).toBe(0.5);
    expect(sniff('{"a":1}\n{"a":2}')).toBe(0);
    expect(sniff('{"Records":[{"a":1}]}')).toBe(0);
    expect(sniff('[1,2,3]')).toBe(0);
    expect(sniff('a,b\n1,2')).toBe(0);
  });
});
