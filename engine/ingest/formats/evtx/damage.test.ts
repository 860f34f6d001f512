import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../../testing/node/corpus';
import { evtxChunkCounts, readEvtx, sniffEvtx, type EvtxItem } from './index';

const CHUNK = 65536;
const HEAD = 4096;

function summary(bytes: Uint8Array): { ids: number[]; errors: { offset: number; message: string }[] } {
  const items: EvtxItem[] = [...readEvtx(bytes)];
  return {
    ids: items.flatMap((i) => (i.kind === 'record' ? [i.recordId] : [])),
    errors: items.flatMap((i) => (i.kind === 'error' ? [{ offset: i.offset, message: i.message }] : [])),
  };
}

/** A deterministic PRNG so a failing fuzz case can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('sniffing and hostile input (no corpus needed)', () => {
  it('recognises the ElfFile magic only', () => {
    expect(sniffEvtx(new TextEncoder().encode('ElfFile\0rest'))).toBe(true);
    expect(sniffEvtx(new TextEncoder().encode('ElfFile'))).toBe(false);
    expect(sniffEvtx(new TextEncoder().encode('ElfChnk\0'))).toBe(false);
    expect(sniffEvtx(new Uint8Array(0))).toBe(false);
  });

  it('reports instead of throwing on empty, short and random input', () => {
    expect(summary(new Uint8Array(0)).errors).toHaveLength(1);
    expect(summary(new TextEncoder().encode('ElfFile\0')).errors[0].message).toMatch(/too short/);
    const random = new Uint8Array(HEAD + 3 * CHUNK);
    const next = rng(7);
    for (let i = 0; i < random.length; i++) random[i] = next() * 256;
    random.set(new TextEncoder().encode('ElfChnk\0'), HEAD); // a chunk that looks real but is noise
    const { ids, errors } = summary(random);
    expect(ids).toEqual([]);
    expect(errors.map((e) => e.offset)).toEqual([0, HEAD, HEAD + CHUNK, HEAD + 2 * CHUNK]);
  });
});

const root = corpusRoot();

describe.skipIf(!root)('damaged copies of a real file', () => {
  const original = root ? new Uint8Array(readFileSync(join(root, 'DeepBlueCLI/evtx/smb-password-guessing-security.evtx'))) : new Uint8Array(0);
  const clean = summary(original);
  const copy = (): Uint8Array => original.slice();
  const recordOffsets = [...readEvtx(original)].flatMap((i) => (i.kind === 'record' ? [i.offset] : []));

  it('starts from a clean, multi-chunk file', () => {
    expect(clean.errors).toEqual([]);
    expect(evtxChunkCounts(original).chunks).toBeGreaterThan(10);
    expect(clean.ids.length).toBe(evtxChunkCounts(original).records);
  });

  it('reports a damaged file header and still reads every record', () => {
    const b = copy();
    b[50] ^= 0xff;
    const r = summary(b);
    expect(r.errors).toEqual([{ offset: 0, message: 'file header checksum mismatch' }]);
    expect(r.ids).toEqual(clean.ids);
  });

  it('skips a chunk with a bad signature or header checksum and keeps the others', () => {
    for (const at of [0, 20]) {
      const b = copy();
      const chunk = HEAD + 3 * CHUNK;
      b[chunk + at] ^= 0x55;
      const r = summary(b);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0].offset).toBe(chunk);
      const inChunk = recordOffsets.filter((o) => o >= chunk && o < chunk + CHUNK).length;
      expect(r.ids.length).toBe(clean.ids.length - inChunk);
    }
  });

  it('loses only the record whose frame is broken, resynchronising on the next one', () => {
    const b = copy();
    const victim = recordOffsets[100];
    b[victim] = 0; // record signature
    const r = summary(b);
    expect(r.errors.map((e) => e.offset)).toEqual([HEAD + Math.floor((victim - HEAD) / CHUNK) * CHUNK, victim]);
    expect(r.ids.length).toBe(clean.ids.length - 1);
  });

  it('flags record data that fails the chunk checksum and recovers the rest', () => {
    const b = copy();
    const victim = recordOffsets[200];
    b[victim + 24 + 40] ^= 0xff; // inside the record's BinXML
    const r = summary(b);
    expect(r.errors[0].message).toMatch(/checksum/);
    expect(r.ids.length).toBeGreaterThanOrEqual(clean.ids.length - 1);
  });

  it('reads the complete records of a truncated last chunk', () => {
    const cut = HEAD + 5 * CHUNK + 30_000;
    const r = summary(original.slice(0, cut));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/truncated/);
    const complete = recordOffsets.filter((o) => o < HEAD + 5 * CHUNK).length;
    expect(r.ids.length).toBeGreaterThan(complete);
    expect(r.ids).toEqual(clean.ids.slice(0, r.ids.length));
  });

  it('never throws or hangs on randomly corrupted copies', () => {
    const next = rng(42);
    for (let round = 0; round < 40; round++) {
      const b = copy().subarray(0, HEAD + 6 * CHUNK);
      for (let k = 0; k < 1 + round * 4; k++) b[Math.floor(next() * b.length)] = Math.floor(next() * 256);
      const end = round % 5 === 4 ? Math.floor(next() * b.length) : b.length;
      const items = [...readEvtx(b.subarray(0, end))];
      for (const i of items) expect(i.offset).toBeGreaterThanOrEqual(0);
    }
  });
});
