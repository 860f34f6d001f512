/**
 * Brings duckdb-wasm results to the column kinds the native adapter returns
 * (`arrow-build.ts`: Utf8, Int32, Int64, Float64, Bool, Timestamp µs), so code
 * above the port never branches on the engine. Columns already in one of those
 * kinds pass through untouched (no copy); only the rare others are rebuilt.
 *
 * Why each rule exists:
 * - SUM(BIGINT) and HUGEINT arrive as Decimal(38,0); native gives BIGINT-like int64.
 * - DECIMAL arrives as Decimal; native gives float64.
 * - DATE arrives as Date32, TIMESTAMPTZ as Timestamp(µs, 'UTC'), TIMESTAMP_S/MS/NS
 *   in their own units; native gives Timestamp µs without a zone for all of them.
 * - TINYINT/SMALLINT/unsigned ints keep their Arrow width; native widens them.
 * - LIST/STRUCT/etc. arrive nested; native gives DuckDB's text rendering.
 */
import { DataType, Precision, Table, TimeUnit, util, type Field, type Vector } from 'apache-arrow';
import { buildVector, type ColumnKind } from '../arrow-build';

/** The kind a field must become, or null when it already matches. */
function targetKind(type: DataType): ColumnKind | null {
  if (DataType.isUtf8(type) || DataType.isBool(type)) return null;
  if (DataType.isInt(type)) {
    if (type.isSigned && type.bitWidth >= 32) return null;
    return type.bitWidth < 32 ? 'int32' : 'int64';
  }
  if (DataType.isFloat(type)) return type.precision === Precision.DOUBLE ? null : 'float64';
  if (DataType.isDecimal(type)) return type.scale === 0 && type.precision >= 38 ? 'int64' : 'float64';
  if (DataType.isTimestamp(type)) return type.unit === TimeUnit.MICROSECOND && !type.timezone ? null : 'timestamp';
  if (DataType.isDate(type)) return 'timestamp';
  return 'utf8';
}

type BN = Parameters<typeof util.bigNumToNumber>[0];

function convert(kind: ColumnKind, type: DataType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'int32':
    case 'float64':
      return DataType.isDecimal(type) ? util.bigNumToNumber(v as BN, type.scale) : Number(v);
    case 'int64':
      // HUGEINT wraps to 64 bits, as the native adapter's BigInt64Array does.
      return DataType.isDecimal(type) ? BigInt.asIntN(64, util.bigNumToBigInt(v as BN)) : BigInt(v as number | bigint);
    case 'timestamp':
      // Arrow JS reads every date/timestamp unit as epoch milliseconds.
      return BigInt(Math.round(Number(v) * 1000));
    default:
      return duckText(v, true);
  }
}

/** Renders a value the way DuckDB's VARCHAR cast does, which is what native returns. */
function duckText(v: unknown, top: boolean): string {
  if (v === null || v === undefined) return top ? '' : 'NULL';
  if (typeof v === 'string') return top ? v : `'${v.replace(/'/g, "''")}'`;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Array.from(v, (b) => (b >= 32 && b < 127 && b !== 92 ? String.fromCharCode(b) : '\\x' + b.toString(16).toUpperCase().padStart(2, '0'))).join('');
  const o = v as { toArray?: () => unknown[]; toJSON?: () => unknown; [Symbol.iterator]?: unknown };
  if (typeof o.toArray === 'function' && !(typeof o.toJSON === 'function' && isPlainRow(o.toJSON()))) {
    return '[' + Array.from(o.toArray(), (x) => duckText(x, false)).join(', ') + ']';
  }
  if (typeof o.toJSON === 'function') {
    const row = o.toJSON() as Record<string, unknown>;
    return '{' + Object.entries(row).map(([k, x]) => `'${k}': ${duckText(x, false)}`).join(', ') + '}';
  }
  return String(v);
}

function isPlainRow(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function rebuild(field: Field, vector: Vector, kind: ColumnKind): Vector {
  const n = vector.length;
  const values: unknown[] = new Array(n);
  if (!DataType.isNull(field.type)) for (let i = 0; i < n; i++) values[i] = convert(kind, field.type, vector.get(i));
  else values.fill(null);
  return buildVector(kind, values);
}

export function normalizeTable(table: Table): Table {
  const fields = table.schema.fields;
  const kinds = fields.map((f) => targetKind(f.type));
  if (kinds.every((k) => k === null)) return table;
  const vectors: Record<string, Vector> = {};
  fields.forEach((f, i) => {
    const vec = table.getChildAt(i)!;
    vectors[f.name] = kinds[i] === null ? vec : rebuild(f, vec, kinds[i]!);
  });
  return new Table(vectors);
}
