/**
 * Typed BinXML values (substitutions) decoded to what evtx_dump's JSON shows:
 * integers and booleans stay JSON numbers/booleans, every other type becomes
 * the text evtx_dump prints (GUID upper-case without braces, SID, ISO time
 * with microseconds, lower-case 0x hex, upper-case hex for binary).
 */
import { EvtxFormatError, i32, u16, u32, u64big, u64n, utf16At, utf16Value } from './bytes';

export type Scalar = string | number | boolean;

/**
 * A multi-valued substitution. evtx_dump repeats the enclosing element once
 * per item when there are two or more, and prints a single item as text.
 */
export class ArrayValue {
  constructor(readonly items: Scalar[]) {}
  text(): string {
    return this.items.map(String).join(',');
  }
}

/** Null and empty values render as nothing, so they are all `null` here. */
export type Value = Scalar | ArrayValue | null;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));
const FILETIME_UNIX_EPOCH_US = 11_644_473_600_000_000n;

export function hexBytes(b: Uint8Array, o: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += HEX[b[o + i]];
  return s;
}

export function formatGuid(b: Uint8Array, o: number): string {
  return `${u32(b, o).toString(16).toUpperCase().padStart(8, '0')}-${u16(b, o + 4).toString(16).toUpperCase().padStart(4, '0')}-${u16(b, o + 6).toString(16).toUpperCase().padStart(4, '0')}-${hexBytes(b, o + 8, 2)}-${hexBytes(b, o + 10, 6)}`;
}

/** FILETIME (100 ns ticks since 1601) as ISO 8601 UTC with microseconds, the evtx_dump form. */
export function formatFiletime(b: Uint8Array, o: number): string {
  const micros = u64big(b, o) / 10n - FILETIME_UNIX_EPOCH_US;
  return isoMicros(micros);
}

export function isoMicros(unixMicros: bigint): string {
  let ms = unixMicros / 1000n;
  let us = unixMicros % 1000n;
  if (us < 0n) {
    us += 1000n;
    ms -= 1n;
  }
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return '';
  return `${d.toISOString().slice(0, 23)}${String(us).padStart(3, '0')}Z`;
}

export function formatSystemtime(b: Uint8Array, o: number): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const [year, month, , day, hour, minute, second, ms] = [0, 2, 4, 6, 8, 10, 12, 14].map((k) => u16(b, o + k));
  return `${String(year).padStart(4, '0')}-${p2(month)}-${p2(day)}T${p2(hour)}:${p2(minute)}:${p2(second)}.${String(ms * 1000).padStart(6, '0')}Z`;
}

/** Returns the SID text and its byte length (8 + 4 per sub-authority). */
export function formatSid(b: Uint8Array, o: number, limit: number): [string, number] {
  const count = b[o + 1];
  const len = 8 + 4 * count;
  if (o + len > limit) throw new EvtxFormatError('truncated SID', o);
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + b[o + i];
  let s = `S-${b[o]}-${authority}`;
  for (let i = 0; i < count; i++) s += `-${u32(b, o + 8 + 4 * i)}`;
  return [s, len];
}

export function hex32(v: number): string {
  return `0x${v.toString(16)}`;
}

export function hex64(b: Uint8Array, o: number): string {
  const hi = u32(b, o + 4);
  const lo = u32(b, o);
  return hi === 0 ? `0x${lo.toString(16)}` : `0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')}`;
}

/** Shortest text that reads back as the same float32, like Rust's float formatting. */
function formatReal32(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let p = 1; p <= 9; p++) {
    const t = Number(v.toPrecision(p));
    if (Math.fround(t) === v) return String(t);
  }
  return String(v);
}

const f32 = new Float32Array(1);
const f64 = new Float64Array(1);
const f32b = new Uint8Array(f32.buffer);
const f64b = new Uint8Array(f64.buffer);

