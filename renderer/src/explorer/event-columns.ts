/** The explorer table's columns; widths in px, `grow` shares what is left. Any core column or raw field path can be one. */
import { displayValue, rawField, type EventRecord } from './event-record';

export interface EventColumn {
  key: string;
  label: string;
  width: number;
  grow?: boolean;
  value: (r: EventRecord) => string;
}

const text = (k: string) => (r: EventRecord) => displayValue(k, r.fields[k]);

export const EVENT_COLUMNS: readonly EventColumn[] = [
  { key: '@timestamp', label: '@timestamp', width: 200, value: text('@timestamp') },
  { key: 'host.name', label: 'host.name', width: 120, value: text('host.name') },
  { key: 'event.dataset', label: 'event.dataset', width: 120, value: text('event.dataset') },
  { key: 'event.action', label: 'event.action', width: 120, value: text('event.action') },
  { key: 'event.outcome', label: 'event.outcome', width: 80, value: text('event.outcome') },
  { key: 'user.name', label: 'user.name', width: 100, value: text('user.name') },
  { key: 'source.ip', label: 'source.ip', width: 120, value: text('source.ip') },
  { key: 'process.name', label: 'process.name', width: 110, value: text('process.name') },
  {
    key: 'message',
    label: 'message',
    width: 300,
    grow: true,
    // Process events often have no message; their command line says the most.
    value: (r) => text('message')(r) || text('process.command_line')(r),
  },
];

export const DEFAULT_COLUMNS: readonly string[] = EVENT_COLUMNS.map((c) => c.key);
const KNOWN = new Map(EVENT_COLUMNS.map((c) => [c.key, c]));

/** A column for any field: the known ones as above, other core columns by name, anything else read from raw. */
export function columnFor(key: string): EventColumn {
  const known = KNOWN.get(key);
  if (known) return known;
  return {
    key,
    label: key,
    width: 140,
    value: (r) => (key in r.fields ? displayValue(key, r.fields[key]) : rawField(r, key)),
  };
}

/** The message column stays last, so added columns do not push it off to the right. */
export function tableColumns(keys: readonly string[]): EventColumn[] {
  const cols = keys.map(columnFor);
  return [...cols.filter((c) => !c.grow), ...cols.filter((c) => c.grow)];
}
