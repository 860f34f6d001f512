/**
 * A case is a folder: `case.json` (name, created, schema version), `case.duckdb`
 * (events, sources, rejections, signals, settings) and `uploads/` (bytes the
 * user dropped in the browser, kept as evidence). Source files elsewhere are
 * only ever read.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { EVENTS_TABLE } from '../../schema/ecs';
import { rowsOf, type SqlPort } from '../../sql/port';
import { CASE_DDL, CASE_SCHEMA_VERSION, CASE_STORAGE_VERSION } from '../schema';
import { refreshEventsView } from './skew';

export interface CaseManifest {
  name: string;
  createdAt: string;
  schemaVersion: number;
}

export interface OpenCase {
  dir: string;
  manifest: CaseManifest;
  port: SqlPort;
  close(): Promise<void>;
}

export async function openCase(dir: string, opts: { name?: string } = {}): Promise<OpenCase> {
  const abs = resolve(dir);
  await mkdir(join(abs, 'uploads'), { recursive: true });
  const manifestPath = join(abs, 'case.json');
  let manifest: CaseManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as CaseManifest;
    if (manifest.schemaVersion > CASE_SCHEMA_VERSION) {
      throw new Error(`${manifestPath}: case written by a newer Vestige (schema ${manifest.schemaVersion})`);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    manifest = { name: opts.name ?? basename(abs), createdAt: new Date().toISOString(), schemaVersion: CASE_SCHEMA_VERSION };
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  }
  const port = await openDuckDb({ path: join(abs, 'case.duckdb'), memoryLimit: process.env.VESTIGE_DUCKDB_MEMORY, storageVersion: CASE_STORAGE_VERSION });
  await migrate(port);
  for (const ddl of CASE_DDL) await port.exec(ddl);
  await refreshEventsView(port);
  return {
    dir: abs,
    manifest,
    port,
    close: () => port.close(),
  };
}

/** Next free ids, read from the database so a reopened case continues where it stopped. */
export async function nextIds(port: SqlPort): Promise<{ eventId: number; sourceId: number }> {
  const [r] = rowsOf<{ e: bigint | null; s: number | null }>(
    await port.query(`SELECT (SELECT max("event.id") FROM events) AS e, (SELECT max(id) FROM sources) AS s`),
  );
  return { eventId: Number(r.e ?? 0) + 1, sourceId: Number(r.s ?? 0) + 1 };
}

/** Cases written before events were read through a view stored them in a table named `events`. */
async function migrate(port: SqlPort): Promise<void> {
  const [t] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'events' AND table_type = 'BASE TABLE'`));
  if (Number(t.n) > 0) await port.exec(`ALTER TABLE events RENAME TO ${EVENTS_TABLE}`);
}
