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
const FLAT_TIMES = ['@timestamp', 'TimeCreated', 'TimeGenerated', 'EventTime', 'EventReceivedTime'];

const MINUTE = 60_000;

/**
 * NXLog's EventTime is the event's own time on the host's clock, without a
 * zone; the shipper's "@timestamp" is UTC but taken a moment later. When the
 * two agree to within two minutes once a whole-quarter-hour offset is taken
 * out, that offset is the host's zone: the event keeps its own time, in UTC,
 * and the offset is recorded ("-04:00").
 */
function localWithShipperZone(obj: Obj): { utc: string; zone: string } | null {
  const local = readTime(obj.EventTime);
  const shipped = readTime(obj['@timestamp']);
  if (!local || local.zone !== null || !shipped || shipped.zone === null) return null;
  const diff = (Date.parse(local.utc) - Date.parse(shipped.utc)) / MINUTE;
  const offset = Math.round(diff / 15) * 15;
  if (Math.abs(diff - offset) > 2 || Math.abs(offset) > 14 * 60) return null;
  const abs = Math.abs(offset);
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return { utc: new Date(Date.parse(local.utc) - offset * MINUTE).toISOString(), zone };
}

/** Sysmon writes each event's own time in UTC in its data ("UtcTime"), whatever the shipper's clock said. */
function sysmonUtc(obj: Obj): { utc: string; zone: string } | null {
  if (!/sysmon/i.test(text(obj.Channel) ?? text(obj.SourceName) ?? '')) return null;
  const v = text(obj.UtcTime);
  const t = v === null ? undefined : readTime(/[zZ]$|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`);
  return t ? { utc: t.utc, zone: 'Z' } : null;
}

function eventTime(obj: Obj): { utc: string; zone: string | null } | { reject: string } | null {
  if (isObj(obj.Event)) {
    const v = field(obj, 'Event.System.TimeCreated.#attributes.SystemTime');
    const t = readTime(v);
    return t === undefined ? null : t ?? { reject: `unreadable TimeCreated: ${String(v).slice(0, 60)}` };
  }
  const own = sysmonUtc(obj) ?? localWithShipperZone(obj);
  if (own) return own;
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

const XML_DATA = /<Data Name="([^"]+)"\s*(?:\/>|>([\s\S]*?)<\/Data>)/g;
const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

/** Azure Monitor keeps EventData as text: JSON (WindowsEvent table) or the XML element (SecurityEvent table). */
function eventDataFields(v: unknown): Obj | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (t.startsWith('{')) {
    try {
      const o = JSON.parse(t) as unknown;
      return isObj(o) ? o : null;
    } catch {
      return null;
    }
  }
  if (!t.startsWith('<')) return null;
  const out: Obj = {};
  for (const m of t.matchAll(XML_DATA)) out[m[1]] = (m[2] ?? '').replace(/&(lt|gt|quot|apos|amp);/g, (e) => XML_ENTITIES[e]);
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * A flat record as the EVTX mapping reads it (raw keeps the record as written):
 *  - NXLog without "ExecutionProcessID" puts the logging process's pid in
 *    "ProcessID", and may drop the event's own "ProcessId": that pid is the
 *    execution pid, and Sysmon's own is read back from its message;
 *  - Azure Monitor's EventData text is opened into fields; "Provider" names the source.
 */
function flatFields(obj: Obj): Obj {
  let out = obj;
  const data = eventDataFields(obj.EventData);
  if (data) out = { ...data, ...out, EventData: undefined };
  if (out.SourceName === undefined && typeof out.Provider === 'string') out = { ...out, SourceName: out.Provider };
  if (!data && out.ProcessID !== undefined && out.ExecutionProcessID === undefined) out = { ...out, ExecutionProcessID: out.ProcessID, ProcessID: undefined };
  if (out.ProcessId === undefined && /sysmon/i.test(text(out.Channel) ?? text(out.SourceName) ?? '')) {
    const m = /^ProcessId: (\d+)\s*$/m.exec(text(out.Message) ?? '');
    if (m) out = { ...out, ProcessId: m[1] };
  }
  return out;
}

export function windowsJsonToEcs(obj: Obj, raw: string): ParseResult {
  const nested = isObj(obj.Event);
  const fields = nested ? obj : flatFields(obj);
  const t = eventTime(fields);
  if (t && 'reject' in t) return t;
  const channel = text(fields.Channel);
  const canonical = channel === null ? undefined : CHANNELS[channel];
  const row = windowsEventToEcs(canonical && canonical !== channel ? { ...fields, Channel: canonical } : fields) as EventRow;
  row['@timestamp'] = t?.utc ?? null;
  row['event.timezone'] = t?.zone ?? null;
  // NXLog keeps the rendered message text; evtx_dump output has none.
  if (!nested) row.message = text(obj.Message);
  row.raw = raw;
  return row;
}

const EVENT_ID = /^\d{1,5}$/;

function claim(obj: Obj): number {
  if (isObj(obj.Event) && isObj((obj.Event as Obj).System)) return 0.96;
  const id = obj.EventID;
  const numeric = typeof id === 'number' || (typeof id === 'string' && EVENT_ID.test(id));
  const source = ['Channel', 'SourceName', 'ProviderName', 'Provider', 'EventSourceName'].some((k) => text(obj[k]) !== null);
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
