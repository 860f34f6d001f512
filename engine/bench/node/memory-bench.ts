/** Memory under a big import: a generated JSON-lines file of N GB, peak RSS sampled while importing. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import { writeJsonlFixture } from './jsonl-fixture';

export async function benchBigImport(dir: string, gb: number): Promise<void> {
  const file = join(dir, 'big.jsonl');
  // The fixture's lines average ~460 bytes.
  const lines = Math.ceil((gb * 1e9) / 460);
  console.log(`\n## Memory: importing a generated ${gb} GB JSON-lines file (budget: peak RSS ≤ 2 GB)`);
  await writeJsonlFixture(file, lines);
  const size = (await stat(file)).size;
  // As a case imports it (DuckDB reads a plain JSON-lines file itself: jsonl-direct.ts), then through the streaming
  // path every other source takes (an archive member, a field mapping), each into a case of its own.
  for (const [name, minBytes] of [['as imported', undefined], ['streaming path', Infinity]] as const) {
    const c = await openCase(join(dir, `case-big-${minBytes ?? 'direct'}`));
    let peak = process.memoryUsage().rss;
    const tick = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    const t = performance.now();
    const [s] = await importFiles(c, [file], { jsonlDirectMinBytes: minBytes });
    const secs = (performance.now() - t) / 1000;
    clearInterval(tick);
    await c.close();
    console.log(`${name.padEnd(15)} ${(size / 1e9).toFixed(2)} GB, ${s.recordsStored.toLocaleString('en')} events in ${secs.toFixed(1)} s (search index included); peak RSS ${(peak / 2 ** 30).toFixed(2)} GiB ${peak <= 2 * 2 ** 30 ? '(within budget)' : '(OVER BUDGET)'}`);
  }
}
