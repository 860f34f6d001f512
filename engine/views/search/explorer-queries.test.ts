/** The explorer's host queries on a small case: sorted and windowed pages, top values, the SQL console's refusals, saved views, annotations. */
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_DDL } from '../../case/schema';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { rowsOf, type SqlPort } from '../../sql/port';
import { addAnnotation, annotationMarks, listAnnotations, removeAnnotation } from '../annotations/annotations';
import { eventPage } from '../events-view';
import { listSavedViews, removeSavedView, saveView } from './saved-views';
import { checkReadOnly, runSqlConsole, SqlConsoleError } from './sql-console';
import { topValues } from './top-values';

let db: SqlPort;
const N = 1000;

beforeAll(async () => {
  db = await openDuckDb();
  for (const ddl of CASE_DDL) await db.exec(ddl);
  // One event a minute; every 10th on web-01; user u0..u6; a raw field.
  await db.exec(`INSERT INTO events_raw ("event.id", "@timestamp", "host.name", "user.name", message, raw)
    SELECT i, TIMESTAMP '2026-03-01' + INTERVAL (i) MINUTE, CASE WHEN i % 10 = 0 THEN 'web-01' ELSE 'db-01' END, 'u' || (i % 7), 'm' || i, json_object('k', i % 3)
    FROM range(1, ${N + 1}) r(i)`);
});
afterAll(() => db.close());

const ids = (bytes: Uint8Array) => Array.from(tableFromIPC(bytes).getChild('event.id')!.toArray() as ArrayLike<bigint>, Number);

describe('eventPage', () => {
  it('finds the newest page of a search through time slices, same as a full sort', async () => {
    const p = await eventPage(db, { search: 'host:web-01', order: 'desc', limit: 5 });
    expect(p.total).toBe(100);
    expect(ids(p.rows)).toEqual([1000, 990, 980, 970, 960]);
    const asc = await eventPage(db, { search: 'host:web-01', order: 'asc', limit: 3, offset: 2 });
    expect(ids(asc.rows)).toEqual([30, 40, 50]);
    // Free text matches whole words: m17 is not m170..m179, which m17* finds.
    const rare = await eventPage(db, { search: 'm17', order: 'desc', limit: 5 });
    expect(ids(rare.rows)).toEqual([17]);
    const prefix = await eventPage(db, { search: 'm17*', order: 'desc', limit: 5 });
    expect(ids(prefix.rows)).toEqual([179, 178, 177, 176, 175]);
  });

  it('sorts by a column or a raw field on the host', async () => {
    const byUser = await eventPage(db, { sortField: 'user.name', order: 'desc', limit: 2 });
    expect(ids(byUser.rows)).toEqual([1000, 993]);
    const byRaw = await eventPage(db, { sortField: '@k', order: 'asc', limit: 2 });
    expect(ids(byRaw.rows)).toEqual([3, 6]);
  });
});

describe('topValues', () => {
  it('counts the values of each field among the matches', async () => {
    const [host, user] = await topValues(db, { search: '-host:db-01' }, ['host.name', 'user.name'], 3);
    expect(host).toEqual({ field: 'host.name', values: [{ value: 'web-01', count: 100 }], present: 100 });
    expect(user.values.length).toBe(3);
    expect(user.present).toBe(100);
  });
});

describe('SQL console', () => {
  it('runs a query, with a row limit', async () => {
    const r = await runSqlConsole(db, 'SELECT "host.name", count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC;', 1);
    expect(r.columns).toEqual(['host.name', 'n']);
    expect(r.rows).toEqual([['db-01', '900']]);
    expect(r.truncated).toBe(true);
  });

  it.each([
    ['DELETE FROM events', 'only SELECT'],
    ['SELECT 1; DELETE FROM events', 'one statement'],
    ["SELECT * FROM read_csv('/etc/passwd')", 'read_csv'],
    ["SELECT * FROM '/etc/passwd'", 'file paths'],
    ["SELECT * FROM query('DELETE FROM events')", 'query'],
    ['ATTACH \'x.db\'', 'only SELECT'],
  ])('refuses %s', async (sql, why) => {
    expect(() => checkReadOnly(sql)).toThrow(SqlConsoleError);
    await expect(runSqlConsole(db, sql, 10)).rejects.toThrow(why);
  });

  it('cannot write even past the statement check, and leaves no transaction open', async () => {
    // A keyword inside a comment or string does not fool the check; the read-only transaction is the last lock.
    await expect(runSqlConsole(db, "WITH x AS (SELECT 1) SELECT '; DELETE' FROM x -- ; DROP", 10)).resolves.toMatchObject({ rows: [['; DELETE']] });
    expect(rowsOf<{ n: bigint }>(await db.query('SELECT count(*) AS n FROM events'))[0].n).toBe(BigInt(N));
    await db.exec('BEGIN TRANSACTION');
    await db.exec('ROLLBACK');
  });
});

describe('saved views and annotations', () => {
  it('saves, replaces by name, lists and deletes views', async () => {
    const state = { search: 'host:web-01', from: null, to: null, columns: ['@timestamp', 'sshd.method'], sortField: null, order: 'asc' as const, view: 'explorer' };
    await saveView(db, { name: 'web', state });
    const v = await saveView(db, { name: 'web', state: { ...state, search: 'host:db-01' } }, new Date(Date.now() + 1000));
    const all = await listSavedViews(db);
    expect(all.map((x) => [x.name, x.state.search])).toEqual([['web', 'host:db-01']]);
    expect(await removeSavedView(db, v.id)).toBe(true);
    expect(await listSavedViews(db)).toEqual([]);
  });

  it('keeps one bookmark per event, any number of notes, and places them in time', async () => {
    const b = await addAnnotation(db, { target: 'event', targetId: '17', kind: 'bookmark' });
    await addAnnotation(db, { target: 'event', targetId: '17', kind: 'bookmark' });
    await addAnnotation(db, { target: 'event', targetId: '17', kind: 'tag', text: 'c2' });
    await addAnnotation(db, { target: 'event', targetId: '17', kind: 'note', text: 'first hop' });
    expect((await listAnnotations(db, { target: 'event', targetIds: ['17'] })).map((a) => a.kind).sort()).toEqual(['bookmark', 'note', 'tag']);
    const marks = await annotationMarks(db, { from: '2026-03-01T00:00:00Z' });
    expect(marks).toEqual([{ target: 'event', targetId: '17', time: Date.parse('2026-03-01T00:17:00Z'), bookmarked: true, tags: ['c2'], notes: ['first hop'] }]);
    expect(await annotationMarks(db, { from: '2026-03-02T00:00:00Z' })).toEqual([]);
    expect(await removeAnnotation(db, b.id)).toBe(true);
    expect((await annotationMarks(db, {}))[0].bookmarked).toBe(false);
  });
});
