/**
 * The records of one audit event (same `audit(time:serial)`) turned into one
 * row: SYSCALL gives the process and outcome, EXECVE the command line, CWD and
 * PATH the file, SOCKADDR the peer, USER_* records their nested msg='…'.
 * Every record stays in `raw.records`, values as written.
 */
import type { EventRow } from '../../schema/ecs';
import { decodeAuditString, type AuditRecord } from './auditd-record';
import { auditCategory, peerSide, syscallName } from './auditd-syscalls';

/** auid/uid value meaning "not set" (-1 as unsigned 32-bit). */
const UNSET = new Set(['4294967295', '-1', 'unset']);

/** Fields audit logs as untrusted strings (hex when unsafe); numbers like pid=1200 must never be hex-decoded. */
const STRINGS = new Set(['acct', 'comm', 'exe', 'cmd', 'proctitle', 'name', 'cwd']);

type Flat = Record<string, string>;

function flat(r: AuditRecord): Flat {
  const out: Flat = {};
  for (const [k, v] of Object.entries(r.fields)) if (typeof v === 'string') out[k] = v;
  return out;
}

function inner(r: AuditRecord): Flat {
  const m = r.fields.msg;
  return typeof m === 'object' ? m : {};
}

/** A field, hex-decoded when it is an untrusted string written unquoted; looks in the record, then in its msg='…'. */
function str(r: AuditRecord | undefined, key: string): string | null {
  if (!r) return null;
  const top = r.fields[key];
  const plain = !STRINGS.has(key);
  if (typeof top === 'string') return top === '?' ? null : decodeAuditString(top, plain || r.quoted.has(key));
  const v = inner(r)[key];
  return v === undefined || v === '?' ? null : decodeAuditString(v, plain || r.quoted.has(`msg.${key}`));
}

/** EXECVE arguments a0…a(argc-1); long ones come split as aN[0], aN[1]… */
function execveArgs(r: AuditRecord): string {
  const f = flat(r);
  const argc = Number(f.argc ?? 0);
  const args: string[] = [];
  for (let i = 0; i < argc; i++) {
    const key = `a${i}`;
    if (f[key] !== undefined) {
      args.push(decodeAuditString(f[key], r.quoted.has(key)));
      continue;
    }
    let joined = '';
    for (let j = 0; f[`${key}[${j}]`] !== undefined; j++) joined += f[`${key}[${j}]`];
    args.push(decodeAuditString(joined, r.quoted.has(`${key}[0]`)));
  }
  return args.join(' ');
}

function proctitle(r: AuditRecord): string | null {
  const v = str(r, 'proctitle');
  return v === null ? null : v.replace(/\0+$/, '').replace(/\0/g, ' ');
}

/** AF_INET / AF_INET6 peer from a SOCKADDR saddr (hex of struct sockaddr). */
function sockaddr(hex: string): { ip: string; port: number } | null {
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return null;
  const b = (i: number) => parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  const fam = b(0) | (b(1) << 8);
  const port = (b(2) << 8) | b(3);
  if (fam === 2 && hex.length >= 16) return { ip: [b(4), b(5), b(6), b(7)].join('.'), port };
  if (fam === 10 && hex.length >= 48) {
    const groups: string[] = [];
    for (let i = 8; i < 24; i += 2) groups.push(((b(i) << 8) | b(i + 1)).toString(16));
    return { ip: groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::'), port };
  }
  return null;
}

function userName(records: readonly AuditRecord[], sys: AuditRecord | undefined): string | null {
  const acct = records.map((r) => str(r, 'acct')).find((v) => v !== null);
  if (acct) return acct;
  const r = sys ?? records[0];
  const f = flat(r);
  const auidSet = f.auid !== undefined && !UNSET.has(f.auid);
  // The enriched form names the ids (AUID="alice"); the raw form only has numbers.
  if (auidSet) return f.AUID ?? f.auid;
  return f.UID ?? f.uid ?? null;
}

function outcome(records: readonly AuditRecord[], sys: AuditRecord | undefined): string | null {
  const success = sys ? flat(sys).success : undefined;
  if (success) return success === 'yes' ? 'success' : 'failure';
  const res = records.map((r) => str(r, 'res')).find((v) => v !== null);
  if (!res) return null;
  return res === 'success' || res === '1' ? 'success' : res === 'failed' || res === '0' ? 'failure' : 'unknown';
}

function filePath(records: readonly AuditRecord[]): string | null {
  const paths = records.filter((r) => r.type === 'PATH');
  const pick = paths.find((r) => flat(r).nametype !== 'PARENT') ?? paths[0];
  const name = str(pick, 'name');
  if (!name) return null;
  const cwd = str(records.find((r) => r.type === 'CWD'), 'cwd');
  return name.startsWith('/') || !cwd ? name : `${cwd.replace(/\/$/, '')}/${name.replace(/^\.\//, '')}`;
}

export function auditEventRow(records: readonly AuditRecord[]): EventRow {
  const first = records[0];
  const sys = records.find((r) => r.type === 'SYSCALL');
  const sf = sys ? flat(sys) : {};
  const syscall = sys ? sf.SYSCALL ?? (sf.syscall !== undefined ? syscallName(sf.arch, sf.syscall) : null) : null;
  const types = records.map((r) => r.type);
  const execve = records.find((r) => r.type === 'EXECVE');
  const title = records.find((r) => r.type === 'PROCTITLE');
  const commandLine = execve ? execveArgs(execve) : title ? proctitle(title) : str(records.find((r) => r.type === 'USER_CMD'), 'cmd');
  const pidRec = sys ?? records.find((r) => flat(r).pid !== undefined);
  const pf = pidRec ? flat(pidRec) : {};
  const row: EventRow = {
    '@timestamp': new Date(first.ms).toISOString(),
    'event.timezone': 'Z',
    'event.dataset': 'linux.auditd',
    'event.kind': 'event',
    'event.action': syscall ?? first.type.toLowerCase(),
    'event.category': auditCategory(syscall, types),
    'event.outcome': outcome(records, sys),
    'host.name': first.node,
    'user.name': userName(records, sys),
    'process.pid': /^\d+$/.test(pf.pid ?? '') ? Number(pf.pid) : null,
    'process.parent.pid': /^\d+$/.test(sf.ppid ?? '') ? Number(sf.ppid) : null,
    'process.name': str(sys, 'comm') ?? str(records.find((r) => str(r, 'comm') !== null), 'comm'),
    'process.executable': str(sys, 'exe') ?? str(records.find((r) => str(r, 'exe') !== null), 'exe'),
    'process.command_line': commandLine,
    'file.path': filePath(records),
    message: commandLine ? `${types.join(' ')}: ${commandLine}` : types.join(' '),
  };
  const addr = records.map((r) => str(r, 'addr')).find((v) => v !== null && /^[0-9a-fA-F.:]+$/.test(v));
  if (addr) row['source.ip'] = addr;
  const sa = records.find((r) => r.type === 'SOCKADDR');
  const peer = sa ? sockaddr(flat(sa).saddr ?? '') : null;
  const side = peerSide(syscall);
  if (peer && side) {
    row[`${side}.ip`] = peer.ip;
    row[`${side}.port`] = peer.port;
  }
  const rawRecords = records.map((r) => ({ type: r.type, ...(r.node ? { node: r.node } : {}), audit: r.stamp, ...r.fields }));
  row.raw = JSON.stringify({ records: rawRecords });
  return row;
}
