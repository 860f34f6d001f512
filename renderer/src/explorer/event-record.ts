/**
 * Decodes an `events.page` Arrow IPC stream into plain records the table and
 * detail pane can render as text. Values are normalised once here: timestamps
 * become UTC ISO strings, 64-bit integers numbers (or decimal strings when too
 * large), everything else strings.
 */
import { DataType, tableFromIPC, type Field } from 'apache-arrow';
import { formatTime, formatUtc } from '../common/time-format';

export type FieldValue = string | number | boolean | null;

export interface EventRecord {
  /** `event.id`, or the row's position when the page lacks it. */
  id: number;
  fields: Record<string, FieldValue>;
  /** The original record as text, as stored (see `raw` in engine/schema/ecs.ts). */
  raw: string | null;
}

const utf8 = new TextDecoder();

function normalise(field: Field, v: unknown): FieldValue {
  if (v === null || v === undefined) return null;
  // Kept as UTC ISO; `displayValue` renders it in the display zone.
  if (DataType.isTimestamp(field.type) || DataType.isDate(field.type)) return formatUtc(typeof v === 'bigint' ? Number(v) : (v as number));
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Uint8Array) return utf8.decode(v);
  // Lists, structs: keep them readable without trusting their contents.
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  } catch {
    return String(v);
  }
}

export function decodeEventPage(bytes: Uint8Array, firstIndex = 0): EventRecord[] {
  if (bytes.byteLength === 0) return [];
  const table = tableFromIPC(bytes);
  const fields = table.schema.fields;
  const cols = fields.map((f) => table.getChild(f.name));
  const out: EventRecord[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const rec: Record<string, FieldValue> = {};
    for (let c = 0; c < fields.length; c++) rec[fields[c].name] = normalise(fields[c], cols[c]?.get(i));
    const { raw = null, ...rest } = rec;
    const id = typeof rest['event.id'] === 'number' ? rest['event.id'] : firstIndex + i;
    out.push({ id, fields: rest, raw: raw === null ? null : String(raw) });
  }
  return out;
}

/** Fields stored as times: shown in the display zone, kept in UTC. */
const TIME_FIELDS = new Set(['@timestamp']);

/** A field's text for the screen. */
export function displayValue(name: string, v: FieldValue | undefined): string {
  if (v === null || v === undefined) return '';
  return TIME_FIELDS.has(name) && typeof v === 'string' ? formatTime(v) : String(v);
}

/** Raw JSON pretty-printed for reading; text that is not JSON is shown as is. */
export function prettyRaw(raw: string | null): string {
  if (raw === null) return '';
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

const parsed = new WeakMap<EventRecord, unknown>();

/** A raw field by dotted path, as text ('' when absent); the record is parsed once. */
export function rawField(r: EventRecord, path: string): string {
  if (!parsed.has(r)) {
    let v: unknown = null;
    try {
      v = r.raw === null ? null : JSON.parse(r.raw);
    } catch {
      // Raw text that is not JSON has no fields.
    }
    parsed.set(r, v);
  }
  let cur = parsed.get(r);
  for (const part of path.replace(/^@/, '').split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}
