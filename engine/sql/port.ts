/**
 * The one door to the analytics engine. Everything above this file speaks SQL
 * with bound parameters and gets Apache Arrow back; two adapters implement it:
 * native DuckDB (`sql/node/duckdb-native.ts`) where Node runs, duckdb-wasm
 * (`sql/browser/duckdb-wasm.ts`) in a renderer worker. Both must pass
 * `port-conformance.ts`.
 */
import type { Table } from 'apache-arrow';
import type { ColumnInput } from './arrow-build';

/** A bound parameter: DuckDB `?` placeholders are filled in order. */
export type SqlParam = string | number | bigint | boolean | null;

export interface SqlPort {
  /** Runs one or more statements; no result. */
  exec(sql: string, params?: readonly SqlParam[]): Promise<void>;
  /** Runs one statement and returns its result as an Arrow table. */
  query(sql: string, params?: readonly SqlParam[]): Promise<Table>;
  /**
   * Appends Arrow record batches (as a Table or IPC stream bytes) to an
   * existing table; columns are matched by name, missing ones get NULL.
   */
  insertArrow(table: string, data: Table | Uint8Array): Promise<void>;
  /**
   * Appends plain column arrays (the shape `buildArrowTable` takes), matched
   * by name like `insertArrow`. The importer's hot path: a native adapter
   * appends them without building and re-reading Arrow vectors.
   */
  insertColumns(table: string, columns: readonly ColumnInput[]): Promise<void>;
  close(): Promise<void>;
  /**
   * True where DuckDB reads this machine's files by path (native DuckDB):
   * the importer then lets it read large JSON-lines files itself.
   */
  readonly readsFiles?: boolean;
  /**
   * Another connection to the same database (native DuckDB), for work beside
   * this one's: what it commits is seen by this connection's open
   * transaction too. Closing it closes that connection only.
   */
  fork?(): Promise<SqlPort>;
  /** Stops the statement this connection is running (it then fails as interrupted); where DuckDB allows it. */
  interrupt?(): void;
}

/** Quotes an identifier for DuckDB (ECS names contain dots and `@`). */
export function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** A text as a DuckDB string literal, for SQL that cannot take a parameter there (a table function's path, a JSON shape). */
export function literal(text: string): string {
  return "'" + text.replace(/'/g, "''") + "'";
}

/** Plain JS rows from an Arrow table (for small results: lists, counts, metadata). */
export function rowsOf<T = Record<string, unknown>>(table: Table): T[] {
  const names = table.schema.fields.map((f) => f.name);
  const cols = names.map((n) => table.getChild(n)!);
  const out: T[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = cols[c].get(i);
    out[i] = row as T;
  }
  return out;
}
