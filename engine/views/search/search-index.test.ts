/**
 * The search index gives the scan's answers. Two copies of one generated case
 * (300,000 events: three row groups, three sources, one with clock skew, one
 * out of time order, untimed events, mixed case and non-ASCII words), one
 * indexed: every page, total and histogram must be the same, and the ones
 * planned for the index must really come from it.
 */
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_DDL } from '../../case/schema';
import { refreshEventsView } from '../../case/node/skew';
import type { EventQuery } from '../../host/contract';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { rowsOf, type SqlPort } from '../../sql/port';
import { eventFilter, eventHistogram, eventPage } from '../events-view';
import { buildSearchIndex, dropSearchIndex } from './search-index-build';
import { planSearch } from './search-index-plan';
import { indexedCount, indexedHistogram, indexedPage, indexPlanFor } from './search-index-query';

const N = 300_000;
let indexed: SqlPort;
let plain: SqlPort;

async function generate(db: SqlPort): Promise<void> {
  for (const ddl of CASE_DDL) await db.exec(ddl);
  // Source 1: in time order; source 2: jittered, a few events without a time, skewed by 3 h 17 min 11.5 s; source 3: times up to 2 h out of order.
  await db.exec(`
    INSERT INTO events_raw ("event.id", "@timestamp", message, "source.ip", "destination.ip", "vestige.source_id", raw)
    SELECT i,
      CASE WHEN i <= 120000 THEN TIMESTAMP '2026-03-01' + to_seconds(i * 5)
           WHEN i <= 250000 THEN CASE WHEN h % 4999 = 0 THEN NULL ELSE TIMESTAMP '2026-03-02' + to_seconds(i * 4 + (h % 600)) END
           ELSE TIMESTAMP '2026-03-01' + to_seconds((i - 250000) * 17 + h % 7200) END,
      msg, ip, CASE WHEN h % 5 = 0 THEN '185.220.9.' || h % 7 END,
      CASE WHEN i <= 120000 THEN 1 WHEN i <= 250000 THEN 2 ELSE 3 END,
      -- Some records hold the message as a field, as JSON lines do.
      json_object('user', 'user' || (h >> 8) % 200, 'sshd', json_object('method', ['password', 'publickey', 'Password'][1 + (h >> 4) % 3]),
        'http', json_object('status', 200 + (h >> 6) % 5 * 100), 'tags', ['a', 'b'], 'long', CASE WHEN h % 50 = 0 THEN repeat('z', 200) END,
        'message', CASE WHEN h % 3 = 0 THEN msg END)
    FROM (SELECT i, h, ip, CASE h % 8
        WHEN 0 THEN 'Failed password for user' || (h >> 8) % 200 || ' from ' || ip || ' port ' || (h >> 20) % 60000 || ' ssh2'
        WHEN 1 THEN 'Accepted publickey for USER' || (h >> 8) % 200 || ' from ' || ip
        WHEN 2 THEN 'GET /admin/index.php?id=' || (h >> 5) % 1000 || ' 500'
        WHEN 3 THEN 'disk full on web-' || (h >> 9) % 20
        WHEN 4 THEN ['ſecret', 'KELVIN', 'İstanbul', 'café', 'CAFÉ'][1 + (h >> 7) % 5] || ' user17 ' || ['x', 'y'][1 + (h >> 3) % 2]
        WHEN 5 THEN NULL
        WHEN 6 THEN 'x*y -> user170 user_17 "quoted" failed  password'
        ELSE 'connection from ' || ip || ':' || (h >> 12) % 100
      END AS msg FROM (SELECT i, h, CASE h % 6
        WHEN 0 THEN '185.220.' || (h >> 10) % 4 || '.' || (h >> 14) % 256 WHEN 1 THEN '10.' || (h >> 10) % 256 || '.1.' || (h >> 18) % 256
        WHEN 2 THEN NULL WHEN 3 THEN '2001:db8::' || (h >> 10) % 99 WHEN 4 THEN '185.220' ELSE '185.2200.1.1' END AS ip
      FROM (SELECT i, CAST(hash(i) >> 1 AS BIGINT) AS h FROM range(1, ${N + 1}) r(i))))`);
  await db.exec(`INSERT INTO source_skew VALUES (2, 3 * 3600 * 1000 + 1031500, now()::TIMESTAMP)`);
  await refreshEventsView(db);
}

beforeAll(async () => {
  [indexed, plain] = await Promise.all([openDuckDb(), openDuckDb()]);
  await Promise.all([generate(indexed), generate(plain)]);
  expect(await buildSearchIndex(indexed)).toEqual({ sources: 3, events: N });
}, 120_000);
afterAll(async () => {
  await indexed.close();
  await plain.close();
});

const ids = (bytes: Uint8Array) => Array.from(tableFromIPC(bytes).getChild('event.id')!.toArray() as ArrayLike<bigint>, Number);

