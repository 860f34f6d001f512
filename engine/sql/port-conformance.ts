/**
 * The behaviour every SqlPort adapter must share, run by each adapter's test
 * (`node/duckdb-native.test.ts`, `node/duckdb-wasm.test.ts`). It takes the test
 * functions as an argument so this file stays environment-neutral and free of a
 * vitest import. How to add an adapter: open it in a factory and call
 * `portConformance(vitestApi, factory)` from a test beside it.
 */
import { DataType, Precision, TimeUnit, tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { buildArrowTable } from './arrow-build';
import { ident, rowsOf, type SqlPort } from './port';

/** The slice of vitest this suite uses (structural, so no import is needed). */
export interface SuiteApi {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>): void;
  beforeAll(fn: () => Promise<void>): void;
  afterAll(fn: () => Promise<void>): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- vitest's Assertion is too rich to restate
  expect: (actual: unknown) => any;
}

/** One name per column kind; anything outside the port's six kinds shows its Arrow name. */
export function columnKindOf(type: DataType): string {
  if (DataType.isUtf8(type)) return 'utf8';
  if (DataType.isBool(type)) return 'bool';
  if (DataType.isInt(type) && type.isSigned && type.bitWidth === 32) return 'int32';
  if (DataType.isInt(type) && type.isSigned && type.bitWidth === 64) return 'int64';
  if (DataType.isFloat(type) && type.precision === Precision.DOUBLE) return 'float64';
  if (DataType.isTimestamp(type) && type.unit === TimeUnit.MICROSECOND && !type.timezone) return 'timestamp';
  return String(type);
}

const kinds = (t: Table) => Object.fromEntries(t.schema.fields.map((f) => [f.name, columnKindOf(f.type)]));
const T0 = Date.UTC(2024, 0, 2, 3, 4, 5); // epoch ms of 2024-01-02 03:04:05 UTC
const T0_US = BigInt(T0) * 1000n + 123456n;

