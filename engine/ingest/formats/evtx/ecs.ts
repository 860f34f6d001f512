/**
 * Maps one Windows event to the ECS core columns. Two shapes are accepted:
 * evtx_dump JSON (`{ Event: { System, EventData | UserData } }`, as
 * `readEvtx` yields) and flat NXLog-style JSON (`{ EventID, Channel,
 * Hostname, EventTime, …fields }`, as in the OTRF datasets). Anything not
 * mapped stays in the raw event.
 */
import { actionFor } from './ecs-actions';

type Row = Partial<Record<string, string | number | null>>;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** evtx_dump writes `{ "#text": v, "#attributes": … }` when an element has attributes; take the text. */
function text(v: unknown): string | null {
  if (isObj(v)) return text(v['#text']);
  if (typeof v === 'string') return v === '' || v === '-' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** Integers arrive as numbers, decimal strings or (Security log pids) "0x…" hex strings. */
function int(v: unknown): number | null {
  const s = text(v);
  if (s === null) return null;
  const n = /^0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : /^-?\d+$/.test(s) ? Number(s) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

interface Parts {
  readonly system: Obj;
  readonly data: Obj;
  readonly nested: boolean;
}

function parts(event: Obj): Parts {
  const root = isObj(event.Event) ? event.Event : null;
  if (root && isObj(root.System)) {
    let data: Obj = isObj(root.EventData) ? root.EventData : {};
    // UserData holds one provider-specific element whose children are the fields.
    if (isObj(root.UserData)) {
      const inner = Object.values(root.UserData).find(isObj);
      data = { ...data, ...(inner ?? root.UserData) };
    }
    return { system: root.System, data, nested: true };
  }
  return { system: event, data: event, nested: false };
}

function first(data: Obj, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = text(data[k]);
    if (v !== null) return v;
  }
  return null;
}

function timestamp(p: Parts): string | null {
  if (p.nested) {
    const tc = p.system.TimeCreated;
    return isObj(tc) && isObj(tc['#attributes']) ? text(tc['#attributes'].SystemTime) : null;
  }
  const stamped = text(p.system['@timestamp']);
  if (stamped) return stamped;
  // NXLog's EventTime has no zone; it is read as UTC (the raw event keeps the original).
  const t = first(p.system, 'EventTime', 'TimeCreated');
  const m = t && /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(t);
  return m ? `${m[1]}T${m[2]}Z` : t;
}

const LEVELS: Record<string, string> = { '0': 'information', '1': 'critical', '2': 'error', '3': 'warning', '4': 'information', '5': 'verbose' };
const AUDIT_SUCCESS = 0x0020000000000000n;
const AUDIT_FAILURE = 0x0010000000000000n;

function outcome(eventId: number | null, p: Parts): string | null {
  if (eventId === 4624) return 'success';
  if (eventId === 4625 || eventId === 4771) return 'failure';
  const type = text(p.system.EventType);
  if (type === 'AUDIT_SUCCESS') return 'success';
  if (type === 'AUDIT_FAILURE') return 'failure';
  const k = text(p.system.Keywords);
  if (k === null || !/^(0x[0-9a-f]+|-?\d+)$/i.test(k)) return null;
  const bits = BigInt.asUintN(64, BigInt(k));
  if (bits & AUDIT_FAILURE) return 'failure';
  if (bits & AUDIT_SUCCESS) return 'success';
  return null;
}

function userName(eventId: number | null, d: Obj): string | null {
  // 4688's Subject is the creator; the new process runs as Target (when logged).
  const target = first(d, 'TargetUserName');
  const subject = first(d, 'SubjectUserName');
  const user = first(d, 'User', 'UserName', 'AccountName');
  const name = eventId === 4672 ? subject ?? target : target ?? subject ?? user;
  if (name === null) return null;
  const slash = name.lastIndexOf('\\');
  return slash >= 0 ? name.slice(slash + 1) || null : name;
}

function basename(path: string | null): string | null {
  if (path === null) return null;
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return path.slice(i + 1) || null;
}

export function windowsEventToEcs(event: Record<string, unknown>): Row {
  const p = parts(event);
  const s = p.system;
  const d = p.data;
  const eventId = int(s.EventID);
  const channel = text(s.Channel) ?? '';
  const known = eventId === null ? undefined : actionFor(channel, eventId);
  const securityProcess = channel.toLowerCase() === 'security' && (eventId === 4688 || eventId === 4689);
  const executable = first(d, 'Image', 'NewProcessName', ...(securityProcess ? ['ProcessName'] : []));
  const row: Row = {
    '@timestamp': timestamp(p),
    'event.kind': 'event',
    'event.code': eventId === null ? text(s.EventID) : String(eventId),
    'event.dataset': channel ? `windows.${channel.toLowerCase().replace(/\s+/g, '')}` : 'windows',
    'event.action': known?.[0] ?? (eventId === null ? null : channel ? `${channel}/${eventId}` : String(eventId)),
    'event.category': known?.[1] ?? null,
    'event.outcome': outcome(eventId, p),
    'log.level': LEVELS[text(s.Level) ?? ''] ?? text(s.Severity)?.toLowerCase() ?? null,
    message: null,
    'host.name': first(s, 'Computer', 'Hostname'),
    'user.name': userName(eventId, d),
    'source.ip': first(d, 'IpAddress', 'SourceIp', 'SourceAddress', 'ClientAddress'),
    'source.port': int(first(d, 'IpPort', 'SourcePort')),
    'destination.ip': first(d, 'DestinationIp', 'DestAddress'),
    'destination.port': int(first(d, 'DestinationPort', 'DestPort')),
    // In 4688 ProcessId is the creator; the new process is NewProcessId.
    'process.pid': securityProcess && eventId === 4688 ? int(d.NewProcessId) : int(d.ProcessId ?? d.ProcessID),
    'process.executable': executable,
    'process.name': basename(executable),
    'process.command_line': first(d, 'CommandLine'),
    'process.parent.pid': securityProcess && eventId === 4688 ? int(d.ProcessId) : int(d.ParentProcessId),
    'process.parent.executable': first(d, 'ParentImage', 'ParentProcessName'),
    'file.path': first(d, 'TargetFilename') ?? (text(d.ObjectType) === 'File' ? first(d, 'ObjectName') : null),
  };
  if (row['source.ip'] === '-') row['source.ip'] = null;
  return row;
}
