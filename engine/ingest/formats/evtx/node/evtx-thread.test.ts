import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../../../testing/node/corpus';
import type { RecordItem } from '../../../format';
import { evtxFormat } from '../../evtx-format';
import { evtxThreadAvailable, evtxThreadLimits, evtxThreadStats, parseAhead, parseEvtxOnThread, parsesAhead, stopEvtxThread } from './evtx-thread';
import { evtxFromChunks, filesUnder } from './evtx-test-files';

const ctx = { sourceName: 'test.evtx', referenceTime: new Date('2026-01-01T00:00:00Z') };

async function* pieces(bytes: Uint8Array, size: number, failAfter = Infinity): AsyncGenerator<Uint8Array> {
  for (let i = 0, n = 0; i < bytes.length; i += size, n++) {
    if (n >= failAfter) throw new Error('disk read failed at piece ' + n);
    yield bytes.subarray(i, Math.min(bytes.length, i + size));
  }
}

async function collect(items: AsyncIterable<RecordItem>): Promise<{ items: RecordItem[]; error: string | null }> {
  const out: RecordItem[] = [];
  try {
    for await (const x of items) out.push(x);
  } catch (e) {
    return { items: out, error: (e as Error).message };
  }
  return { items: out, error: null };
}

/** A file header, then chunks of noise: every chunk a damaged-data rejection with its offset. */
function damaged(): Uint8Array {
  const b = new Uint8Array(4096 + 3 * 65536);
  let s = 11;
  for (let i = 0; i < b.length; i++) b[i] = (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
  b.set(new TextEncoder().encode('ElfFile\0'), 0);
  b.set(new TextEncoder().encode('ElfChnk\0'), 4096);
  return b;
}

const corpus = corpusRoot();
const evtxFiles = corpus ? filesUnder(join(corpus, 'EVTX-ATTACK-SAMPLES'), '.evtx') : [];
if (!corpus) console.log('[evtx-thread] corpus absent (../shared/datasets or VESTIGE_CORPUS): the real-file comparisons are skipped');

describe('EVTX parsing on a worker thread', () => {
  it('runs on the thread here (from the TypeScript source)', async () => {
    expect(await evtxThreadAvailable()).toBe(true);
  });

  it('gives the in-thread parser’s rejections for damaged data, with their offsets', async () => {
    const b = damaged();
    const inline = await collect(evtxFormat.parse(pieces(b, 65536), ctx));
    const thread = await collect(parseEvtxOnThread(pieces(b, 5000), ctx));
    expect(inline.items.length).toBeGreaterThan(0);
    expect(inline.items.every((x) => 'reject' in x.result)).toBe(true);
    expect(thread).toEqual(inline);
  });

  it.skipIf(!corpus)('gives the same records, in the same order, for real files cut into odd pieces', async () => {
    // The largest files (many chunks, flow control) and a spread of the others.
    const bySize = [...evtxFiles].sort((a, b) => statSync(b).size - statSync(a).size);
    const picked = [...bySize.slice(0, 3), ...bySize.filter((_, i) => i % 25 === 0)];
    let records = 0;
    for (const f of picked) {
      const b = new Uint8Array(readFileSync(f));
      const inline = await collect(evtxFormat.parse(pieces(b, 1 << 20), ctx));
      const thread = await collect(parseEvtxOnThread(pieces(b, 7777), ctx));
      expect(thread, f).toEqual(inline);
      records += inline.items.length;
    }
    expect(records).toBeGreaterThan(1000);
  });

  it.skipIf(!corpus)('streams a file larger than its flow-control window, keeping at most that window in flight', async () => {
    // 20 MB of real chunks behind one file header, as a large Security.evtx would be.
    const big = evtxFromChunks([...evtxFiles].sort((x, y) => statSync(y).size - statSync(x).size), 20 << 20);
    const inline = await collect(evtxFormat.parse(pieces(big, 1 << 20), ctx));
    const saved = { ...evtxThreadLimits };
    Object.assign(evtxThreadLimits, { bytesAhead: 1 << 20, itemsAhead: 2000 });
    evtxThreadStats.maxBytesAhead = 0;
    try {
      const thread = await collect(parseEvtxOnThread(pieces(big, 256 << 10), ctx));
      expect(thread.items.length).toBe(inline.items.length);
      expect(thread).toEqual(inline);
    } finally {
      Object.assign(evtxThreadLimits, saved);
    }
    expect(inline.items.length).toBeGreaterThan(5000);
    // The window plus the piece that crossed it.
    expect(evtxThreadStats.maxBytesAhead).toBeLessThanOrEqual((1 << 20) + (256 << 10));
    expect(evtxThreadStats.maxBytesAhead).toBeGreaterThan(256 << 10);
  });

  it.skipIf(!corpus)('shares the parse: this thread parses units while the worker’s are not back, and the order holds', async () => {
    const big = evtxFromChunks([...evtxFiles].sort((x, y) => statSync(y).size - statSync(x).size), 8 << 20);
    const inline = await collect(evtxFormat.parse(pieces(big, 1 << 20), ctx));
    const saved = { ...evtxThreadLimits };
    // One unit at a time on the worker: this thread must take many of the others.
    Object.assign(evtxThreadLimits, { unitsInFlight: 1 });
    const before = { ...evtxThreadStats };
    try {
      const thread = await collect(parseEvtxOnThread(pieces(big, 100_000), ctx));
      expect(thread).toEqual(inline);
    } finally {
      Object.assign(evtxThreadLimits, saved);
    }
    const here = evtxThreadStats.unitsHere - before.unitsHere;
    const there = evtxThreadStats.unitsOnThread - before.unitsOnThread;
    // The file header and 128 chunks, each parsed exactly once.
    expect(here + there).toBe(1 + (big.length - 4096) / 65536);
    expect(here).toBeGreaterThan(0);
    expect(there).toBeGreaterThan(0);
  });

  it.skipIf(!corpus)('loses nothing when the worker stops mid-file: what it held is parsed here, and the next file gets a new worker', async () => {
    const big = evtxFromChunks([...evtxFiles].sort((x, y) => statSync(y).size - statSync(x).size), 8 << 20);
    const inline = await collect(evtxFormat.parse(pieces(big, 1 << 20), ctx));
    const got: RecordItem[] = [];
    let stopped = false;
    for await (const x of parseEvtxOnThread(pieces(big, 1 << 20), ctx)) {
      got.push(x);
      if (got.length === 1000) {
        await stopEvtxThread();
        stopped = true;
      }
    }
    expect(stopped).toBe(true);
    expect(got).toEqual(inline.items);
    const onThread = evtxThreadStats.unitsOnThread;
    const again = await collect(parseEvtxOnThread(pieces(big, 1 << 20), ctx));
    expect(again).toEqual(inline);
    expect(evtxThreadStats.unitsOnThread).toBeGreaterThan(onThread);
  });

  it.skipIf(!corpus)('takes a parse started ahead on the same bytes, and gives the same records', async () => {
    const f = evtxFiles.find((x) => statSync(x).size > 200_000)!;
    const b = new Uint8Array(readFileSync(f));
    const inline = await collect(evtxFormat.parse(pieces(b, 1 << 20), ctx));
    parseAhead(b);
    await Promise.resolve();
    expect(parsesAhead()).toBe(1);
    const thread = await collect(parseEvtxOnThread(pieces(b, 1 << 20), ctx));
    expect(parsesAhead()).toBe(0);
    expect(thread).toEqual(inline);
    // Other bytes (a copy) are not taken for it.
    parseAhead(b);
    await Promise.resolve();
    const copy = await collect(parseEvtxOnThread(pieces(b.slice(), 1 << 20), ctx));
    expect(copy).toEqual(inline);
    expect(parsesAhead()).toBe(1);
  });

  it.skipIf(!corpus)('reports a reading error as the in-thread parser does, after the records read before it', async () => {
    const f = evtxFiles.find((x) => statSync(x).size > 300_000)!;
    const b = new Uint8Array(readFileSync(f));
    const inline = await collect(evtxFormat.parse(pieces(b, 65536 + 4096, 2), ctx));
    const thread = await collect(parseEvtxOnThread(pieces(b, 65536 + 4096, 2), ctx));
    expect(inline.error).toBe('disk read failed at piece 2');
    expect(inline.items.length).toBeGreaterThan(0);
    expect(thread).toEqual(inline);
  });

  it.skipIf(!corpus)('stops when its reader stops, and the thread goes on serving', async () => {
    const f = evtxFiles.find((x) => statSync(x).size > 300_000)!;
    const b = new Uint8Array(readFileSync(f));
    const first: RecordItem[] = [];
    for await (const x of parseEvtxOnThread(pieces(b, 4096), ctx)) {
      first.push(x);
      if (first.length === 10) break;
    }
    const whole = await collect(parseEvtxOnThread(pieces(b, 1 << 20), ctx));
    expect(whole.items.slice(0, 10)).toEqual(first);
    expect(whole.error).toBeNull();
  });
});
