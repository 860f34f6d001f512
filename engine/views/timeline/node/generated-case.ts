/**
 * A synthetic case made inside DuckDB (no files, no parsing), for the timeline
 * and graph tests and benchmarks: N events over 30 days with a known number of
 * hosts, users, IPs, processes and files, and four signals on known events.
 */
import { CASE_DDL, CASE_STORAGE_VERSION } from '../../../case/schema';
import { openDuckDb } from '../../../sql/node/duckdb-native';
import type { SqlPort } from '../../../sql/port';

export const GEN = {
  start: Date.parse('2024-03-01T00:00:00Z'),
  spanMs: 30 * 86_400_000,
  hosts: 20,
  users: 50,
  processes: 300,
  files: 2000,
};

/** Events: host-{i%20}, user-{i*7%50}, 10.0.{i%13}.{i*31%250} → 203.0.113.{i%97}, /usr/bin/p{i*13%300}, /var/data/f{i*17%2000}. */
export async function fillGeneratedCase(port: SqlPort, n: number): Promise<void> {
  for (const ddl of CASE_DDL) await port.exec(ddl);
  const step = Math.max(1, Math.floor(GEN.spanMs / n));
  await port.exec(
    `INSERT INTO events_raw ("event.id", "@timestamp", "event.dataset", "event.action", "host.name", "user.name", "source.ip", "destination.ip",
       "process.name", "process.executable", "file.path", message, raw)
     SELECT i, ?::TIMESTAMP + to_milliseconds(i * ?::BIGINT), 'generated', 'act-' || (i % 5),
       'host-' || (i % ${GEN.hosts}), 'user-' || (i * 7 % ${GEN.users}), '10.0.' || (i % 13) || '.' || (i * 31 % 250), '203.0.113.' || (i % 97),
       'p' || (i * 13 % ${GEN.processes}), '/usr/bin/p' || (i * 13 % ${GEN.processes}), '/var/data/f' || (i * 17 % ${GEN.files}),
       'generated event ' || i, '{}'::JSON
     FROM range(?::BIGINT) t(i)`,
    [new Date(GEN.start).toISOString(), step, n],
  );
  const signal = (id: string, title: string, level: string, tags: string[], where: string) =>
    port.exec(
      `INSERT INTO signals (id, rule_id, rule_title, rule_type, level, tags, group_key, event_ids, event_count, first_time, last_time, status, created_at, updated_at)
       SELECT ?, ?, ?, 'sigma', ?, ?::JSON, '', list("event.id" ORDER BY "event.id"), count(*), min("@timestamp"), max("@timestamp"), 'open', now(), now()
       FROM events WHERE ${where}`,
      [id, `rule-${id}`, title, level, JSON.stringify(tags)],
    );
  // Brute force: host-0's events in the first tenth of the case; two tactics, so it shows in two lanes.
  await signal('sig-brute', 'Brute force', 'high', ['attack.credential_access', 'attack.discovery', 'attack.t1110'], `"host.name" = 'host-0' AND "event.id" < ${Math.ceil(n / 10)}`);
  await signal('sig-exec', 'Odd binary', 'medium', ['attack.execution', 'attack.t1059'], `"process.executable" = '/usr/bin/p7'`);
  // A wide, low signal: its entities are enough seeds for a graph of a thousand nodes.
  await signal('sig-wide', 'Bulk copy', 'low', ['attack.collection'], `"event.id" % 10 = 3`);
  await signal('sig-untagged', 'Untagged', 'low', ['custom'], `"event.id" = ${Math.floor(n / 2)}`);
}

export async function openGeneratedCase(n: number, path?: string): Promise<SqlPort> {
  const port = await openDuckDb(path ? { path, storageVersion: CASE_STORAGE_VERSION } : {});
  await fillGeneratedCase(port, n);
  return port;
}