async function same(q: EventQuery, buckets = 100) {
  const [a, b] = await Promise.all([eventPage(indexed, q), eventPage(plain, q)]);
  expect({ total: a.total, capped: a.totalCapped, ids: ids(a.rows) }).toEqual({ total: b.total, capped: b.totalCapped, ids: ids(b.rows) });
  expect(await eventHistogram(indexed, q, buckets)).toEqual(await eventHistogram(plain, q, buckets));
  return a.total;
}

const RANGE = { from: '2026-03-02T07:13:00Z', to: '2026-03-04T19:00:00Z' };

// Searches the index plans (one term each), and ones it does not.
const PLANNED = [
  'user17', '"user17 "', 'USER17', 'failed', '"failed password"', 'web-10', 'adm?n', 'user1*', '*ecret', 'secret', 'kelvin', 'istanbul',
  'café', 'CAFÉ', 'password', '"185.220.1.2"', '"x*y"', 'php', '500', 'zzz', 'user_17',
  '@sshd.method:password', '@sshd.method:PASSWORD', '@http.status:500', '@user:user17', '@nope:1', `@long:${'z'.repeat(200)}`,
  '@source.ip:185.220.0.0/16', '@source.ip:185.0.0.0/8', '@source.ip:10.0.0.0/8', '@destination.ip:185.220.0.0/16',
];
const SCANNED = ['"->"', '@source.ip:185.220.0.0/14', 'user17 failed', '-user17', '@tags:a', '@source.ip:185.220.1.0/24'];

describe('search index', () => {
  it('plans one-term searches only', () => {
    for (const s of PLANNED.filter((x) => !x.startsWith('@long'))) expect(planSearch(s), s).not.toBeNull();
    for (const s of SCANNED.filter((x) => x !== '@tags:a')) expect(planSearch(s), s).toBeNull();
  });

  it.each(PLANNED.concat(SCANNED))('%s: same pages, totals and histograms as a scan', async (search) => {
    await same({ search, order: 'desc', limit: 200 });
    await same({ search, ...RANGE, order: 'asc', limit: 50, offset: 120 }, 1000);
  });

  it('same histograms at every bucket size', async () => {
    for (const buckets of [3, 7, 40, 100, 400, 2000]) for (const search of ['user17', '@sshd.method:password']) await same({ search }, buckets);
  });

  it('answers exact one-term searches from the index, reading little', async () => {
    for (const search of ['user17', '@sshd.method:password', '@source.ip:185.220.0.0/16', 'secret']) {
      for (const q of [{ search }, { search, ...RANGE }] as EventQuery[]) {
        const plan = await indexPlanFor(indexed, q);
        expect(plan, search).not.toBeNull();
        const f = eventFilter(q);
        const [{ n }] = rowsOf<{ n: bigint }>(await plain.query(`SELECT count(*) AS n FROM events WHERE ${f.where}`, f.params));
        expect(await indexedCount(indexed, plan!, q, f, Infinity)).toBe(Number(n));
        expect(await indexedHistogram(indexed, plan!, q, f, 86_400_000)).not.toBeNull();
        const page = await indexedPage(indexed, plan!, { ...q, order: 'desc' }, f, { limit: 200, offset: 0, columns: ['event.id'] }, Infinity);
        expect(page?.total).toBe(Number(n));
        expect(page?.rows.numRows).toBe(Math.min(200, Number(n)));
      }
    }
    expect(await same({ search: 'user17' })).toBeGreaterThan(1000);
    expect(await same({ search: 'secret' })).toBeGreaterThan(1000);
  });

  it('scans when a source is not indexed, and indexes only what is new', async () => {
    const add = async (db: SqlPort) =>
      db.exec(`INSERT INTO events_raw ("event.id", "@timestamp", message, "vestige.source_id", raw)
        SELECT ${N} + i, TIMESTAMP '2026-03-05' + to_seconds(i), 'late user17 arrival', 4, '{}' FROM range(1, 1001) r(i)`);
    await Promise.all([add(indexed), add(plain)]);
    expect(await indexPlanFor(indexed, { search: 'user17' })).toBeNull();
    await same({ search: 'user17' });
    expect(await buildSearchIndex(indexed)).toEqual({ sources: 1, events: 1000 });
    expect(await indexPlanFor(indexed, { search: 'user17' })).not.toBeNull();
    await same({ search: 'user17' });
    await same({ search: '"late user17"' });
    // A removed source: its index rows go with it, the rest stays usable.
    const drop = async (db: SqlPort) => db.exec(`DELETE FROM events_raw WHERE "vestige.source_id" = 4`);
    await Promise.all([drop(indexed), drop(plain)]);
    expect(await indexPlanFor(indexed, { search: 'user17' })).toBeNull();
    await dropSearchIndex(indexed, [4]);
    expect(await indexPlanFor(indexed, { search: 'user17' })).not.toBeNull();
    await same({ search: 'user17' });
  });
});
