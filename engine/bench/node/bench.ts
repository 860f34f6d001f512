/**
 * `npm run bench`: Vestige's figures beside a reference, in one run, with the
 * machine's details. Sizes: VESTIGE_BENCH_LINES (JSON lines, default 1,000,000),
 * VESTIGE_BENCH_FORMAT_LINES (generated syslog/CSV, 200,000), VESTIGE_BENCH_SIGMA_EVENTS
 * (1,000,000; needs the corpus), VESTIGE_BENCH_VIEW_EVENTS (1,000,000),
 * VESTIGE_BENCH_EXPLORER_EVENTS (10,000,000), VESTIGE_BENCH_BIG_GB (memory section, off by default).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCase } from '../../case/node/case-store';
import { CASE_STORAGE_VERSION } from '../../case/schema';
import { CORE_COLUMNS, EVENTS_TABLE, eventsTableDdl } from '../../schema/ecs';
import { importFiles } from '../../case/node/import-files';
import { directStats } from '../../ingest/node/jsonl-direct';
import { buildSearchIndex } from '../../views/search/search-index-build';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { literal, rowsOf } from '../../sql/port';
import { writeJsonlFixture, writeTarOfFile } from './jsonl-fixture';
import { machineDetails } from './machine';
import { benchExplorer } from './explorer-bench';
import { benchFormats } from './formats-bench';
import { benchBigImport } from './memory-bench';
import { benchSigma } from './sigma-bench';
import { benchProcessTree } from './tree-bench';
import { benchViews } from './views-bench';
import { corpusRoot } from '../../testing/node/corpus';

function mb(bytes: number, s: number): string {
  return `${(bytes / 1e6 / s).toFixed(1)} MB/s`;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
}

/**
 * What DuckDB itself takes to do the least of Vestige's job on the file: each
 * line read as text (read_csv), parsed once into the core columns
 * (json_transform; a flat dotted key before the nested path, as the JSON-lines
 * format reads them) and stored with the line as `raw`, in a case's table and
 * storage format. No line numbers, byte offsets or per-line checks: a lower
 * bound for any import that keeps the raw record.
 */
async function duckdbKeepingRaw(dir: string, file: string): Promise<{ secs: number; stored: string }> {
  const db = await openDuckDb({ path: join(dir, 'floor.duckdb'), storageVersion: CASE_STORAGE_VERSION });
  await db.exec(eventsTableDdl());
  const mapped = CORE_COLUMNS.filter((c) => !c.name.startsWith('vestige.') && !['raw', 'event.id', '@timestamp'].includes(c.name));
  const shape: Record<string, unknown> = { '@timestamp': 'VARCHAR' };
  for (const c of mapped) {
    shape[c.name] = 'VARCHAR';
    const parts = c.name.split('.');
    let node = shape;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = 'VARCHAR';
  }
  const path = (parts: string[]) => 'j' + parts.map((p) => `."${p}"`).join('');
  const value = (name: string) => (name.includes('.') ? `coalesce(${path([name])}, ${path(name.split('.'))})` : path([name]));
  const cast = (c: (typeof mapped)[number]) => (c.type === 'VARCHAR' ? value(c.name) : `TRY_CAST(${value(c.name)} AS ${c.type})`);
  const sql = `INSERT INTO ${EVENTS_TABLE} ("@timestamp", ${mapped.map((c) => `"${c.name}"`).join(', ')}, raw)
    SELECT TRY_CAST(j."@timestamp" AS TIMESTAMPTZ)::TIMESTAMP, ${mapped.map(cast).join(', ')}, line
    FROM (SELECT line, json_transform(line, ${literal(JSON.stringify(shape))}) AS j
          FROM read_csv(${literal(file)}, columns = {'line': 'VARCHAR'}, delim = chr(1), quote = '', escape = '', header = false, auto_detect = false))`;
  const [, secs] = await timed(() => db.exec(sql));
  const [r] = rowsOf<{ n: bigint; timed: bigint; hosts: bigint }>(await db.query(`SELECT count(*) AS n, count("@timestamp") AS timed, count("host.name") AS hosts FROM ${EVENTS_TABLE}`));
  await db.close();
  return { secs, stored: `stored ${r.n}, ${r.timed} with a time, ${r.hosts} with a host` };
}

