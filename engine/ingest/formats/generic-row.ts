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
import { applyZone, timeReader, type TimeReader } from './time-pattern';

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
  const explicit = Object.entries(mapping?.fields ?? {});
  const dataset = mapping?.dataset ?? defaultDataset;

  return (obj, raw) => {
    const lower = new Map<string, string>();
    for (const k of Object.keys(obj)) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), k);
    // The ECS view handed to jsonObjectToRow: the record, plus alias and mapped values under their ECS names.
    const view: Record<string, unknown> = auto ? { ...obj } : {};
    for (const k of JSONL_TIME_KEYS) delete view[k];
    for (const [k, v] of Object.entries(view)) if (!present(v)) delete view[k];
    let timeValue: unknown;
    let timeField: string | undefined;
    if (auto) {
      for (const [col, names] of Object.entries(ALIASES)) {
        if (lookup(obj, col) !== undefined && col !== '@timestamp') continue;
        for (const n of names) {
          const key = lower.get(n);
          const v = key === undefined ? undefined : obj[key];
          if (!present(v) || (typeof v === 'object' && v !== null)) continue;
          if (col === '@timestamp') [timeValue, timeField] = [v, key];
          else view[col] = v;
          break;
        }
      }
    }
    for (const [col, src] of explicit) {
      const v = lookup(obj, src);
      if (col === '@timestamp') [timeValue, timeField] = [v, src];
      else if (present(v)) view[col] = v;
      else delete view[col];
    }
    let zoneText: string | null = null;
    if (present(timeValue)) {
      const t0 = readTime(timeValue);
      if (!t0) {
        const how = mapping?.timeFormat ? `as ${mapping.timeFormat}` : '(declare timeFormat in a mapping)';
        return { reject: `unreadable time in "${timeField}" ${how}: ${String(timeValue).slice(0, 60)}` };
      }
      const t = applyZone(t0, zone);
      view['@timestamp'] = t.utc;
      zoneText = t.zone;
    }
    const row = jsonObjectToRow(view, raw, dataset);
    if ('reject' in row) return row;
    const out: EventRow = row;
    if (present(timeValue)) out['event.timezone'] = zoneText;
    else delete out['@timestamp'];
    out['event.dataset'] = mapping?.dataset ?? (typeof out['event.dataset'] === 'string' ? out['event.dataset'] : dataset);
    return out;
  };
}
