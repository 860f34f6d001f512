/**
 * SqlPort over duckdb-wasm: the renderer's working set (result pages, signals)
 * and the host-less mode. Built from an already-instantiated AsyncDuckDB so the
 * same code runs in the browser (Web Worker bundle) and in Node tests (node
 * worker bundle). Differences from native DuckDB that this file absorbs:
 * - parameters travel as JSON to the worker (see `toWasmParam`);
 * - Arrow inserts are positional in duckdb-wasm, the port's are by name;
 * - the eh bundle has no json/icu extensions and must not fetch them.
 */
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { DataType, Table, tableFromIPC, tableToIPC, type Field } from 'apache-arrow';
import { ident, type SqlParam, type SqlPort } from '../port';
import { normalizeTable } from './arrow-normalize';
import { buildArrowTable, type ColumnInput } from '../arrow-build';

export interface WasmPortOptions {
  /** Terminate the db's worker on close(): set when the port owns the db. */
  terminateOnClose?: boolean;
}

export async function wasmPort(db: AsyncDuckDB, opts: WasmPortOptions = {}): Promise<SqlPort> {
  const conn = await db.connect();
  try {
    // First thing: an unknown function or type must fail, not fetch an extension from the web.
    await conn.query('SET autoload_known_extensions=false');
    await conn.query('SET autoinstall_known_extensions=false');
    // TimeZone needs the icu extension, absent from the eh bundle (timestamps are then UTC-naive).
    // Asking the catalog first avoids a failing statement, which the worker logs to the console.
    if (await exists(conn, "SELECT 1 FROM duckdb_settings() WHERE name = 'TimeZone'")) {
      await conn.query("SET TimeZone = 'UTC'");
    }
    await aliasJson(conn);
  } catch (e) {
    await conn.close().catch(() => undefined);
    throw toError(e);
  }
  return new WasmDuckDb(db, conn, opts.terminateOnClose ?? false);
}

/**
 * The shared schema declares `raw JSON`; without the json extension that type
 * does not exist, so it becomes an alias of VARCHAR (what JSON stores anyway).
 * JSON functions (json_extract, ->>) stay unavailable in wasm.
 */
async function aliasJson(conn: AsyncDuckDBConnection): Promise<void> {
  if (await exists(conn, "SELECT 1 FROM duckdb_types() WHERE type_name = 'JSON'")) return;
  await conn.query('CREATE TYPE JSON AS VARCHAR');
}

async function exists(conn: AsyncDuckDBConnection, sql: string): Promise<boolean> {
  return (await conn.useUnsafe((b, id) => b.runQuery(id, sql)).then(tableFromIPC)).numRows > 0;
}

/**
 * duckdb-wasm JSON-encodes parameters, so every number binds as DOUBLE (native
 * binds integers as BIGINT) and a bigint cannot be encoded at all. Safe-range
 * bigints become numbers (exact); larger ones become decimal text, which DuckDB
 * casts exactly wherever the placeholder's type is known (`WHERE id = ?`).
 */
export function toWasmParam(p: SqlParam): string | number | boolean | null {
  if (typeof p === 'bigint') return p >= -(2n ** 53n) && p <= 2n ** 53n ? Number(p) : p.toString();
  // JSON has no NaN/Infinity (they would turn into NULL); DuckDB casts these words.
  if (typeof p === 'number' && !Number.isFinite(p)) return String(p);
  return p;
}

/** Insert errors arrive as JSON text; report them in native DuckDB's "Type Error: message" form. */
function toError(e: unknown): Error {
  const msg = e instanceof Error ? e.message : String(e);
  if (msg.startsWith('{')) {
    try {
      const j = JSON.parse(msg) as { exception_type?: string; exception_message?: string };
      if (j.exception_message) return new Error(`${j.exception_type ?? 'DuckDB'} Error: ${j.exception_message}`);
    } catch {
      // not JSON after all: keep the message as it is
    }
  }
  return e instanceof Error ? e : new Error(msg);
}

