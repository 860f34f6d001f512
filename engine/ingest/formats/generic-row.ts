/**
 * Rows from generic records (a CSV row, a JSON array element): a user's
 * `FieldMapping` first, then automatic mapping of columns named like ECS
 * (`source.ip`, nested or dotted) or like one of the common aliases below.
 * The original record always goes to `raw` untouched.
 *
 * The alias table is deliberately small: every entry is a guess applied to
 * every generic file, so only names with one obvious meaning belong here.
 * Matching ignores case. To add one, add it here and to the test.
 */
import type { EventRow } from '../../schema/ecs';
import type { ParseResult } from '../format';
import type { FieldMapping } from '../mapping';
import { jsonObjectToRow } from './jsonl';
import { parseIsoTime, type ParsedTime } from '../time';
import { applyZone, checkZone, timeReader, type TimeReader } from './time-pattern';

export const ALIASES: Readonly<Record<string, readonly string[]>> = {
  '@timestamp': ['@timestamp', 'timestamp', 'time', 'datetime', 'date', 'ts', 'eventtime', 'event_time'],
  'source.ip': ['src_ip', 'srcip', 'srcaddr', 'source_ip', 'client_ip'],
  'source.port': ['src_port', 'srcport', 'source_port'],
  'destination.ip': ['dst_ip', 'dstip', 'dstaddr', 'dest_ip', 'destination_ip'],
  'destination.port': ['dst_port', 'dstport', 'dest_port', 'destination_port'],
  'user.name': ['user', 'username', 'user_name'],
  'host.name': ['host', 'hostname', 'computer'],
  'process.pid': ['pid'],
  'process.command_line': ['command_line', 'cmdline', 'commandline'],
  'event.action': ['action'],
  'log.level': ['level', 'severity'],
  'url.original': ['url'],
  message: ['msg'],
};

/** Keys jsonObjectToRow reads the time from (see jsonl.ts): we read the time ourselves, so they are hidden from it. */
const JSONL_TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 'eventTime', 'EventTime', 'date'];

function lookup(obj: Record<string, unknown>, path: string): unknown {
  if (path in obj) return obj[path];
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

export interface GenericRowBuilder {
  (obj: Record<string, unknown>, raw: string): ParseResult;
}

/**
 * Builds the mapper for one source. Throws when the mapping's time format or
 * zone is invalid (mapping files are validated earlier; this guards code callers).
 */
export function genericRowBuilder(mapping: FieldMapping | undefined, defaultDataset: string): GenericRowBuilder {
  const auto = mapping?.autoMap !== false;
  const readTime: TimeReader = timeReader(mapping?.timeFormat);
  const zone = mapping?.timeZone;
  if (zone) checkZone(zone);
  const explicit = Object.entries(mapping?.fields ?? {});
  const dataset = mapping?.dataset ?? defaultDataset;

  const timeSource = mapping?.fields?.['@timestamp'];
  // A declared time (field or format) must be readable; a guessed one that is not (a "Time" column holding only
  // 06:55:46) leaves the row without @timestamp rather than rejecting every row.
  const strictTime = timeSource !== undefined || mapping?.timeFormat !== undefined;

  return (obj, raw) => {
    const lower = new Map<string, string>();
    for (const k of Object.keys(obj)) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), k);
    const byAlias = (n: string) => {
      const key = lower.get(n);
      const v = key === undefined ? undefined : obj[key];
      return present(v) && (typeof v !== 'object' || v === null) ? { key: key!, v } : null;
    };
    // The ECS view handed to jsonObjectToRow: the record, plus alias and mapped values under their ECS names.
    const view: Record<string, unknown> = auto ? { ...obj } : {};
    for (const k of JSONL_TIME_KEYS) delete view[k];
    for (const [k, v] of Object.entries(view)) if (!present(v)) delete view[k];
    if (auto) {
      for (const [col, names] of Object.entries(ALIASES)) {
        if (col === '@timestamp' || lookup(obj, col) !== undefined) continue;
        const hit = names.map(byAlias).find((h) => h !== null);
        if (hit) view[col] = hit.v;
      }
    }
    for (const [col, src] of explicit) {
      if (col === '@timestamp') continue;
      const v = lookup(obj, src);
      if (present(v)) view[col] = v;
      else delete view[col];
    }
    const candidates: { key: string; v: unknown }[] =
      timeSource !== undefined ? [{ key: timeSource, v: lookup(obj, timeSource) }] : auto ? ALIASES['@timestamp'].map(byAlias).filter((h) => h !== null) : [];
    let time: ParsedTime | null = null;
    for (const c of candidates) if (present(c.v) && (time = readTime(c.v))) break;
    if (!time && !strictTime && auto) {
      // Split exports: a date column and a time-of-day column.
      const d = byAlias('date');
      const t = byAlias('time');
      if (d && t) time = parseIsoTime(`${String(d.v)}T${String(t.v)}`);
    }
    const first = candidates.find((c) => present(c.v));
    if (!time && strictTime && first) {
      const how = mapping?.timeFormat ? `as ${mapping.timeFormat}` : '(declare a time format in a mapping)';
      return { reject: `unreadable time in "${first.key}" ${how}: ${String(first.v).slice(0, 60)}` };
    }
    if (time) {
      time = applyZone(time, zone);
      view['@timestamp'] = time.utc;
    }
    const row = jsonObjectToRow(view, raw, dataset);
    if ('reject' in row) return row;
    const out: EventRow = row;
    if (time) out['event.timezone'] = time.zone;
    out['event.dataset'] = mapping?.dataset ?? (typeof out['event.dataset'] === 'string' ? out['event.dataset'] : dataset);
    return out;
  };
}
