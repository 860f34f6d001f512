/**
 * Generic JSON lines: one object per line. Fields with Elastic Common Schema
 * names, nested (`{"process":{"pid":1}}`) or dotted (`"process.pid"`), fill the
 * core columns; the line itself is kept as `raw`, so every field stays queryable.
 * Large files on disk are mapped by DuckDB instead (`jsonl-sql.ts`), to the
 * same rows; only a key given twice in one record reads differently there
 * (the first copy, where JSON.parse keeps the last).
 */
import { CORE_COLUMNS, type EventRow } from '../../schema/ecs';
import { parseObjectLine } from '../json-line';
import { perLine, type LineFormat, type ParseResult } from '../format';
import { parseEpoch, parseIsoTime } from '../time';

const MAPPED = CORE_COLUMNS.filter((c) => !c.name.startsWith('vestige.') && c.name !== 'raw' && c.name !== 'event.id' && c.name !== '@timestamp').map((c) => ({
  name: c.name,
  parts: c.name.split('.'),
  numeric: c.type === 'INTEGER' || c.type === 'BIGINT',
}));
/** Top-level keys read as the event time, the first one not missing or null wins (the SQL path in `jsonl-sql.ts` reads the same). */
export const JSONL_TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 'eventTime', 'EventTime', 'date'] as const;

/** The flat dotted key's value, unless missing or null, else the nested path's (the SQL path reads the same: `jsonl-sql.ts`). */
function lookup(obj: Record<string, unknown>, dotted: string, parts: readonly string[]): unknown {
  const flat = obj[dotted];
  if (flat !== undefined && flat !== null) return flat;
  let cur: unknown = obj;
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function scalar(v: unknown, numeric: boolean): string | number | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.length === 0 ? null : numeric ? scalar(v[0], true) : v.map(String).join(',');
  if (typeof v === 'object') return numeric ? null : JSON.stringify(v);
  if (numeric) {
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? Math.trunc(n) : null;
  }
  return String(v);
}

export function jsonObjectToRow(obj: Record<string, unknown>, raw: string, defaultDataset: string): ParseResult {
  const row: EventRow = { raw };
  for (const c of MAPPED) {
    const v = lookup(obj, c.name, c.parts);
    if (v !== undefined) row[c.name as keyof EventRow] = scalar(v, c.numeric);
  }
  for (const k of JSONL_TIME_KEYS) {
    const v = obj[k];
    if (v === undefined || v === null) continue;
    const t = typeof v === 'number' ? parseEpoch(v) : typeof v === 'string' ? parseIsoTime(v) ?? (/^\d+(\.\d+)?$/.test(v) ? parseEpoch(Number(v)) : null) : null;
    if (!t) return { reject: `unreadable time in "${k}": ${String(v).slice(0, 60)}` };
    row['@timestamp'] = t.utc;
    if (row['event.timezone'] == null) row['event.timezone'] = t.zone;
    break;
  }
  if (row['event.dataset'] == null) row['event.dataset'] = defaultDataset;
  return row;
}

export const jsonlFormat: LineFormat = {
  kind: 'line',
  name: 'jsonl',
  sniff(lines) {
    const sample = lines.filter((l) => l.trim() !== '').slice(0, 5);
    if (sample.length === 0) return 0;
    let ok = 0;
    let firstOk = false;
    for (const [i, l] of sample.entries()) {
      const t = l.trim();
      if (t[0] !== '{') continue;
      try {
        if (typeof JSON.parse(t) === 'object') {
          ok++;
          if (i === 0) firstOk = true;
        }
      } catch {
        /* counted as not JSON */
      }
    }
    return firstOk || ok / sample.length >= 0.6 ? 0.9 : 0;
  },
  create() {
    return perLine((text) => {
      const r = parseObjectLine(text);
      return r === null || 'reject' in r ? r : jsonObjectToRow(r.obj, r.raw, 'jsonl');
    });
  },
};
