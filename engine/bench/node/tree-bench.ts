/**
 * Process tree build time: `buildProcessForest` over a synthetic case of N
 * process starts (a 4-ary tree, some background events around them), linked
 * by Sysmon ProcessGuid or, for the second figure, by pid alone with every pid
 * reused (the slower path: time-ordered candidates and exit checks). The case
 * is built in an in-memory DuckDB first; only the build is timed, after one
 * untimed warm-up run unless `{ warmup: false }`.
 */
import { CASE_DDL } from '../../case/schema';
import { openDuckDb } from '../../sql/node/duckdb-native';
import type { SqlPort } from '../../sql/port';
import { buildProcessForest } from '../../views/process-tree/process-tree';

export interface TreeBenchResult {
  link: 'guid' | 'pid';
  processes: number;
  nodes: number;
  maxDepth: number;
  seconds: number;
}

const SYSMON = 'windows.microsoft-windows-sysmon/operational';

/** Process i's parent is (i-1)/4; with pids, pid = i mod `pidSpace` + 4, so every pid is held by several processes over time. */
async function fill(port: SqlPort, n: number, link: 'guid' | 'pid'): Promise<void> {
  const pidSpace = link === 'pid' ? Math.max(8, Math.floor(n / 3)) : n + 1;
  const pid = (x: string) => `((${x}) % ${pidSpace} + 4)`;
  await port.exec(`INSERT INTO events_raw ("event.id", "@timestamp", "event.dataset", "event.code", "event.category", "event.action", "host.name", "user.name",
      "process.pid", "process.parent.pid", "process.executable", "process.command_line", "process.parent.executable", raw)
    SELECT i + 1, TIMESTAMP '2024-01-01' + to_milliseconds(i * 10), ${link === 'guid' ? `'${SYSMON}', '1'` : `'windows.security', '4688'`}, 'process', 'created',
      'bench-host', 'user' || (i % 7), ${pid('i')}, CASE WHEN i > 0 THEN ${pid('(i - 1) // 4')} END,
      'C:\\bin\\p' || (i % 50) || '.exe', 'p' || (i % 50) || '.exe --run ' || i, 'C:\\bin\\p' || (((i - 1) // 4) % 50) || '.exe',
      ${link === 'guid'
        ? `json_object('Event', json_object('EventData', json_object('ProcessGuid', 'G-' || i, 'ParentProcessGuid', CASE WHEN i > 0 THEN 'G-' || ((i - 1) // 4) END)))`
        : `'{}'`}
    FROM range(${n}) t(i)`);
  // Background noise the scan has to skip: network and file events.
  await port.exec(`INSERT INTO events_raw ("event.id", "@timestamp", "event.dataset", "event.category", "host.name", raw)
    SELECT ${n} + i + 1, TIMESTAMP '2024-01-01' + to_milliseconds(i * 3), 'jsonl', CASE WHEN i % 2 = 0 THEN 'network' ELSE 'file' END, 'bench-host', '{"x":1}'
    FROM range(${n * 3}) t(i)`);
}

export async function benchProcessTree({ processes = 10_000, link = 'guid', warmup = true }: { processes?: number; link?: 'guid' | 'pid'; warmup?: boolean } = {}): Promise<TreeBenchResult> {
  const port = await openDuckDb();
  try {
    for (const ddl of CASE_DDL) await port.exec(ddl);
    await fill(port, processes, link);
    if (warmup) await buildProcessForest(port, {});
    const t = performance.now();
    const f = await buildProcessForest(port, {});
    const seconds = (performance.now() - t) / 1000;
    return { link, processes: f.processCount, nodes: f.nodeCount, maxDepth: f.maxDepth, seconds };
  } finally {
    await port.close();
  }
}
