/**
 * Windows events exported as JSON rather than EVTX, in the two shapes tools
 * write: evtx_dump's `{"Event":{"System":{…},"EventData":{…}}}` and flat
 * NXLog-style records (`{"EventID":4688,"Channel":"Security",
 * "Hostname":…,"EventTime":…}`, as in the OTRF datasets). Columns come from
 * the EVTX mapping (`windowsEventToEcs`), so the same event imported from
 * EVTX or from JSON gives the same row; raw is the record text as written.
 *
 * Two formats: JSON lines (`windowsJsonLinesFormat`), and
 * `windowsJsonStreamFormat` for objects written one after another
 * pretty-printed or inside one array (`evtx_dump -o json`, SigmaHQ's
 * regression data), which are not lines.
 */
import type { EventRow } from '../../schema/ecs';
import type { ParseResult, StreamFormat } from '../format';
import { field, isObj, readTime, text, type Obj } from './cloud/json-fields';
import { jsonFamilyLineFormat, parseObjectLine, type JsonFamily } from './cloud/json-line-format';
import { headText, splitJsonRecords } from './cloud/json-records';
import { windowsEventToEcs } from './evtx';

/** Flat exports disagree on the case of classic channel names ("security"); one spelling keeps actions and datasets consistent. */
const CHANNELS: Record<string, string> = { security: 'Security', system: 'System', application: 'Application' };

/** Flat records may carry several stamps: NXLog's EventTime is the host's local time without a zone, so a zoned one wins. */
const FLAT_TIMES = ['@timestamp', 'TimeCreated', 'EventTime', 'EventReceivedTime'];

function eventTime(obj: Obj): { utc: string; zone: string | null } | { reject: string } | null {
  if (isObj(obj.Event)) {
    const v = field(obj, 'Event.System.TimeCreated.#attributes.SystemTime');
    const t = readTime(v);
    return t === undefined ? null : t ?? { reject: `unreadable TimeCreated: ${String(v).slice(0, 60)}` };
  }
  let zoneless: { utc: string; zone: string | null } | null = null;
  let bad: string | null = null;
  for (const k of FLAT_TIMES) {
    const t = readTime(obj[k]);
    if (t === undefined) continue;
    if (t === null) bad ??= `unreadable time in "${k}": ${String(obj[k]).slice(0, 60)}`;
    else if (t.zone !== null) return t;
    else zoneless ??= t;
  }
  return zoneless ?? (bad ? { reject: bad } : null);
}

export function windowsJsonToEcs(obj: Obj, raw: string): ParseResult {
  const t = eventTime(obj);
  if (t && 'reject' in t) return t;
  const channel = text(obj.Channel);
  const canonical = channel === null ? undefined : CHANNELS[channel];
  const row = windowsEventToEcs(canonical && canonical !== channel ? { ...obj, Channel: canonical } : obj) as EventRow;
  row['@timestamp'] = t?.utc ?? null;
  row['event.timezone'] = t?.zone ?? null;
  // NXLog keeps the rendered message text; evtx_dump output has none.
  if (!isObj(obj.Event)) row.message = text(obj.Message);
  row.raw = raw;
  return row;
}

const EVENT_ID = /^\d{1,5}$/;

function claim(obj: Obj): number {
  if (isObj(obj.Event) && isObj((obj.Event as Obj).System)) return 0.96;
  const id = obj.EventID;
  const numeric = typeof id === 'number' || (typeof id === 'string' && EVENT_ID.test(id));
  const source = ['Channel', 'SourceName', 'ProviderName'].some((k) => text(obj[k]) !== null);
  const host = ['Hostname', 'Computer'].some((k) => text(obj[k]) !== null);
  return numeric && source && host ? 0.95 : 0;
}

export const windowsJsonFamily: JsonFamily = { name: 'windows-json', claim, toEcs: windowsJsonToEcs };

export const windowsJsonLinesFormat = jsonFamilyLineFormat(windowsJsonFamily);

const RECORD_HEADER = /^Record \d+$/;
const NESTED = /"Event"\s*:\s*\{[\s\S]*"System"\s*:\s*\{/;
const FLAT = /"EventID"\s*:[\s\S]*"(Channel|SourceName)"\s*:|"(Channel|SourceName)"\s*:[\s\S]*"EventID"\s*:/;

export const windowsJsonStreamFormat: StreamFormat = {
  kind: 'stream',
  name: 'windows-json-stream',
  sniff(head) {
    const lines = headText(head).split('\n').map((l) => l.trim()).filter((l) => l !== '' && !RECORD_HEADER.test(l));
    const first = lines[0] ?? '';
    if (!/^[[{]/.test(first)) return 0;
    // One complete object on the first line is JSON lines: the line format gives line numbers for those.
    const parsed = first[0] === '{' ? parseObjectLine(first) : null;
    if (parsed && 'obj' in parsed) return 0;
    const sample = lines.slice(0, 400).join('\n');
    return NESTED.test(sample) || FLAT.test(sample) ? 0.95 : 0;
  },
  parse(pieces) {
    return splitJsonRecords(pieces, { kind: 'concatenated' }, {
      number: 'line',
      map: windowsJsonToEcs,
      // evtx_dump prints "Record <id>" before each object.
      text: (t) => (RECORD_HEADER.test(t) ? null : { reject: `text between JSON objects: ${t.slice(0, 80)}` }),
    });
  },
};
