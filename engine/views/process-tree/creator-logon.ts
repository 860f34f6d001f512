/**
 * Parent PID spoofing (T1134.004) from Security 4688 alone, where no Sysmon
 * 10 access events show who held the creation handle (parent-spoofing.ts).
 *
 * What 4688 records (Microsoft's "4688(S): A new process has been created"):
 * the Creator Subject (SubjectUserSid / SubjectLogonId) is the account of the
 * thread that called CreateProcess; ProcessId / ParentProcessName name the
 * parent, which PROC_THREAD_ATTRIBUTE_PARENT_PROCESS lets the caller choose;
 * since Windows 10 the Target Subject (TargetUserSid / TargetLogonId) is the
 * new process's token, 0x0 when it is the creator's own. A spoofed child
 * inherits the chosen parent's token, not the caller's. So:
 *
 * 1. `creator-logon-mismatch`: the child's SubjectLogonId is not the recorded
 *    parent's own logon (its 4688's TargetLogonId, or SubjectLogonId when that
 *    is 0x0; its Sysmon 1 LogonId; SYSTEM for lsass.exe and the other
 *    processes that only run as SYSTEM). A normal parent is its children's
 *    creator, so they agree. When the child's TargetLogonId is the parent's
 *    logon too, the child got the parent's token: the field is listed.
 *    In tutto_malseclogon.evtx (EVTX-ATTACK-SAMPLES) lsass.exe 5268 "under
 *    lsass 636" was made by IEUser's logon 0x16e3db3 and runs as SYSTEM.
 * 2. Secondary Logon (runas, CreateProcessWithLogonW) creates as SYSTEM and
 *    names the asking process as parent, on purpose. Its 4624 (logon process
 *    `seclogo`) says who asked (SubjectLogonId) for the new session the child
 *    runs in (TargetLogonId); the asker must be the parent. MalSeclogon lies
 *    about its process id so seclogon names lsass: the 4624 asker (0x53ca2)
 *    is not lsass's logon (SYSTEM), and it is flagged; a runas is not.
 * 3. UAC: the AppInfo service (SYSTEM) creates an elevated process with a
 *    full token (TokenElevationType %%1937) and names the requester as its
 *    parent: flagged `elevation`, by design, as the Sysmon check does when
 *    appinfo.dll is the creator's caller (UACME_59_Sysmon.evtx); here
 *    security_4624_4673_token_manip.evtx: wusa.exe under python.
 * 4. `inherited-token`, when the parent's own logon is unknown: an ordinary
 *    account (S-1-5-21-…) made a process that runs under another logon.
 *    Giving a new process another logon's token takes SeAssignPrimaryToken
 *    privilege, which only services hold by default; the parent attribute is
 *    the other way to get one.
 *
 * Before Windows 10 there is no Target: a parent's own logon is its
 * SubjectLogonId only when an ordinary account made it (SYSTEM and the
 * service accounts start processes under other accounts: services, tasks,
 * UAC). Not seen: spoofing a parent of the same logon (Office → explorer of
 * the same user): nothing in 4688 disagrees. A creator that impersonates
 * another account while calling CreateProcess, or a service account granted
 * "Replace a process level token", would also be flagged. Over the Security
 * 4688 events of EVTX-ATTACK-SAMPLES, DeepBlueCLI and the OTRF datasets the
 * flags are the MalSeclogon pair, the token_manip cmd.exe and its wusa.exe
 * elevation (corpus test in node/process-tree-corpus.test.ts).
 */
import type { LinkedNode } from './link-processes';
import type { LogonFields, ProcessRecord } from './process-records';
import type { SpoofField, SpoofFlag } from './tree-types';

const SYSTEM_LOGON = '0x3e7';
/** SYSTEM, LOCAL SERVICE, NETWORK SERVICE: logon ids and SIDs. */
const SERVICE_LOGONS = new Set([SYSTEM_LOGON, '0x3e5', '0x3e4']);
const SERVICE_SIDS = new Set(['S-1-5-18', 'S-1-5-19', 'S-1-5-20']);
const FULL_TOKEN = '%%1937';
/** Processes that only ever run as SYSTEM, so a parent never seen starting still has a known logon. */
const SYSTEM_ONLY = new Set(['smss.exe', 'csrss.exe', 'wininit.exe', 'winlogon.exe', 'services.exe', 'lsass.exe', 'lsaiso.exe']);
/** A Secondary Logon session is logged just before the process made in it; allow for clock rounding. */
const SECLOGON_SLACK_US = 2_000_000;

interface OwnLogon {
  id: string;
  source: string;
  eventId: number | null;
}

const isSystem = (l: LogonFields) => l.subjectLogonId === SYSTEM_LOGON || l.subjectSid === 'S-1-5-18';
const isService = (l: LogonFields) => (l.subjectLogonId !== null && SERVICE_LOGONS.has(l.subjectLogonId)) || (l.subjectSid !== null && SERVICE_SIDS.has(l.subjectSid));
const isPerson = (sid: string | null) => sid !== null && sid.toUpperCase().startsWith('S-1-5-21-');
const withLogon = (user: string | null, id: string) => (user ? `${user} (logon ${id})` : `logon ${id}`);

const baseName = (p: string) => p.slice(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1).toLowerCase();

