import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portConformance } from '../port-conformance';
import { openDuckDb } from './duckdb-native';

describe('native DuckDB adapter', () => {
  portConformance({ describe, it, expect, beforeAll, afterAll }, () => openDuckDb({ threads: 1 }));
});

describe('native DuckDB adapter: columns written straight into the vectors', () => {
  it('stores what the value-by-value path stores, across chunks, nulls, wide integers and odd text', async () => {
    const db = await openDuckDb({ threads: 1 });
    const n = 5000; // more than two chunks of 2,048
    const text = (i: number) => (i % 7 === 0 ? null : i % 11 === 0 ? '' : i % 13 === 0 ? `é\u{1F600}\ud800 ${i}` : i % 5 === 0 ? 42 : `value ${i}`);
    const int32 = (i: number) => (i % 6 === 0 ? null : i % 17 === 0 ? -(2 ** 31) + i : i % 19 === 0 ? 2 ** 31 - i : i * 3);
    const int64 = (i: number) => (i % 8 === 0 ? null : i % 9 === 0 ? -(2n ** 62n) - BigInt(i) : i % 10 === 0 ? 2 ** 53 + 2 * i : i % 12 === 0 ? -i - 0.75 : i * 1e9);
    const time = (i: number) => (i % 4 === 0 ? null : i % 3 === 0 ? BigInt(i) * 1_000_001n : i % 14 === 0 ? -i * 1000.5 : 1.7e15 + i + 0.5);
    const columns = [
      { name: 't', kind: 'utf8' as const, values: Array.from({ length: n }, (_, i) => text(i)) },
      { name: 'a', kind: 'int32' as const, values: Array.from({ length: n }, (_, i) => int32(i)) },
      { name: 'b', kind: 'int64' as const, values: Array.from({ length: n }, (_, i) => int64(i)) },
      { name: 'ts', kind: 'timestamp' as const, values: Array.from({ length: n }, (_, i) => time(i)) },
      { name: 'j', kind: 'utf8' as const, values: Array.from({ length: n }, (_, i) => (i % 3 ? `{"i":${i}}` : null)) },
    ];
    await db.exec(`CREATE TABLE direct (t VARCHAR, a INTEGER, b BIGINT, ts TIMESTAMP, j JSON, missing VARCHAR)`);
    // A boolean column sends the whole batch down node-api's value-by-value path: the reference.
    await db.exec(`CREATE TABLE reference (t VARCHAR, a INTEGER, b BIGINT, ts TIMESTAMP, j JSON, missing VARCHAR, flag BOOLEAN)`);
    await db.insertColumns('direct', columns);
    await db.insertColumns('reference', [...columns, { name: 'flag', kind: 'bool', values: Array.from({ length: n }, () => true) }]);
    const rows = async (t: string) => (await db.query(`SELECT t, a, b, epoch_us(ts) AS us, j::VARCHAR AS j, missing FROM ${t} ORDER BY rowid`)).toArray().map((r) => JSON.stringify(r.toJSON(), (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
    const [direct, reference] = [await rows('direct'), await rows('reference')];
    expect(direct).toHaveLength(n);
    expect(direct).toEqual(reference);
    // Spot checks against the inputs themselves.
    expect(JSON.parse(direct[13])).toMatchObject({ t: 'é\u{1F600}\ufffd 13', a: 39 });
    expect(JSON.parse(direct[17])).toMatchObject({ a: -(2 ** 31) + 17 });
    expect(JSON.parse(direct[19])).toMatchObject({ a: 2 ** 31 - 19 });
    expect(JSON.parse(direct[9])).toMatchObject({ b: String(-(2n ** 62n) - 9n) });
    expect(JSON.parse(direct[10])).toMatchObject({ b: String(2 ** 53 + 20) });
    expect(JSON.parse(direct[7])).toMatchObject({ t: null, missing: null });
    await db.close();
  });

  it('refuses what the value-by-value path refuses, with the same errors', async () => {
    const db = await openDuckDb({ threads: 1 });
    await db.exec('CREATE TABLE t (a INTEGER, b BIGINT, ts TIMESTAMP, flag BOOLEAN)');
    const refused = async (name: string, kind: 'int32' | 'int64' | 'timestamp', v: unknown) => {
      const err = (cols: { name: string; kind: 'int32' | 'int64' | 'timestamp' | 'bool'; values: unknown[] }[]) => db.insertColumns('t', cols).then(() => 'stored', (e: Error) => e.message);
      const direct = await err([{ name, kind, values: [1, v] }]);
      const reference = await err([{ name, kind, values: [1, v] }, { name: 'flag', kind: 'bool', values: [true, true] }]);
      expect(direct, `${kind} ${String(v)}`).not.toBe('stored');
      expect(direct).toBe(reference);
    };
    await refused('a', 'int32', 2 ** 31);
    await refused('a', 'int32', 1.5);
    await refused('b', 'int64', Number.NaN);
    await refused('b', 'int64', 2n ** 63n);
    await refused('ts', 'timestamp', -(2n ** 63n) - 1n);
    await db.close();
  });
});
