/**
 * Builds Arrow tables from plain column arrays, fast: the vectors are made
 * from typed buffers directly instead of value-by-value builders.
 */
import {
  Bool,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  Table,
  TimestampMicrosecond,
  Utf8,
  Vector,
  type DataType,
} from 'apache-arrow';

export type ColumnKind = 'utf8' | 'int32' | 'int64' | 'float64' | 'bool' | 'timestamp';

export interface ColumnInput {
  name: string;
  kind: ColumnKind;
  /** utf8: string|null; int32/float64: number|null; int64/timestamp (epoch µs): bigint|number|null; bool: boolean|null */
  values: readonly unknown[];
}

const encoder = new TextEncoder();

function validity(values: readonly unknown[]): { bitmap: Uint8Array | undefined; nulls: number } {
  let nulls = 0;
  for (const v of values) if (v === null || v === undefined) nulls++;
  if (nulls === 0) return { bitmap: undefined, nulls };
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== undefined) bitmap[i >> 3] |= 1 << (i & 7);
  return { bitmap, nulls };
}

function utf8Vector(values: readonly unknown[]): Vector {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const parts: Uint8Array[] = new Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const bytes = v === null || v === undefined ? EMPTY : encoder.encode(typeof v === 'string' ? v : String(v));
    parts[i] = bytes;
    total += bytes.length;
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < n; i++) data.set(parts[i], offsets[i]);
  const { bitmap, nulls } = validity(values);
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data }));
}
const EMPTY = new Uint8Array(0);

function numericVector(type: DataType, values: readonly unknown[], arr: Int32Array | Float64Array | BigInt64Array): Vector {
  const big = arr instanceof BigInt64Array;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (big) (arr as BigInt64Array)[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
    else (arr as Int32Array | Float64Array)[i] = Number(v);
  }
  const { bitmap, nulls } = validity(values);
  return makeVector(makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bitmap, data: arr } as never));
}

function boolVector(values: readonly unknown[]): Vector {
  const bits = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i] === true) bits[i >> 3] |= 1 << (i & 7);
  const { bitmap, nulls } = validity(values);
  return makeVector(makeData({ type: new Bool(), length: values.length, nullCount: nulls, nullBitmap: bitmap, data: bits }));
}

export function buildVector(kind: ColumnKind, values: readonly unknown[]): Vector {
  const n = values.length;
  switch (kind) {
    case 'utf8':
      return utf8Vector(values);
    case 'int32':
      return numericVector(new Int32(), values, new Int32Array(n));
    case 'float64':
      return numericVector(new Float64(), values, new Float64Array(n));
    case 'int64':
      return numericVector(new Int64(), values, new BigInt64Array(n));
    case 'timestamp':
      return numericVector(new TimestampMicrosecond(), values, new BigInt64Array(n));
    case 'bool':
      return boolVector(values);
  }
}

export function buildArrowTable(columns: readonly ColumnInput[], rowCount?: number): Table {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) vectors[c.name] = buildVector(c.kind, c.values);
  if (columns.length === 0) return new Table();
  void rowCount;
  return new Table(vectors);
}