/** SELECT expression that brings a staged column into the target column's type. */
function columnExpr(target: Field, src: Field | undefined): string {
  if (!src || DataType.isNull(src.type)) return 'NULL';
  const col = ident(src.name);
  // Native reads an int64 as epoch µs and any other number as epoch ms (arrow-build's convention).
  if (DataType.isTimestamp(target.type) && DataType.isInt(src.type) && src.type.bitWidth === 64) return `make_timestamp(CAST(${col} AS BIGINT))`;
  if (DataType.isTimestamp(target.type) && (DataType.isInt(src.type) || DataType.isFloat(src.type))) return `make_timestamp(CAST(round(${col} * 1000) AS BIGINT))`;
  return col;
}

let stageSeq = 0;

class WasmDuckDb implements SqlPort {
  /** One operation at a time, so a multi-step insert is never interleaved. */
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly db: AsyncDuckDB,
    private readonly conn: AsyncDuckDBConnection,
    private readonly terminateOnClose: boolean,
  ) {}

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(() => {
      if (this.closed) throw new Error('SqlPort is closed');
      return fn();
    });
    this.chain = run.catch(() => undefined);
    return run.catch((e: unknown) => Promise.reject(toError(e)));
  }

  /**
   * Results are taken as IPC bytes and decoded with our apache-arrow, not as
   * duckdb-wasm's Table: in Node its CJS build loads a second copy of
   * apache-arrow, whose classes fail `instanceof` checks in ours.
   */
  private run(sql: string, params?: readonly SqlParam[]): Promise<Table> {
    return this.conn.useUnsafe(async (bindings, id) => {
      if (!params || params.length === 0) return tableFromIPC(await bindings.runQuery(id, sql));
      const stmt = await bindings.createPrepared(id, sql);
      try {
        return tableFromIPC(await bindings.runPrepared(id, stmt, params.map(toWasmParam)));
      } finally {
        await bindings.closePrepared(id, stmt);
      }
    });
  }

  exec(sql: string, params?: readonly SqlParam[]): Promise<void> {
    return this.serial(async () => void (await this.run(sql, params)));
  }

  query(sql: string, params?: readonly SqlParam[]): Promise<Table> {
    return this.serial(async () => normalizeTable(await this.run(sql, params)));
  }

  insertColumns(table: string, columns: readonly ColumnInput[]): Promise<void> {
    // The wasm worker takes Arrow IPC anyway.
    return columns.length === 0 ? Promise.resolve() : this.insertArrow(table, buildArrowTable(columns));
  }

  insertArrow(table: string, data: Table | Uint8Array): Promise<void> {
    return this.serial(async () => {
      const incoming = data instanceof Uint8Array ? tableFromIPC(data) : data;
      if (incoming.numRows === 0) return;
      // duckdb-wasm transfers the buffer to its worker: copy the caller's bytes so they stay usable.
      const bytes = data instanceof Uint8Array ? data.slice() : tableToIPC(data, 'stream');
      if (bytes.length === 0) throw new Error('Arrow table serialized to 0 bytes: is it from another apache-arrow major? Pass IPC bytes.');
      const target = (await this.run(`SELECT * FROM ${ident(table)} LIMIT 0`)).schema.fields;
      const src = new Map(incoming.schema.fields.map((f) => [f.name, f]));
      const exprs = target.map((t) => columnExpr(t, src.get(t.name)));
      const positional = incoming.schema.fields.length === target.length && exprs.every((e, i) => e === ident(target[i].name));
      if (positional) {
        await this.conn.insertArrowFromIPCStream(bytes, { name: table, create: false });
        return;
      }
      // By name: stage the batch as its own table, then copy the matching columns.
      const stage = `__vestige_stage_${++stageSeq}`;
      await this.conn.insertArrowFromIPCStream(bytes, { name: stage, create: true });
      try {
        await this.conn.query(`INSERT INTO ${ident(table)} SELECT ${exprs.join(', ')} FROM ${ident(stage)}`);
      } finally {
        await this.conn.query(`DROP TABLE IF EXISTS ${ident(stage)}`);
      }
    });
  }

  close(): Promise<void> {
    // Idempotent; work queued before close still runs, work queued after it rejects.
    this.closing ??= this.serial(async () => {
      this.closed = true;
      await this.conn.close();
      if (this.terminateOnClose) await this.db.terminate();
    });
    return this.closing;
  }
}