/** SYSTEM's logon for an image that only ever runs as SYSTEM (in System32), else null. */
function systemOnly(image: string | null): OwnLogon | null {
  if (!image) return null;
  const m = /(?:^|[\\/])windows[\\/]system32[\\/]([^\\/]+)$/i.exec(image);
  const name = m?.[1].toLowerCase();
  return name && SYSTEM_ONLY.has(name) ? { id: SYSTEM_LOGON, source: `the recorded parent's logon: ${name} always runs as SYSTEM`, eventId: null } : null;
}

/** The logon a process runs in, from its own start event, or null when that cannot be told. */
export function ownLogon(p: LinkedNode): OwnLogon | null {
  if (p.synthetic) return systemOnly(p.image);
  const r = p.record;
  const l = r?.logon;
  if (!r || !l) return null;
  if (l.ownLogonId) return { id: l.ownLogonId, source: `the recorded parent's logon: LogonId of its Sysmon 1 (event ${r.eventId})`, eventId: r.eventId };
  if (!l.subjectLogonId) return null;
  if (l.targetLogonId !== null) {
    if (l.targetLogonId !== '0x0') return { id: l.targetLogonId, source: `the recorded parent's logon: TargetLogonId of its 4688 (event ${r.eventId})`, eventId: r.eventId };
    return { id: l.subjectLogonId, source: `the recorded parent's logon: SubjectLogonId of its 4688 (event ${r.eventId}), whose TargetLogonId 0x0 says it runs with its creator's token`, eventId: r.eventId };
  }
  // Before Windows 10: only a process an ordinary account made surely runs in that account's logon.
  if (isService(l)) return null;
  return { id: l.subjectLogonId, source: `the recorded parent's logon: SubjectLogonId of its 4688 (event ${r.eventId}), made by an ordinary account`, eventId: r.eventId };
}

/** Secondary Logon sessions by host and new logon id, in time order. */
export function secondaryLogons(records: readonly ProcessRecord[]): Map<string, ProcessRecord[]> {
  const out = new Map<string, ProcessRecord[]>();
  for (const r of records) {
    if (r.kind !== 'logon' || !r.logon?.targetLogonId) continue;
    const k = `${r.host ?? ''}|${r.logon.targetLogonId}`;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

function flag(reason: SpoofFlag['reason'], creatorAccount: string | null, fields: SpoofField[], evidence: (number | null)[]): SpoofFlag {
  return { reason, creatorId: null, creatorPid: null, creatorImage: null, creatorAccount, fields, evidenceEventIds: [...new Set(evidence.filter((e): e is number => e !== null))] };
}

/** The 4688 logon check for one node (see the file comment); null when nothing disagrees or nothing can be told. */
export function creatorLogonFlag(n: LinkedNode, seclogons: ReadonlyMap<string, ProcessRecord[]>): SpoofFlag | null {
  const r = n.record;
  const c = r?.logon;
  if (!r || !c || r.kind !== 'start' || !c.subjectLogonId || !n.parent) return null;
  const subject = c.subjectLogonId;
  // A pid link to a process of another image is a reused pid (two recordings of one host in a case): compare with the parent the event names.
  const p = n.parent;
  const named = !r.parentImage || !p.image || baseName(p.image) === baseName(r.parentImage);
  const parent = named ? ownLogon(p) : systemOnly(r.parentImage);
  const target = c.targetLogonId !== null && c.targetLogonId !== '0x0' ? c.targetLogonId : null;

  if (isSystem(c) && target) {
    const t = r.timeUs ?? Infinity;
    const session = (seclogons.get(`${r.host ?? ''}|${target}`) ?? []).filter((s) => (s.timeUs ?? -Infinity) <= t + SECLOGON_SLACK_US).pop();
    if (session) {
      const asker = session.logon!.subjectLogonId;
      // A runas from its parent, as designed; or nothing to compare with.
      if (!parent || !asker || asker === parent.id) return null;
      return flag('creator-logon-mismatch', withLogon(session.logon!.subjectUser, asker), [
        { field: `SubjectLogonId of the Secondary Logon 4624 (event ${session.eventId}), who asked for its logon ${target}`, value: asker, expected: parent.id, source: parent.source },
      ], [r.eventId, session.eventId, parent.eventId]);
    }
  }

  if (parent) {
    if (subject === parent.id) return null;
    const fields: SpoofField[] = [{ field: 'SubjectLogonId', value: subject, expected: parent.id, source: parent.source }];
    // SYSTEM handing out a full token is the AppInfo service elevating for the parent.
    if (isSystem(c) && c.elevation === FULL_TOKEN) return flag('elevation', withLogon(c.subjectUser, subject), fields, [r.eventId, parent.eventId]);
    if (target === parent.id) {
      fields.push({ field: 'TargetLogonId', value: target, expected: `0x0 or ${subject}`, source: "a new process gets its creator's token unless handed another; this one has the recorded parent's" });
    }
    return flag('creator-logon-mismatch', withLogon(c.subjectUser, subject), fields, [r.eventId, parent.eventId]);
  }

  if (isPerson(c.subjectSid) && target && target !== subject) {
    return flag('inherited-token', withLogon(c.subjectUser, subject), [
      {
        field: 'TargetLogonId',
        value: `${target}${c.targetUser ? ` (${c.targetUser})` : ''}`,
        expected: `0x0 or ${subject}`,
        source: "an ordinary account cannot hand a new process another logon's token; inheriting it from a chosen parent can",
      },
    ], [r.eventId]);
  }
  return null;
}
