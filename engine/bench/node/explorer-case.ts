/**
 * A case of N events generated inside DuckDB (range() and hash(), so it is the
 * same every run) for the explorer benchmark. Rows go in in time order, as an
 * import of time-sorted logs would: "@timestamp" zone maps then let a time
 * range skip whole row groups. The search index is built afterwards, as the
 * import builds it after each file, and its time printed on a line of its own.
 */
import { CASE_DDL, CASE_STORAGE_VERSION } from '../../case/schema';
import { openDuckDb } from '../../sql/node/duckdb-native';
import type { SqlPort } from '../../sql/port';
import { buildSearchIndex } from '../../views/search/search-index-build';

export const EXPLORER_GEN = { start: Date.parse('2026-01-01T00:00:00Z'), days: 30 };

const CHUNK = 2_000_000;

export async function openExplorerCase(n: number, path: string): Promise<SqlPort> {
  const port = await openDuckDb({ path, storageVersion: CASE_STORAGE_VERSION });
  for (const ddl of CASE_DDL) await port.exec(ddl);
  const spanUs = EXPLORER_GEN.days * 86_400_000_000;
  for (let lo = 0; lo < n; lo += CHUNK) {
    const hi = Math.min(n, lo + CHUNK);
    await port.exec(`
      INSERT INTO events_raw ("event.id", "@timestamp", "event.dataset", "event.kind", "event.category", "event.action", "event.outcome",
        "log.level", message, "host.name", "user.name", "source.ip", "source.port", "process.name", "process.pid", "vestige.source_id", "vestige.line", raw)
      SELECT i + 1, make_timestamp(${EXPLORER_GEN.start * 1000} + i * ${Math.floor(spanUs / n)}), ds, 'event', cat, act, outc, lvl,
        act || ' for ' || usr || ' from ' || ip || ' port ' || port, host, usr, ip, port, proc, pid, 1, i + 1,
        json_object('host', host, 'user', usr, 'ip', ip, 'port', port, 'sshd', json_object('method', CASE WHEN h % 3 = 0 THEN 'password' ELSE 'publickey' END), 'http', json_object('status', 200 + (h % 5) * 100))
      FROM (
        SELECT i, h,
          ['linux.auth', 'nginx.access', 'windows.sysmon', 'linux.syslog', 'jsonl', 'zeek.conn'][1 + h % 6] AS ds,
          ['authentication', 'web', 'process', 'host', 'network'][1 + (h >> 3) % 5] AS cat,
          ['ssh_login', 'http_request', 'process_start', 'sudo', 'connection'][1 + (h >> 3) % 5] AS act,
          CASE WHEN (h >> 7) % 10 = 0 THEN 'failure' ELSE 'success' END AS outc,
          ['info', 'info', 'info', 'warning', 'error'][1 + (h >> 11) % 5] AS lvl,
          'web-' || lpad(CAST((h >> 13) % 50 AS VARCHAR), 2, '0') AS host,
          CASE WHEN (h >> 19) % 40 = 0 THEN 'root' ELSE 'user' || CAST((h >> 19) % 400 AS VARCHAR) END AS usr,
          CASE WHEN (h >> 27) % 4 = 0 THEN '185.220.' || CAST((h >> 29) % 256 AS VARCHAR) || '.' || CAST((h >> 37) % 256 AS VARCHAR)
               ELSE '10.' || CAST((h >> 29) % 256 AS VARCHAR) || '.' || CAST((h >> 37) % 256 AS VARCHAR) || '.' || CAST((h >> 45) % 256 AS VARCHAR) END AS ip,
          CAST(1024 + (h >> 23) % 60000 AS INTEGER) AS port,
          ['sshd', 'nginx', 'powershell.exe', 'sudo', 'cron'][1 + (h >> 3) % 5] AS proc,
          CAST((h >> 31) % 65536 AS BIGINT) AS pid
        FROM (SELECT i, CAST(hash(i) >> 1 AS BIGINT) AS h FROM range(${lo}, ${hi}) r(i))
      ) ORDER BY i`);
  }
  await port.exec('CHECKPOINT');
  const t0 = performance.now();
  await buildSearchIndex(port);
  await port.exec('CHECKPOINT');
  const s = (performance.now() - t0) / 1000;
  console.log(`build search index                 ${s.toFixed(1)} s  (${((s * 1e6) / n).toFixed(1)} s per million events)`);
  return port;
}
