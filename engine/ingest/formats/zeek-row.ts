/**
 * Core columns from a normalized Zeek record (see `zeek-normalize.ts`); the
 * TSV and JSON formats both end here, so they cannot drift apart.
 * Per-log extras (outcome, user, action) follow the field names of Zeek's
 * base scripts; a log type not listed still gets time, dataset and the
 * connection 4-tuple.
 */
import type { EventRow } from '../../schema/ecs';
import type { ZeekRecord } from './zeek-normalize';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null);
const outcome = (v: unknown): string | null => (v === true ? 'success' : v === false ? 'failure' : null);

/** Log type → extra columns. */
const PER_PATH: Record<string, (r: ZeekRecord) => EventRow> = {
  notice: (r) => ({ 'event.kind': 'alert', 'event.action': str(r.note), message: str(r.msg) }),
  weird: (r) => ({ 'event.action': str(r.name) }),
  ssh: (r) => ({ 'event.category': 'authentication', 'event.outcome': outcome(r.auth_success) }),
  ntlm: (r) => ({ 'event.category': 'authentication', 'event.outcome': outcome(r.success), 'user.name': str(r.username), 'host.name': str(r.hostname) }),
  kerberos: (r) => ({ 'event.category': 'authentication', 'event.action': str(r.request_type), 'event.outcome': outcome(r.success), 'user.name': str(r.client) }),
  ftp: (r) => ({ 'user.name': str(r.user), 'event.action': str(r.command) }),
  rdp: (r) => ({ 'user.name': str(r.cookie), 'event.outcome': str(r.result) === 'Success' ? 'success' : null }),
  dns: () => ({ 'event.action': 'dns_query' }),
  http: (r) => ({ 'url.original': str(r.uri), 'event.action': str(r.method) }),
  syslog: (r) => ({ message: str(r.message), 'log.level': str(r.severity) }),
  analyzer: (r) => ({ 'event.action': str(r.cause), message: str(r.failure_reason) }),
  smb_files: (r) => ({ 'file.path': str(r.path) && str(r.name) ? `${r.path}\\${r.name}` : str(r.name), 'event.action': str(r.action) }),
  files: (r) => ({ 'file.path': str(r.filename) }),
};

export function zeekRow(rec: ZeekRecord, path: string): EventRow {
  const row: EventRow = {
    '@timestamp': typeof rec.ts === 'string' ? rec.ts : null,
    'event.timezone': typeof rec.ts === 'string' ? 'Z' : null,
    'event.dataset': `zeek.${path}`,
    'event.kind': 'event',
  };
  if (rec['id.orig_h'] !== undefined || rec['id.resp_h'] !== undefined) {
    row['event.category'] = 'network';
    row['source.ip'] = str(rec['id.orig_h']);
    row['source.port'] = int(rec['id.orig_p']);
    row['destination.ip'] = str(rec['id.resp_h']);
    row['destination.port'] = int(rec['id.resp_p']);
  }
  const extra = PER_PATH[path]?.(rec);
  if (extra) for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined) row[k as keyof EventRow] = v;
  row.raw = JSON.stringify(rec);
  return row;
}
