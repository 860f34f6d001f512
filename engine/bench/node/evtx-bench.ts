/**
 * EVTX parse speed over every .evtx in the corpus: files are read into
 * memory first, then only `readEvtx` is timed (records fully built as
 * evtx_dump JSON). By default one untimed pass warms the JIT first, which
 * is what a long import sees; pass `{ warmup: false }` for a cold figure.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readEvtx } from '../../ingest/formats/evtx';

async function evtxFiles(dir: string, out: string[] = []): Promise<string[]> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await evtxFiles(p, out);
    else if (e.name.toLowerCase().endsWith('.evtx')) out.push(p);
  }
  return out;
}

function parseAll(buffers: readonly Uint8Array[]): number {
  let records = 0;
  for (const b of buffers) for (const item of readEvtx(b)) if (item.kind === 'record') records++;
  return records;
}

export async function benchEvtx(
  corpusRoot: string,
  { warmup = true }: { warmup?: boolean } = {},
): Promise<{ files: number; bytes: number; records: number; seconds: number; mbPerSec: number; recordsPerSec: number }> {
  const files = await evtxFiles(corpusRoot);
  const buffers = await Promise.all(files.map(async (f) => new Uint8Array(await readFile(f))));
  const bytes = buffers.reduce((n, b) => n + b.length, 0);
  if (warmup) parseAll(buffers);
  const t = performance.now();
  const records = parseAll(buffers);
  const seconds = (performance.now() - t) / 1000;
  return { files: files.length, bytes, records, seconds, mbPerSec: bytes / 1e6 / seconds, recordsPerSec: records / seconds };
}
