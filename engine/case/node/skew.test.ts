import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { rowsOf } from '../../sql/port';
import { openCase, type OpenCase } from './case-store';
import { importFiles } from './import-files';
import { listSources } from './case-queries';
import { setSourceSkew } from './skew';

let c: OpenCase | null = null;
afterEach(async () => {
  await c?.close();
  c = null;
});

const times = async (c: OpenCase, table: string) =>
  rowsOf<{ t: number }>(await c.port.query(`SELECT epoch_ms("@timestamp") AS t FROM ${table} ORDER BY "event.id"`)).map((r) => new Date(Number(r.t)).toISOString());

describe('per-source clock skew', () => {
  it('shifts one source at query time, leaves stored events and other sources alone, and survives reopening', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vestige-skew-'));
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    await writeFile(a, '{"@timestamp":"2026-03-14T03:00:00Z","message":"a"}\n');
    await writeFile(b, '{"@timestamp":"2026-03-14T03:00:00Z","message":"b"}\n');
    c = await openCase(join(dir, 'case'));
    await importFiles(c, [a, b]);
    await setSourceSkew(c.port, 2, -90_000);
    expect(await times(c, 'events')).toEqual(['2026-03-14T03:00:00.000Z', '2026-03-14T02:58:30.000Z']);
    expect(await times(c, 'events_raw')).toEqual(['2026-03-14T03:00:00.000Z', '2026-03-14T03:00:00.000Z']);
    expect((await listSources(c.port)).map((s) => s.skewMs)).toEqual([0, -90_000]);
    await c.close();
    c = await openCase(join(dir, 'case'));
    expect(await times(c, 'events')).toEqual(['2026-03-14T03:00:00.000Z', '2026-03-14T02:58:30.000Z']);
    await setSourceSkew(c.port, 2, 0);
    expect(await times(c, 'events')).toEqual(['2026-03-14T03:00:00.000Z', '2026-03-14T03:00:00.000Z']);
    await expect(setSourceSkew(c.port, 9, 5)).rejects.toThrow('no source 9 in this case');
  });

  it('migrates a case whose events were a table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vestige-old-case-'));
    const db = await openDuckDb({ path: join(dir, 'case.duckdb') });
    await db.exec(`CREATE TABLE events ("event.id" BIGINT, "@timestamp" TIMESTAMP, message VARCHAR)`);
    await db.exec(`INSERT INTO events VALUES (1, TIMESTAMP '2026-01-01 00:00:00', 'old')`);
    await db.close();
    c = await openCase(dir);
    const [r] = rowsOf<{ message: string }>(await c.port.query(`SELECT message FROM events`));
    expect(r.message).toBe('old');
  });
});
