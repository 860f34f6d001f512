/**
 * Field access shared by the cloud JSON formats. Keys are looked up exactly
 * first, then case-insensitively: exports from data lakes (Snowflake, Panther)
 * lower-case top-level keys (`eventtype`, `calleripaddress`), and GCP writes
 * both `callerIp` and `callerIP` depending on the service.
 */
import type { EventRow } from '../../../schema/ecs';
import type { ParseResult } from '../../format';
import { parseEpoch, parseIsoTime, type ParsedTime } from '../../time';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function child(o: Obj, key: string): unknown {
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

/** The value at a dotted path (`actor.alternateId`), or undefined. */
export function field(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = child(cur, part);
  }
  return cur;
}

/** A non-empty string (numbers and booleans as text), or null. */
export function text(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** The first of these paths that holds a non-empty scalar, as text. */
export function firstText(o: unknown, ...paths: string[]): string | null {
  for (const p of paths) {
    const v = text(field(o, p));
    if (v !== null) return v;
  }
  return null;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^(?=.*:)[0-9a-f:]{2,39}(\.\d{1,3}){0,3}(%[\w.]+)?$/i;

/** The address when `s` is an IP: clouds put service names ("AWS Internal", "gce-internal-ip") in IP fields. */
export function ipOrNull(s: string | null): string | null {
  if (s === null) return null;
  const t = s.trim();
  return IPV4.test(t) || IPV6.test(t) ? t : null;
}

/**
 * Reads a time field: undefined when absent, null when unreadable. Keeps
 * sub-millisecond digits (CloudTrail and Azure give 7, GCP 9, Kubernetes 6),
 * as the EVTX reader does, so the same event from two sources sorts the same.
 */
export function readTime(v: unknown): ParsedTime | null | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return parseEpoch(v);
  if (typeof v !== 'string') return null;
  const t = parseIsoTime(v);
  if (!t) return /^\d+(\.\d+)?$/.test(v) ? parseEpoch(Number(v)) : null;
  const frac = /\d:\d{2}[.,](\d{4,})/.exec(v);
  return frac ? { ...t, utc: t.utc.replace(/Z$/, `${frac[1].slice(3, 6)}Z`) } : t;
}

/** The last part of an ARN or path: `arn:aws:sts::1:assumed-role/Admin/alice` → alice. */
export function tail(s: string | null): string | null {
  if (s === null) return null;
  const slash = s.lastIndexOf('/');
  const rest = slash >= 0 ? s.slice(slash + 1) : s.slice(s.lastIndexOf(':') + 1);
  return rest === '' ? null : rest;
}

/**
 * A row for one cloud event: time from the first of `timePaths` present
 * (unreadable → rejected with the field named, as jsonl does; absent → no
 * time, the row is kept), the family's columns, and the record as raw.
 */
export function cloudRow(obj: Obj, raw: string, dataset: string, timePaths: readonly string[], cols: EventRow): ParseResult {
  const row: EventRow = { '@timestamp': null, 'event.timezone': null, 'event.kind': 'event', 'event.dataset': dataset };
  for (const p of timePaths) {
    const v = field(obj, p);
    const t = readTime(v);
    if (t === undefined) continue;
    if (t === null) return { reject: `unreadable time in "${p}": ${String(typeof v === 'object' ? JSON.stringify(v) : v).slice(0, 60)}` };
    row['@timestamp'] = t.utc;
    row['event.timezone'] = t.zone;
    break;
  }
  return Object.assign(row, cols, { raw });
}
