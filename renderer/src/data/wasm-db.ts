/**
 * The renderer's own DuckDB: the working set the views cross-filter (current
 * result pages, signals), and the whole engine in host-less mode. It speaks
 * the same SqlPort as the host's native DuckDB.
 */
import { AsyncDuckDB, ConsoleLogger, LogLevel } from '@duckdb/duckdb-wasm';
import { wasmPort } from '../../../engine/sql/browser/duckdb-wasm';
import type { SqlPort } from '../../../engine/sql/port';
import { ehBundle, startDuckDbWorker } from './wasm-worker';

/**
 * Starts a fresh in-memory duckdb-wasm in its own worker. The port owns the
 * worker: close() terminates it. Extension autoload is off from the first
 * statement (see wasmPort), so nothing is fetched at run time.
 */
export async function openWorkingSet(): Promise<SqlPort> {
  const bundle = ehBundle();
  const db = new AsyncDuckDB(new ConsoleLogger(LogLevel.WARNING), startDuckDbWorker(bundle));
  try {
    await db.instantiate(bundle.mainModule);
    return await wasmPort(db, { terminateOnClose: true });
  } catch (e) {
    await db.terminate().catch(() => undefined);
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`while starting the DuckDB working set (${bundle.mainModule}): ${why}`, { cause: e });
  }
}
