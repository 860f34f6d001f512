/** Terse ProcessRecord builders for the tree's unit tests (times in seconds). */
import type { LogonFields, ProcessRecord } from './process-records';

let nextId = 1;

function base(kind: ProcessRecord['kind'], t: number, f: Partial<ProcessRecord>): ProcessRecord {
  return {
    kind,
    eventId: nextId++,
    timeUs: t * 1_000_000,
    host: 'h1',
    user: null,
    pid: null,
    ppid: null,
    image: null,
    commandLine: null,
    parentImage: null,
    parentCommandLine: null,
    guid: null,
    parentGuid: null,
    sourceGuid: null,
    targetGuid: null,
    grantedAccess: null,
    callTrace: null,
    logon: null,
    ...f,
  };
}

export const start = (t: number, pid: number, ppid: number | null, image: string, f: Partial<ProcessRecord> = {}) => base('start', t, { pid, ppid, image, ...f });
export const exit = (t: number, pid: number, f: Partial<ProcessRecord> = {}) => base('exit', t, { pid, ...f });
export const access = (t: number, sourceGuid: string, targetGuid: string, grantedAccess: number, f: Partial<ProcessRecord> = {}) =>
  base('access', t, { sourceGuid, targetGuid, grantedAccess, ...f });

const NO_LOGON: LogonFields = { subjectSid: null, subjectUser: null, subjectLogonId: null, targetSid: null, targetUser: null, targetLogonId: null, elevation: null, ownLogonId: null };
/** Logon fields of a 4688 (Subject: the creator; Target, Windows 10+: the new token, 0x0 when the creator's) or a 4624. */
export const logon = (f: Partial<LogonFields>): LogonFields => ({ ...NO_LOGON, ...f });
/** A Secondary Logon session (4624 by seclogo): `requester` asked for it, `session` is the new logon id. */
export const seclogon = (t: number, requester: string, session: string, f: Partial<ProcessRecord> = {}) =>
  base('logon', t, { logon: logon({ subjectLogonId: requester, subjectUser: 'CORP\\alice', targetLogonId: session, targetUser: 'CORP\\bob' }), ...f });

/** Records in the order the scan returns them: host, time, event id. */
export function ordered(records: ProcessRecord[]): ProcessRecord[] {
  return [...records].sort((a, b) => (a.host ?? '').localeCompare(b.host ?? '') || (a.timeUs ?? 0) - (b.timeUs ?? 0) || a.eventId - b.eventId);
}
