/**
 * Timeline and graph query times on a generated case of N events (made inside
 * DuckDB, so the figures are the queries', not the importer's). The lead wires
 * `benchViews` into `npm run bench`; alone: `npx tsx engine/bench/node/views-bench.ts [N]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entityGraph, expandEntity } from '../../views/graph/graph-query';
import { GEN, openGeneratedCase } from '../../views/timeline/node/generated-case';
import { timeline } from '../../views/timeline/timeline-query';

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

export async function benchViews(n: number): Promise<void> {
  console.log(`\n## Timeline and graph: generated case of ${n.toLocaleString('en')} events`);
  const dir = await mkdtemp(join(tmpdir(), 'vestige-views-bench-'));
  try {
    const [port, made] = await timed(() => openGeneratedCase(n, join(dir, 'case.duckdb')));
    console.log(`generate case             ${ms(made)}`);
    const day = (d: number) => new Date(GEN.start + d * 86_400_000).toISOString();
    const runs: [string, Parameters<typeof timeline>[1]][] = [
      ['timeline host, whole case', { lane: 'host', width: 1600 }],
      ['timeline user, whole case', { lane: 'user', width: 1600 }],
      ['timeline tactic, whole', { lane: 'tactic', width: 1600 }],
      ['timeline host, one day', { lane: 'host', from: day(3), to: day(4), width: 1600 }],
      ['timeline host, one second', { lane: 'host', from: day(3), to: new Date(GEN.start + 3 * 86_400_000 + 1000).toISOString(), width: 1600 }],
    ];
    for (const [name, q] of runs) {
      const [t, took] = await timed(() => timeline(port, q));
      console.log(`${name.padEnd(26)}${ms(took)}  ${t.lanes.length} lanes, ${t.bins.count.length} bins of ${t.binMs} ms, ${t.signals.length} signal bars`);
    }
    const seeds = Array.from({ length: 60 }, (_, i) => ({ type: 'process' as const, value: `/usr/bin/p${i}` }));
    const [g, tg] = await timed(() => entityGraph(port, { seeds, limit: 1000 }));
    console.log(`graph, 1,000-node limit   ${ms(tg)}  ${g.nodes.length} nodes, ${g.edges.length} edges${g.truncated ? ' (capped)' : ''}`);
    const [d, td] = await timed(() => entityGraph(port, { limit: 1000 }));
    console.log(`graph, signal seeds       ${ms(td)}  ${d.nodes.length} nodes, ${d.edges.length} edges`);
    const [x, tx] = await timed(() => expandEntity(port, { type: 'host', value: 'host-3' }));
    console.log(`graph expand one host     ${ms(tx)}  ${x.nodes.length} nodes`);
    await port.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchViews(Number(process.argv[2] ?? 1_000_000));
