import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsTableDdl } from '../../schema/ecs';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { rowsOf } from '../../sql/port';
import { openCase } from './case-store';
import { importFiles } from './import-files';

const LINES = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ '@timestamp': new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString(), host: { name: `web-0${i % 3}` }, message: `request ${i} served in ${i % 97} ms` })).join('\n') + '\n';

async function rawCompressions(file: string): Promise<string[]> {
  const db = await openDuckDb({ path: file });
  const rows = rowsOf<{ c: string }>(await db.query(`SELECT DISTINCT compression AS c FROM pragma_storage_info('events_raw') WHERE column_name = 'raw' AND segment_type <> 'VALIDITY' ORDER BY 1`));
  await db.close();
  return rows.map((r) => r.c);
}

describe('case storage', () => {
  it('a new case stores raw records with ZSTD', async () => {
    const src = join(await mkdtemp(join(tmpdir(), 'vestige-src-')), 'app.jsonl');
    await writeFile(src, LINES);
    const dir = await mkdtemp(join(tmpdir(), 'vestige-case-'));
    const c = await openCase(dir);
    const [s] = await importFiles(c, [src]);
    expect(s.recordsStored).toBe(5000);
    await c.close();
    expect(await rawCompressions(join(dir, 'case.duckdb'))).toEqual(['ZSTD']);
  });

  it('a case file made in DuckDB’s older default format opens and imports, raw compressed as DuckDB chooses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vestige-case-'));
    // As Vestige made them before: default storage format, no compression named for raw.
    const old = await openDuckDb({ path: join(dir, 'case.duckdb') });
    await old.exec(eventsTableDdl().replace(' USING COMPRESSION zstd', ''));
    await old.close();
    await writeFile(join(dir, 'case.json'), JSON.stringify({ name: 'old', createdAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 }));
    const src = join(await mkdtemp(join(tmpdir(), 'vestige-src-')), 'app.jsonl');
    await writeFile(src, LINES);
    const c = await openCase(dir);
    const [s] = await importFiles(c, [src]);
    expect(s.recordsStored).toBe(5000);
    const [{ n }] = rowsOf<{ n: bigint }>(await c.port.query(`SELECT count(*) AS n FROM events WHERE raw->>'$.host.name' = 'web-01'`));
    expect(Number(n)).toBe(1667);
    await c.close();
    // That format cannot hold ZSTD strings, so the column keeps what DuckDB picks for it.
    const used = await rawCompressions(join(dir, 'case.duckdb'));
    expect(used).not.toContain('ZSTD');
    expect(used.length).toBeGreaterThan(0);
  });
});
