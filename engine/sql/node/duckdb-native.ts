/**
 * SqlPort over native DuckDB (@duckdb/node-api): used by the host, the CLI and
 * the Electron utility process for import, storage and detection.
 */
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  INTEGER,
  TIMESTAMP,
  VARCHAR,
  DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBResultReader,
  timestampValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';
import { DataType, tableFromIPC, util, type Table } from 'apache-arrow';
import { ident, type SqlParam, type SqlPort } from '../port';
import { buildArrowTable, type ColumnInput, type ColumnKind } from '../arrow-build';

const CHUNK = 2048;

export interface NativeOptions {
  /** Database file; ':memory:' or omitted for an in-memory database. */
  path?: string;
  threads?: number;
  memoryLimit?: string;
  /**
   * DuckDB storage format of a new database file (`storage_compatibility_version`):
   * 'latest' for case files, whose raw column needs it for ZSTD (see schema/ecs.ts);
   * DuckDB's default (readable by older DuckDB) when omitted. An existing file keeps its own.
   */
  storageVersion?: string;
}

export async function openDuckDb(opts: NativeOptions = {}): Promise<SqlPort> {
  const config: Record<string, string> = {};
  if (opts.threads) config.threads = String(opts.threads);
  if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
  // Nothing may be fetched from the network: extensions are built in or absent.
  config.autoinstall_known_extensions = 'false';
  config.autoload_known_extensions = 'false';
  if (opts.storageVersion) config.storage_compatibility_version = opts.storageVersion;
  const instance = await DuckDBInstance.create(opts.path ?? ':memory:', config);
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'").catch(() => undefined);
  return new NativeDuckDb(instance, conn);
}

function toDuckParams(params: readonly SqlParam[] | undefined): DuckDBValue[] | undefined {
  if (!params || params.length === 0) return undefined;
  return params.map((p) => (typeof p === 'number' && Number.isInteger(p) && Math.abs(p) < 2 ** 53 ? BigInt(p) : p));
}

function kindOf(t: DuckDBType): ColumnKind {
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return 'bool';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return 'int32';
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
      return 'int64';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'float64';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.DATE:
      return 'timestamp';
    default:
      return 'utf8';
  }
}

/** Converts one DuckDB value to what `buildArrowTable` expects for its kind. */
function jsValue(v: DuckDBValue, kind: ColumnKind): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'bool':
      return Boolean(v);
    case 'int32':
      return Number(v);
    case 'int64':
      return typeof v === 'bigint' ? v : BigInt(String(v));
    case 'float64':
      return Number(typeof v === 'object' ? String(v) : v);
    case 'timestamp': {
      const o = v as unknown as { micros?: bigint; millis?: bigint; seconds?: bigint; nanos?: bigint; days?: number };
      if (o.micros !== undefined) return o.micros;
      if (o.millis !== undefined) return o.millis * 1000n;
      if (o.seconds !== undefined) return o.seconds * 1000000n;
      if (o.nanos !== undefined) return o.nanos / 1000n;
      if (o.days !== undefined) return BigInt(o.days) * 86400000000n;
      return null;
    }
    default:
      return typeof v === 'string' ? v : String(v);
  }
}

/**
 * The type a column is appended as: the Arrow source's own type, so that
 * DuckDB's appender casts it to the table's type (VARCHAR → TIMESTAMP or JSON,
 * BIGINT → HUGEINT, DOUBLE → DECIMAL, …) the way duckdb-wasm's INSERT … SELECT
 * does. Numbers into a timestamp column follow arrow-build's convention instead
 * (int64 = epoch µs, other numbers = epoch ms), which no SQL cast knows.
 */
function appendType(src: DataType | undefined, target: DuckDBType): DuckDBType {
  const t = sourceType(src, target);
  // Same physical type: take the table's own (keeps aliases such as JSON, so no per-row cast).
  return t.typeId === target.typeId ? target : t;
}

function sourceType(src: DataType | undefined, target: DuckDBType): DuckDBType {
  if (!src || DataType.isNull(src)) return target;
  const numeric = DataType.isInt(src) || DataType.isFloat(src);
  if (numeric && TIMESTAMP_IDS.has(target.typeId)) return TIMESTAMP;
  if (DataType.isBool(src)) return BOOLEAN;
  if (DataType.isInt(src)) return src.bitWidth < 32 || (src.bitWidth === 32 && src.isSigned) ? INTEGER : BIGINT;
  if (DataType.isFloat(src) || DataType.isDecimal(src)) return DOUBLE;
  if (DataType.isTimestamp(src) || DataType.isDate(src)) return TIMESTAMP;
  return VARCHAR;
}
const TIMESTAMP_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.DATE,
]);

type BN = Parameters<typeof util.bigNumToNumber>[0];

/** Append type for a plain column: the table's own when it is the same kind (keeps JSON etc.), else the kind's, cast by the appender. */
function kindAppendType(kind: ColumnKind, target: DuckDBType): DuckDBType {
  const t = { utf8: VARCHAR, int32: INTEGER, int64: BIGINT, float64: DOUBLE, bool: BOOLEAN, timestamp: TIMESTAMP }[kind];
  return t.typeId === target.typeId ? target : t;
}

