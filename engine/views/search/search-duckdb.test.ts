/** The compiled searches run against DuckDB on events of our own: which event ids each one finds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_DDL } from '../../case/schema';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { rowsOf, type SqlPort } from '../../sql/port';
import { compileSearch } from '../search';

let db: SqlPort;

// id, time, dataset, host, user, source.ip, port, level, outcome, process, message, raw
const EVENTS: [number, string, string, string, string | null, string | null, number | null, string | null, string | null, string | null, string, object][] = [
  [1, '2026-03-01T10:00:00Z', 'linux.auth', 'web-01', 'root', '10.1.2.3', 40000, 'info', 'failure', 'sshd', 'Failed password for root', { sshd: { method: 'password' }, http: { status: 200 } }],
  [2, '2026-03-01T11:00:00Z', 'linux.auth', 'web-02', 'alice', '185.220.101.47', 1500, 'info', 'success', 'sshd', 'Accepted publickey for alice', { sshd: { method: 'publickey' } }],
  [3, '2026-03-02T09:00:00Z', 'nginx.access', 'web-01', null, '2001:db8::7', 1800, 'error', null, 'nginx', 'GET /admin 500', { http: { status: 500 }, client: { ip: '192.168.4.9' } }],
  [4, '2026-03-03T00:00:00Z', 'windows.sysmon', 'db-01', 'alice', '172.20.0.5', null, 'warning', null, 'powershell.exe', 'process created', { tags: 'x*y' }],
  [5, '2026-03-04T00:00:00Z', 'jsonl', 'web-10', 'bob', '::ffff:10.0.0.1', 999, 'crit', null, null, 'disk full on web-10', {}],
];

beforeAll(async () => {
  db = await openDuckDb();
  for (const ddl of CASE_DDL) await db.exec(ddl);
  for (const e of EVENTS) {
    await db.exec(
      `INSERT INTO events_raw ("event.id", "@timestamp", "event.dataset", "host.name", "user.name", "source.ip", "source.port", "log.level", "event.outcome", "process.name", message, raw)
       VALUES (?, ?::TIMESTAMP, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...e.slice(0, 11), JSON.stringify(e[11])] as (string | number | null)[],
    );
  }
});
afterAll(() => db.close());

async function ids(search: string): Promise<number[]> {
  const p = compileSearch(search, Date.parse('2026-03-05T00:00:00Z'));
  return rowsOf<{ id: bigint }>(await db.query(`SELECT "event.id" AS id FROM events WHERE ${p.where} ORDER BY 1`, p.params)).map((r) => Number(r.id));
}

describe('search against DuckDB', () => {
  it.each([
    ['host:web*', [1, 2, 3, 5]],
    ['host:web-0?', [1, 2, 3]],
    ['host:web-01 -@user.name:root', [3]],
    ['NOT @user.name:alice', [1, 3, 5]],
    ['source:auth', [1, 2]],
    ['source:linux', [1, 2]],
    ['source:nginx*', [3]],
    ['service:sshd', [1, 2]],
    ['service:jsonl', [5]],
    ['status:error', [1, 3, 5]],
    ['status:warn', [4]],
    ['status:ok', [2]],
    ['@source.ip:10.0.0.0/8', [1]],
    ['@source.ip:172.16.0.0/12', [4]],
    ['@source.ip:2001:db8::/32', [3]],
    ['@client.ip:192.168.0.0/16', [3]],
    ['@source.port:[1000 TO 2000]', [2, 3]],
    ['@source.port:{1500 TO *}', [1, 3]],
    ['@source.port:<1000', [5]],
    ['@http.status:>=500', [3]],
    ['@timestamp:[2026-03-01T10:30 TO 2026-03-02T23:59]', [2, 3]],
    ['@timestamp:2026-03-01', [1, 2]],
    ['@timestamp:>now-2d', [5]],
    ['@timestamp:>=now-2d', [4, 5]],
    ['_exists_:user.name', [1, 2, 4, 5]],
    ['@sshd.method:*', [1, 2]],
    ['-@sshd.method:*', [3, 4, 5]],
    ['@sshd.method:PASSWORD', [1]],
    ['"failed password"', [1]],
    ['"FAILED"', [1]],
    ['"password failed"', []],
    ['publickey', [2]],
    ['ublic', []],
    ['*ublic*', [2]],
    ['*key', [2]],
    ['fail*', [1]],
    ['web-10', [5]],
    ['web-1', []],
    ['web-1*', [5]],
    ['"disk full"', [5]],
    ['"full  disk"', []],
    // Words of the raw record count too, its keys included; separators between a phrase's words do not matter.
    ['sshd', [1, 2]],
    ['status', [1, 3]],
    ['192.168.4.9', [3]],
    ['"168 4"', [3]],
    ['50', []],
    ['"x*y"', [4]],
    // No word character at all: a substring.
    ['"*"', [4]],
    ['adm?n', [3]],
    ['@tags:x\\*y', [4]],
    ['@tags:x\\*z', []],
    ['host:(web-02 OR db-01) @user.name:alice', [2, 4]],
    ['host:web-01 OR @user.name:bob', [1, 3, 5]],
    ['(host:web-01 OR host:web-02) AND NOT status:error', [2]],
    ['"x\') OR 1=1 --"', []],
  ])('%s', async (search, expected) => {
    expect(await ids(search)).toEqual(expected);
  });
});