/** One fixed-size item of type `t` (array flag removed) at `o`; the caller checks the size. */
function scalarAt(b: Uint8Array, o: number, t: number): Scalar {
  switch (t) {
    case 0x03: return (b[o] << 24) >> 24;
    case 0x04: return b[o];
    case 0x05: return (u16(b, o) << 16) >> 16;
    case 0x06: return u16(b, o);
    case 0x07: return i32(b, o);
    case 0x08: return u32(b, o);
    case 0x09: return Number(BigInt.asIntN(64, u64big(b, o)));
    case 0x0a: return u32(b, o + 4) < 0x200000 ? u64n(b, o) : Number(u64big(b, o));
    case 0x0b: for (let i = 0; i < 4; i++) f32b[i] = b[o + i]; return formatReal32(f32[0]);
    case 0x0c: for (let i = 0; i < 8; i++) f64b[i] = b[o + i]; return String(f64[0]);
    case 0x0d: return u32(b, o) !== 0;
    case 0x0f: return formatGuid(b, o);
    case 0x11: return formatFiletime(b, o);
    case 0x12: return formatSystemtime(b, o);
    case 0x14: return hex32(u32(b, o));
    case 0x15: return hex64(b, o);
    default: throw new EvtxFormatError(`unsupported value type 0x${t.toString(16)}`, o);
  }
}

const ITEM_SIZE: Record<number, number> = {
  0x03: 1, 0x04: 1, 0x05: 2, 0x06: 2, 0x07: 4, 0x08: 4, 0x09: 8, 0x0a: 8, 0x0b: 4, 0x0c: 8,
  0x0d: 4, 0x0f: 16, 0x11: 8, 0x12: 16, 0x14: 4, 0x15: 8,
};

/** Decodes one substitution value of `size` bytes at `o` (types 0x21 BinXML and 0x00 are handled by the caller). */
export function readValue(b: Uint8Array, o: number, size: number, type: number): Value {
  if (size === 0) return null;
  switch (type) {
    // evtx_dump's JSON (as in SigmaHQ's regression data) never ends a string with whitespace.
    case 0x01: return utf16Value(b, o, size).trimEnd() || null;
    case 0x02: return ansi(b, o, size).trimEnd() || null;
    case 0x0e: return hexBytes(b, o, size);
    case 0x10: return size === 8 ? hex64(b, o) : hex32(u32(b, o));
    case 0x13: return formatSid(b, o, o + size)[0];
    case 0x81: return stringArray(b, o, size);
    case 0x93: return sidArray(b, o, size);
  }
  const t = type & 0x7f;
  const itemSize = ITEM_SIZE[t];
  if (itemSize === undefined) throw new EvtxFormatError(`unsupported value type 0x${type.toString(16)}`, o);
  if (type & 0x80) {
    const items: Scalar[] = [];
    for (let p = o; p + itemSize <= o + size; p += itemSize) items.push(scalarAt(b, p, t));
    return new ArrayValue(items);
  }
  if (size < itemSize) throw new EvtxFormatError(`value of type 0x${type.toString(16)} too short`, o);
  return scalarAt(b, o, t);
}

function ansi(b: Uint8Array, o: number, size: number): string {
  let end = o + size;
  while (end > o && b[end - 1] === 0) end--;
  let s = '';
  for (let i = o; i < end; i++) s += String.fromCharCode(b[i]);
  return s;
}

function stringArray(b: Uint8Array, o: number, size: number): ArrayValue {
  const items: Scalar[] = [];
  const end = o + (size & ~1);
  let start = o;
  for (let p = o; p < end; p += 2) {
    if (b[p] === 0 && b[p + 1] === 0) {
      items.push(utf16At(b, start, (p - start) >>> 1));
      start = p + 2;
    }
  }
  if (start < end) items.push(utf16At(b, start, (end - start) >>> 1));
  return new ArrayValue(items);
}

function sidArray(b: Uint8Array, o: number, size: number): ArrayValue {
  const items: Scalar[] = [];
  for (let p = o; p + 8 <= o + size; ) {
    const [s, len] = formatSid(b, p, o + size);
    items.push(s);
    p += len;
  }
  return new ArrayValue(items);
}