/**
 * Columns of text, integers and times are written into the chunk's vectors
 * directly through the C API binding (`writeVector`): node-api's own
 * `setColumnValues` caches every value and keeps validity in BigInts
 * (200k JSON-lines rows took 1.5 s to append that way, 1.1 s this way). The values come out as `columnConverter`
 * makes them and refused alike: `String(v)` for text, integers only and in
 * range for int32, `BigInt(Math.trunc(v))` for int64 and `BigInt(Math.round(v))`
 * µs for timestamps, both within 64 bits (NaN throws).
 */
function directKind(kind: ColumnKind, type: DuckDBType): boolean {
  switch (kind) {
    case 'utf8':
      return type.typeId === DuckDBTypeId.VARCHAR;
    case 'int32':
      return type.typeId === DuckDBTypeId.INTEGER;
    case 'int64':
      return type.typeId === DuckDBTypeId.BIGINT;
    case 'timestamp':
      return type.typeId === DuckDBTypeId.TIMESTAMP;
    default:
      return false;
  }
}

/** Scratch space for one chunk's column, reused from column to column. */
class ChunkBuffers {
  readonly validity = new Uint32Array(CHUNK / 32);
  readonly int32 = new Int32Array(CHUNK);
  private readonly words = new ArrayBuffer(CHUNK * 8);
  readonly lo = new Uint32Array(this.words);
  readonly hi = new Int32Array(this.words);
  readonly int64 = new BigInt64Array(this.words);
}

const TWO_32 = 2 ** 32;
/** Typed arrays use the platform's byte order; the two-halves write below assumes little-endian (x64, arm64). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function int64(v: bigint): bigint {
  if (BigInt.asIntN(64, v) !== v) throw new Error('bigint out of int64 range');
  return v;
}

/** Rows [start, start + n) of `src` into `vector` (all NULL without a source). */
function writeVector(b: ChunkBuffers, vector: ReturnType<typeof bindings.data_chunk_get_vector>, src: ColumnInput | undefined, start: number, n: number): void {
  const valid = b.validity;
  valid.fill(0xffffffff);
  let nulls = 0;
  const nul = (i: number) => {
    valid[i >>> 5] &= ~(1 << (i & 31));
    nulls++;
  };
  if (!src) for (let i = 0; i < n; i++) nul(i);
  else if (src.kind === 'utf8') {
    for (let i = 0; i < n; i++) {
      const v = src.values[start + i];
      if (v === null || v === undefined) nul(i);
      else bindings.vector_assign_string_element(vector, i, typeof v === 'string' ? v : String(v));
    }
  } else if (src.kind === 'int32') {
    const out = b.int32;
    for (let i = 0; i < n; i++) {
      const v = src.values[start + i];
      if (v === null || v === undefined) {
        nul(i);
        out[i] = 0;
      } else {
        const x = Number(v);
        if (!Number.isInteger(x)) throw new Error('number is not an integer');
        if (x < -2147483648 || x > 2147483647) throw new Error('number out of int32 range');
        out[i] = x;
      }
    }
    bindings.copy_data_to_vector(vector, 0, out.buffer, 0, n * 4);
  } else {
    const round = src.kind === 'timestamp' ? Math.round : Math.trunc;
    for (let i = 0; i < n; i++) {
      const v = src.values[start + i];
      if (v === null || v === undefined) {
        nul(i);
        b.int64[i] = 0n;
      } else if (typeof v === 'bigint') b.int64[i] = int64(v);
      else {
        const x = round(Number(v));
        if (LITTLE_ENDIAN && Number.isSafeInteger(x)) {
          // Two 32-bit halves, little-endian: no BigInt for the common case.
          const hi = Math.floor(x / TWO_32);
          b.lo[2 * i] = x - hi * TWO_32;
          b.hi[2 * i + 1] = hi;
        } else b.int64[i] = int64(BigInt(x));
      }
    }
    bindings.copy_data_to_vector(vector, 0, b.int64.buffer, 0, n * 8);
  }
  if (nulls) {
    bindings.vector_ensure_validity_writable(vector);
    bindings.copy_data_to_vector_validity(vector, 0, valid.buffer, 0, Math.ceil(n / 64) * 8);
  }
}

function columnConverter(kind: ColumnKind): (v: unknown) => DuckDBValue {
  const nil = (v: unknown) => v === null || v === undefined;
  switch (kind) {
    case 'utf8':
      return (v) => (nil(v) ? null : typeof v === 'string' ? v : String(v));
    case 'int32':
    case 'float64':
      return (v) => (nil(v) ? null : Number(v));
    case 'int64':
      return (v) => (nil(v) ? null : typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v))));
    case 'bool':
      return (v) => (nil(v) ? null : Boolean(v));
    case 'timestamp':
      // arrow-build's convention: epoch microseconds.
      return (v) => (nil(v) ? null : timestampValue(typeof v === 'bigint' ? v : BigInt(Math.round(Number(v)))));
  }
}