export function portConformance(api: SuiteApi, open: () => Promise<SqlPort>): void {
  const { describe, it, expect, beforeAll, afterAll } = api;
  describe('SqlPort conformance', () => {
    let db: SqlPort;
    beforeAll(async () => void (db = await open()));
    afterAll(async () => db?.close());
    const one = async (sql: string, params?: Parameters<SqlPort['query']>[1]) => rowsOf((await db.query(sql, params)))[0];

    it('runs several DDL and DML statements in one exec', async () => {
      await db.exec('CREATE TABLE ddl (x INTEGER); INSERT INTO ddl VALUES (1), (2); ALTER TABLE ddl ADD COLUMN y VARCHAR');
      expect(await one('SELECT count(*) AS n, max(x) AS mx FROM ddl')).toEqual({ n: 2n, mx: 2 });
      expect(kinds(await db.query('SELECT * FROM ddl'))).toEqual({ x: 'int32', y: 'utf8' });
    });

    it('binds strings as data: quotes, ? and SQL inside cannot escape', async () => {
      await db.exec('CREATE TABLE victim (s VARCHAR)');
      const evil = "it's a '?' ); DROP TABLE victim; -- ?";
      expect(await one("SELECT ? AS s, '?' AS lit, ? AS t", [evil, 'x'])).toEqual({ s: evil, lit: '?', t: 'x' });
      await db.exec('INSERT INTO victim VALUES (?)', [evil]);
      expect(await one('SELECT count(*) AS n FROM victim WHERE s = ?', [evil])).toEqual({ n: 1n });
      expect(await one("SELECT count(*) AS n FROM victim WHERE s = ?", ["' OR 1=1 --"])).toEqual({ n: 0n });
    });

    it('binds bigint, number, boolean and null into typed columns', async () => {
      await db.exec('CREATE TABLE p (b BIGINT, i INTEGER, d DOUBLE, f BOOLEAN, s VARCHAR)');
      const big = 2n ** 60n + 1n; // beyond 2^53: must stay exact
      await db.exec('INSERT INTO p VALUES (?, ?, ?, ?, ?)', [big, 42, 1.5, true, null]);
      await db.exec('INSERT INTO p VALUES (?, ?, ?, ?, ?)', [-7n, -1, -0.25, false, 'x']);
      const t = await db.query('SELECT * FROM p WHERE b = ?', [big]);
      expect(kinds(t)).toEqual({ b: 'int64', i: 'int32', d: 'float64', f: 'bool', s: 'utf8' });
      expect(rowsOf(t)).toEqual([{ b: big, i: 42, d: 1.5, f: true, s: null }]);
      expect(await one('SELECT count(*) AS n FROM p WHERE b < ? AND f = ? AND s IS NOT DISTINCT FROM ?', [0n, false, 'x'])).toEqual({ n: 1n });
      expect(await one('SELECT ?::BIGINT + 1 AS v', [41])).toEqual({ v: 42n });
    });

    it('binds untyped placeholders', async () => {
      const r = await one('SELECT ? AS s, ? AS f, ? AS z, ? AS n, ? AS d', ['a', true, null, 3, 2.5]);
      expect([r.s, r.f, r.z]).toEqual(['a', true, null]);
      // Untyped numbers: native binds integers as BIGINT, duckdb-wasm binds every
      // number as DOUBLE (its parameters travel as JSON). Compare the values only.
      expect([Number(r.n), r.d]).toEqual([3, 2.5]);
    });

    it('returns the port column kinds, nulls and timestamps', async () => {
      const t = await db.query(`SELECT 1::INTEGER AS i, 2::BIGINT AS b, 1.5::DOUBLE AS d, 'x' AS s, true AS f,
        NULL::VARCHAR AS n, NULL::BIGINT AS nb, TIMESTAMP '2024-01-02 03:04:05.123456' AS ts,
        TIMESTAMPTZ '2024-01-02 03:04:05.123456+00' AS tz, DATE '2024-01-02' AS dt, 1.25::DECIMAL(10,2) AS dec,
        3::SMALLINT AS sm, 4::UINTEGER AS ui, 5::HUGEINT AS h`);
      expect(kinds(t)).toEqual({
        i: 'int32', b: 'int64', d: 'float64', s: 'utf8', f: 'bool', n: 'utf8', nb: 'int64', ts: 'timestamp',
        tz: 'timestamp', dt: 'timestamp', dec: 'float64', sm: 'int32', ui: 'int64', h: 'int64',
      });
      const r = rowsOf(t)[0];
      expect(r).toMatchObject({ i: 1, b: 2n, d: 1.5, s: 'x', f: true, n: null, nb: null, dec: 1.25, sm: 3, ui: 4n, h: 5n });
      // Arrow JS reads microsecond timestamps as fractional epoch milliseconds.
      expect(Math.round((r.ts as number) * 1000)).toBe(Number(T0_US));
      expect(r.tz).toBe(r.ts);
      expect(r.dt).toBe(Date.UTC(2024, 0, 2));
    });

    it('aggregates: count and sum of BIGINT come back as int64', async () => {
      const t = await db.query('SELECT count(*) AS c, sum(x) AS s, avg(x) AS a FROM range(10) t(x)');
      expect(kinds(t)).toEqual({ c: 'int64', s: 'int64', a: 'float64' });
      expect(rowsOf(t)[0]).toEqual({ c: 10n, s: 45n, a: 4.5 });
    });

    it('renders nested values as DuckDB text', async () => {
      const r = await one(`SELECT [1, 2] AS l, {'a': 1, 'b': 'x'} AS st, ['p', 'q'] AS ls`);
      expect(r).toEqual({ l: '[1, 2]', st: "{'a': 1, 'b': 'x'}", ls: "['p', 'q']" });
    });

    it('stores JSON columns and returns their text', async () => {
      await db.exec('CREATE TABLE j (id INTEGER, raw JSON)');
      const doc = '{"process":{"command_line":"cmd.exe /c \\"x\\""},"n":[1,2]}';
      await db.exec('INSERT INTO j VALUES (1, ?)', [doc]);
      const t = await db.query('SELECT raw FROM j');
      expect(kinds(t)).toEqual({ raw: 'utf8' });
      expect(JSON.parse(rowsOf<{ raw: string }>(t)[0].raw)).toEqual(JSON.parse(doc));
    });

    it('handles ECS-style quoted column names', async () => {
      const cols = ['@timestamp', 'process.command_line', 'host.name'];
      await db.exec(`CREATE TABLE ecs (${ident(cols[0])} TIMESTAMP, ${ident(cols[1])} VARCHAR, ${ident(cols[2])} VARCHAR)`);
      await db.insertArrow('ecs', buildArrowTable([
        { name: '@timestamp', kind: 'timestamp', values: [T0_US, null] },
        { name: 'process.command_line', kind: 'utf8', values: ['powershell -enc "?"', 'cmd'] },
        { name: 'host.name', kind: 'utf8', values: ['ws1', 'ws2'] },
      ]));
      const t = await db.query(`SELECT ${ident(cols[1])}, ${ident(cols[0])} FROM ecs WHERE ${ident(cols[2])} = ?`, ['ws1']);
      expect(t.schema.fields.map((f) => f.name)).toEqual(['process.command_line', '@timestamp']);
      const r = rowsOf(t)[0];
      expect(r['process.command_line']).toBe('powershell -enc "?"');
      expect(Math.round((r['@timestamp'] as number) * 1000)).toBe(Number(T0_US));
    });

    it('inserts from IPC bytes and leaves the caller bytes intact', async () => {
      await db.exec('CREATE TABLE ipc (s VARCHAR, n BIGINT)');
      const bytes = tableToIPC(buildArrowTable([{ name: 's', kind: 'utf8', values: ['a', null, 'c'] }, { name: 'n', kind: 'int64', values: [1n, 2n, null] }]), 'stream');
      await db.insertArrow('ipc', bytes);
      expect(tableFromIPC(bytes).numRows).toBe(3);
      expect(rowsOf(await db.query('SELECT * FROM ipc ORDER BY s NULLS LAST'))).toEqual([{ s: 'a', n: 1n }, { s: 'c', n: null }, { s: null, n: 2n }]);
    });

    it('matches columns by name: any order, missing -> NULL, extra ignored', async () => {
      await db.exec('CREATE TABLE byname (a VARCHAR, b BIGINT, ts TIMESTAMP, c BOOLEAN)');
      await db.insertArrow('byname', buildArrowTable([
        { name: 'zz', kind: 'utf8', values: ['ignored'] },
        { name: 'ts', kind: 'int64', values: [T0_US] }, // int64 into TIMESTAMP: epoch µs
        { name: 'b', kind: 'int64', values: [9n] },
        { name: 'a', kind: 'utf8', values: ['x'] },
      ]));
      const r = await one('SELECT a, b, c, epoch_us(ts) AS us FROM byname');
      expect(r).toEqual({ a: 'x', b: 9n, c: null, us: T0_US });
    });

    it('appends plain columns by name across chunk boundaries, nulls and timestamps included', async () => {
      await db.exec('CREATE TABLE cols ("event.id" BIGINT, "@timestamp" TIMESTAMP, "user.name" VARCHAR, n INTEGER, raw JSON, extra VARCHAR)');
      const rows = 2050;
      await db.insertColumns('cols', [
        { name: 'raw', kind: 'utf8', values: Array.from({ length: rows }, (_, i) => `{"i":${i}}`) },
        { name: 'event.id', kind: 'int64', values: Array.from({ length: rows }, (_, i) => i + 1) },
        { name: '@timestamp', kind: 'timestamp', values: Array.from({ length: rows }, (_, i) => (i === 5 ? null : T0_US + BigInt(i))) },
        { name: 'user.name', kind: 'utf8', values: Array.from({ length: rows }, (_, i) => (i % 2 ? "o'hara" : null)) },
        { name: 'n', kind: 'int32', values: Array.from({ length: rows }, (_, i) => i) },
        { name: 'ignored', kind: 'utf8', values: Array.from({ length: rows }, () => 'x') },
      ]);
      const r = await one(`SELECT count(*) AS c, count("@timestamp") AS t, count("user.name") AS u, max("event.id") AS m, sum(n) AS s,
        max(CAST(raw AS VARCHAR)) FILTER (WHERE "event.id" = 2050) AS last, count(extra) AS e, epoch_us(min("@timestamp")) AS lo FROM cols`);
      expect({ ...r, s: Number(r.s) }).toEqual({ c: 2050n, t: 2049n, u: 1025n, m: 2050n, s: (2049 * 2050) / 2, last: '{"i":2049}', e: 0n, lo: T0_US });
    });

    it('casts inserted columns to the table types; reads the shape afresh each time', async () => {
      await db.query('CREATE TABLE "wide table" (x INTEGER)'); // DDL through query(), then re-created
      await db.insertArrow('wide table', buildArrowTable([{ name: 'x', kind: 'int32', values: [1] }]));
      await db.query('DROP TABLE "wide table"');
      await db.query('CREATE TABLE "wide table" (j JSON, tz TIMESTAMPTZ, d DATE, h HUGEINT, "dec" DECIMAL(10,2), ts TIMESTAMP, sm SMALLINT)');
      await db.insertArrow('wide table', buildArrowTable([
        { name: 'j', kind: 'utf8', values: ['{"a":1}'] },
        { name: 'tz', kind: 'timestamp', values: [T0_US] },
        { name: 'd', kind: 'timestamp', values: [T0_US] },
        { name: 'h', kind: 'int64', values: [2n ** 62n] },
        { name: 'dec', kind: 'float64', values: [1.25] },
        { name: 'ts', kind: 'utf8', values: ['2024-01-02 03:04:05.123456'] }, // text parsed by DuckDB's cast
        { name: 'sm', kind: 'int32', values: [-3] },
      ]));
      expect(await one('SELECT j::VARCHAR AS j, epoch_us(tz) AS tz, d::VARCHAR AS d, h::VARCHAR AS h, "dec"::VARCHAR AS "dec", epoch_us(ts) AS ts, sm FROM "wide table"'))
        .toEqual({ j: '{"a":1}', tz: T0_US, d: '2024-01-02', h: String(2n ** 62n), dec: '1.25', ts: T0_US, sm: -3 });
    });

    it('inserts and counts 100k rows', async () => {
      await db.exec('CREATE TABLE big (id BIGINT, ts TIMESTAMP, msg VARCHAR, ok BOOLEAN)');
      const n = 100_000;
      const ids = Array.from({ length: n }, (_, i) => BigInt(i));
      await db.insertArrow('big', buildArrowTable([
        { name: 'id', kind: 'int64', values: ids },
        { name: 'ts', kind: 'timestamp', values: ids.map((i) => T0_US + i * 1_000_000n) },
        { name: 'msg', kind: 'utf8', values: ids.map((i) => `event ${i} ✓`) },
        { name: 'ok', kind: 'bool', values: ids.map((i) => i % 2n === 0n) },
      ]));
      expect(await one('SELECT count(*) AS n, sum(id) AS s, count(*) FILTER (ok) AS k, max(epoch_us(ts)) AS m FROM big'))
        .toEqual({ n: BigInt(n), s: BigInt((n * (n - 1)) / 2), k: BigInt(n / 2), m: T0_US + BigInt(n - 1) * 1_000_000n });
      expect(await one('SELECT msg FROM big WHERE id = ?', [99_999n])).toEqual({ msg: 'event 99999 ✓' });
    });

    it('reports DuckDB errors as rejected promises and stays usable', async () => {
      await expect(db.query('SELECT * FROM no_such_table')).rejects.toThrow(/Catalog Error: Table with name no_such_table does not exist/);
      await expect(db.exec('SELEC 1')).rejects.toThrow(/Parser Error/);
      await expect(db.query('SELECT CAST(? AS INTEGER) AS v', ['nope'])).rejects.toThrow(/Conversion Error/);
      await expect(db.insertArrow('no_such_table', buildArrowTable([{ name: 'a', kind: 'utf8', values: ['x'] }]))).rejects.toThrow(/no_such_table/);
      expect(await one('SELECT 1 AS ok')).toEqual({ ok: 1 });
    });

    it('closes; later calls reject', async () => {
      const own = await open();
      await own.exec('CREATE TABLE t (x INTEGER)');
      await own.close();
      await expect(own.query('SELECT 1')).rejects.toThrow();
    });
  });
}
