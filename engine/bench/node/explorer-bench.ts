/**
 * Explorer query times on a generated case (issue 5 item 9): the first page
 * (≤ 300 ms) and a histogram re-bin (≤ 200 ms), with no search, with
 * searches and for a time range. `benchExplorer` is wired into `npm run bench`;
 * alone: `npx tsx engine/bench/node/explorer-bench.ts [N]` (default 10,000,000).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventQuery } from '../../host/contract';
import type { SqlPort } from '../../sql/port';
import { eventHistogram, eventPage } from '../../views/events-view';
import { EXPLORER_GEN, openExplorerCase } from './explorer-case';
import { machineDetails } from './machine';

const PAGE_BUDGET_MS = 300;
const HISTOGRAM_BUDGET_MS = 200;

/** Median of `runs` timed calls after one warm-up (DuckDB's first touch of a column reads it from disk). */
async function median(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const iso = (day: number) => new Date(EXPLORER_GEN.start + day * 86_400_000).toISOString();

/** Times every case on an open case database; false when one is over budget. */
export async function measureExplorer(port: SqlPort): Promise<boolean> {
  let ok = true;
  const cases: [string, EventQuery][] = [
    ['no search', {}],
    ['host:web-07 -@user.name:root', { search: 'host:web-07 -@user.name:root' }],
    ['@source.ip:185.220.0.0/16', { search: '@source.ip:185.220.0.0/16' }],
    ['@source.port:[1000 TO 2000]', { search: '@source.port:[1000 TO 2000]' }],
    ['free text "user17 "', { search: '"user17 "' }],
    ['@sshd.method:password (raw)', { search: '@sshd.method:password' }],
    ['time range: one day', { from: iso(10), to: iso(11) }],
    ['search + one day', { search: 'status:error', from: iso(10), to: iso(11) }],
    ['sorted by user.name', { sortField: 'user.name' }],
  ];
  for (const [name, q] of cases) {
    let total = 0;
    const page = await median(async () => (total = (await eventPage(port, { ...q, order: 'desc', limit: 200 })).total));
    const hist = await median(() => eventHistogram(port, q, 100));
    const verdict = page <= PAGE_BUDGET_MS && hist <= HISTOGRAM_BUDGET_MS ? 'ok' : 'OVER';
    if (verdict !== 'ok') ok = false;
    console.log(`${name.padEnd(34)} page ${page.toFixed(0).padStart(5)} ms  histogram ${hist.toFixed(0).padStart(5)} ms  total ${total.toLocaleString('en').padStart(11)}  ${verdict}`);
  }
  return ok;
}

export async function benchExplorer(n: number): Promise<boolean> {
  console.log(`\n## Explorer: generated case of ${n.toLocaleString('en')} events (budgets: first page ${PAGE_BUDGET_MS} ms, histogram ${HISTOGRAM_BUDGET_MS} ms)`);
  const dir = await mkdtemp(join(tmpdir(), 'vestige-explorer-bench-'));
  let ok = true;
  try {
    const t0 = performance.now();
    const port = await openExplorerCase(n, join(dir, 'case.duckdb'));
    console.log(`generate case and index            ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    ok = await measureExplorer(port);
    await port.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return ok;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('# Vestige explorer benchmark\n' + machineDetails());
  await benchExplorer(Number(process.argv[2] ?? process.env.VESTIGE_BENCH_EVENTS ?? 10_000_000));
}