/** Converts one Arrow value (as Arrow JS reads it) to a value of `appendType`. */
function fromArrow(v: unknown, src: DataType, t: DuckDBType): DuckDBValue {
  if (v === null || v === undefined) return null;
  switch (t.typeId) {
    case DuckDBTypeId.VARCHAR:
      return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    case DuckDBTypeId.BIGINT:
      return typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
    case DuckDBTypeId.INTEGER:
      return Number(v);
    case DuckDBTypeId.DOUBLE:
      return DataType.isDecimal(src) ? util.bigNumToNumber(v as BN, src.scale) : Number(v);
    case DuckDBTypeId.BOOLEAN:
      return Boolean(v);
    case DuckDBTypeId.TIMESTAMP:
      // Arrow JS reads timestamps and dates as epoch ms (number); a bigint is epoch µs.
      if (v instanceof Date) return timestampValue(BigInt(v.getTime()) * 1000n);
      if (typeof v === 'bigint') return timestampValue(v);
      return timestampValue(BigInt(Math.round(Number(v) * 1000)));
    default:
      return v as DuckDBValue;
  }
}

class NativeDuckDb implements SqlPort {
  readonly readsFiles = true;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    /** False for a fork: closing it closes its connection only. */
    private readonly ownsInstance = true,
  ) {}

  /** Another connection to the same database, for work that runs beside this one; its temp tables are its own. */
  async fork(): Promise<NativeDuckDb> {
    const conn = await this.instance.connect();
    await conn.run("SET TimeZone = 'UTC'").catch(() => undefined);
    return new NativeDuckDb(this.instance, conn, false);
  }

  interrupt(): void {
    this.conn.interrupt();
  }

  async exec(sql: string, params?: readonly SqlParam[]): Promise<void> {
    if (params && params.length) await this.conn.run(sql, toDuckParams(params));
    else await this.conn.run(sql);
  }

  async query(sql: string, params?: readonly SqlParam[]): Promise<Table> {
    return this.toArrow(await this.conn.runAndReadAll(sql, toDuckParams(params)));
  }

  private toArrow(reader: DuckDBResultReader): Table {
    const names = reader.columnNames();
    const kinds = reader.columnTypes().map(kindOf);
    const cols = reader.getColumns();
    return buildArrowTable(
      names.map((name, i) => ({ name, kind: kinds[i], values: (cols[i] ?? []).map((v) => jsValue(v, kinds[i])) })),
      reader.currentRowCount,
    );
  }

  async insertColumns(table: string, columns: readonly ColumnInput[]): Promise<void> {
    const rows = columns[0]?.values.length ?? 0;
    if (rows === 0) return;
    const shape = await this.conn.runAndReadAll(`SELECT * FROM ${ident(table)} LIMIT 0`);
    const targets = shape.columnTypes();
    const byName = new Map(columns.map((c) => [c.name, c]));
    const cols = shape.columnNames().map((n, i) => {
      const src = byName.get(n);
      const type = src ? kindAppendType(src.kind, targets[i]) : targets[i];
      return { src, type, convert: src ? columnConverter(src.kind) : null };
    });
    const appender = await this.conn.createAppender(table);
    const direct = cols.every((c) => !c.src || directKind(c.src.kind, c.type));
    const buffers = direct ? new ChunkBuffers() : null;
    try {
      for (let start = 0; start < rows; start += CHUNK) {
        const n = Math.min(CHUNK, rows - start);
        const chunk = DuckDBDataChunk.create(cols.map((c) => c.type), n);
        cols.forEach(({ src, convert }, c) => {
          if (buffers) return writeVector(buffers, bindings.data_chunk_get_vector(chunk.chunk, c), src, start, n);
          const values: DuckDBValue[] = new Array(n);
          if (!src || !convert) values.fill(null);
          else for (let i = 0; i < n; i++) values[i] = convert(src.values[start + i]);
          chunk.setColumnValues(c, values);
        });
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  async insertArrow(table: string, data: Table | Uint8Array): Promise<void> {
    const t = data instanceof Uint8Array ? tableFromIPC(data) : data;
    if (t.numRows === 0) return;
    // Read the shape on every call: a cache went stale when DDL ran through query().
    const shape = await this.conn.runAndReadAll(`SELECT * FROM ${ident(table)} LIMIT 0`);
    const names = shape.columnNames();
    const fields = new Map(t.schema.fields.map((f, i) => [f.name, { field: f, vector: t.getChildAt(i)! }]));
    const cols = names.map((n, i) => {
      const src = fields.get(n);
      return { src, type: appendType(src?.field.type, shape.columnTypes()[i]) };
    });
    const appender = await this.conn.createAppender(table);
    try {
      for (let start = 0; start < t.numRows; start += CHUNK) {
        const n = Math.min(CHUNK, t.numRows - start);
        const chunk = DuckDBDataChunk.create(cols.map((c) => c.type), n);
        cols.forEach(({ src, type }, c) => {
          const values: DuckDBValue[] = new Array(n);
          if (!src || DataType.isNull(src.field.type)) values.fill(null);
          else for (let i = 0; i < n; i++) values[i] = fromArrow(src.vector.get(start + i), src.field.type, type);
          chunk.setColumnValues(c, values);
        });
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}