async function benchJsonl(dir: string, lines: number): Promise<void> {
  const file = join(dir, 'events.jsonl');
  const bytes = await writeJsonlFixture(file, lines);
  console.log(`\n## JSON lines ingest: ${lines.toLocaleString('en')} events, ${(bytes / 1e6).toFixed(0)} MB`);
  // The reference as DuckDB does it by default, and in the storage format Vestige's cases use.
  const reference = async (name: string, storageVersion?: string) => {
    const db = await openDuckDb({ path: join(dir, `${name}.duckdb`), storageVersion });
    const [, secs] = await timed(() => db.exec(`CREATE TABLE t AS SELECT * FROM read_json(${literal(file)}, format = 'newline_delimited')`));
    const [[{ n }]] = [rowsOf<{ n: bigint }>(await db.query('SELECT count(*) AS n FROM t'))];
    await db.close();
    const size = (await stat(join(dir, `${name}.duckdb`))).size;
    console.log(`${`native DuckDB read_json${storageVersion ? ` (${storageVersion})` : ''}`.padEnd(33)} ${secs.toFixed(2)} s  ${mb(bytes, secs)}  ${Math.round(Number(n) / secs).toLocaleString('en')} events/s  (${(size / 1e6).toFixed(0)} MB on disk)`);
    return secs;
  };
  const ref = await reference('ref');
  const refLatest = await reference('ref-latest', CASE_STORAGE_VERSION);
  const floor = await duckdbKeepingRaw(dir, file);
  console.log(`${'DuckDB alone, keeping raw'.padEnd(33)} ${floor.secs.toFixed(2)} s  ${mb(bytes, floor.secs)}  = ${(ref / floor.secs).toFixed(2)}x read_json  (${floor.stored}; lines by read_csv, json_transform to the core columns, raw stored as in a case; no line numbers, no checks)`);
  // The import as a case gets it (DuckDB reads a file this large itself: jsonl-direct.ts), then the streaming path
  // every other JSON-lines source takes (archive members, small files, a field mapping, live feeds).
  const run = async (name: string, minBytes?: number, path = file) => {
    const c = await openCase(join(dir, name));
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const tick = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const files = directStats.files;
    const [[s], secs] = await timed(() => importFiles(c, [path], { searchIndex: false, jsonlDirectMinBytes: minBytes }));
    clearInterval(tick);
    return { c, s, secs, peak, direct: directStats.files > files };
  };
  const a = await run('case');
  const [, index] = await timed(() => buildSearchIndex(a.c.port));
  await a.c.close();
  const size = (await stat(join(dir, 'case', 'case.duckdb'))).size;
  const line = (label: string, r: Awaited<ReturnType<typeof run>>) =>
    console.log(`${label.padEnd(33)} ${r.secs.toFixed(2)} s  ${mb(bytes, r.secs)}  ${Math.round(r.s.recordsStored / r.secs).toLocaleString('en')} events/s  (stored ${r.s.recordsStored}, rejected ${r.s.recordsRejected}, peak RSS ${(r.peak / 2 ** 20).toFixed(0)} MiB${r.direct ? '; read by DuckDB' : ''})`);
  line('Vestige import', a);
  console.log(`${'then the search index'.padEnd(33)} ${index.toFixed(2)} s  (importFiles builds it after the import by default; case on disk ${(size / 1e6).toFixed(0)} MB)`);
  const b = await run('case-streamed', Infinity);
  await b.c.close();
  line('Vestige import, streaming path', b);
  // The same lines as the one member of a tar archive: copied to a file of its own, then read by DuckDB.
  const tar = join(dir, 'events.tar');
  await writeTarOfFile(tar, 'logs/events.jsonl', file);
  const t = await run('case-tar', undefined, tar);
  await t.c.close();
  await rm(tar);
  line('Vestige import, as a tar member', t);
  const ours = a.secs;
  console.log(`ratio Vestige / read_json ${(ref / ours).toFixed(2)}x (import), ${(ref / (ours + index)).toFixed(2)}x (import + search index), ${(ref / t.secs).toFixed(2)}x (tar member), ${(ref / b.secs).toFixed(2)}x (streaming path); against read_json (${CASE_STORAGE_VERSION}) ${(refLatest / ours).toFixed(2)}x`);
}

async function main(): Promise<void> {
  console.log('# Vestige benchmarks\n' + machineDetails());
  const lines = Number(process.env.VESTIGE_BENCH_LINES ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'vestige-bench-'));
  try {
    const corpus = corpusRoot();
    await benchJsonl(dir, lines);
    await benchFormats(corpus, dir, Number(process.env.VESTIGE_BENCH_FORMAT_LINES ?? 200_000));
    await benchSigma(corpus, dir, Number(process.env.VESTIGE_BENCH_SIGMA_EVENTS ?? 1_000_000));
    console.log('\n## Process tree (budget: 10k processes in 1 s)');
    for (const link of ['guid', 'pid'] as const) {
      const t = await benchProcessTree({ processes: 10_000, link });
      console.log(`${link.padEnd(5)} ${t.processes} processes, ${t.nodes} nodes, depth ${t.maxDepth}: ${(t.seconds * 1000).toFixed(0)} ms`);
    }
    await benchViews(Number(process.env.VESTIGE_BENCH_VIEW_EVENTS ?? 1_000_000));
    await benchExplorer(Number(process.env.VESTIGE_BENCH_EXPLORER_EVENTS ?? 10_000_000));
    if (process.env.VESTIGE_BENCH_BIG_GB) await benchBigImport(dir, Number(process.env.VESTIGE_BENCH_BIG_GB));
    else console.log('\n(memory section skipped: set VESTIGE_BENCH_BIG_GB=4 to import a generated 4 GB file and report peak RSS)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
