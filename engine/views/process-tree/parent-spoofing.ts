/**
 * Parent PID spoofing (T1134.004): a process creates a child with
 * PROC_THREAD_ATTRIBUTE_PARENT_PROCESS, so the child's recorded parent (Sysmon
 * 1 ParentProcessGuid/ParentImage, 4688 creator) is a process of its choosing.
 *
 * The tell, read off `Defense Evasion/sysmon_10_1_ppid_spoofing.evtx`:
 *   1. Sysmon 10: powershell (8004) opens explorer (4668) with 0x1f3fff, which
 *      includes PROCESS_CREATE_PROCESS (0x80), the right the attribute needs;
 *   2. Sysmon 1, 3 ms later: cmd.exe (7708) with ParentProcessGuid = explorer;
 *   3. Sysmon 10, same instant: powershell opens the new cmd.exe (0x1fffff):
 *      CreateProcess hands the creation handle to the real creator, and Sysmon
 *      logs it as an access from creator to child.
 * A normal parent shows as the source of (3) itself. So a child is flagged
 * when some process other than its recorded parent (a) held a handle with
 * every right (PROCESS_ALL_ACCESS, 0x1fffff: what CreateProcess gives) on it
 * within `WINDOW_US` of its start and (b) had opened the recorded parent with
 * PROCESS_CREATE_PROCESS shortly before. (b) keeps processes that merely
 * inspect new children (AV, RuntimeBroker, lsass) out; the full rights in (a)
 * keep out DcomLaunch, which created the recorded parent (so holds 0x80 on
 * it) and then queries that parent's children with 0x1000.
 *
 * Windows' own bookkeeping also does (a) and (b), for every process it
 * records: csrss, the Program Compatibility Assistant and the console host
 * open new processes and their parents with 0x1fffff (system-callers.ts).
 * Their accesses are set aside, known by the opener's image (csrss) or the
 * module on its call stack (Sysmon's CallTrace). Over the OTRF Windows
 * datasets the check made 86 flags without these exceptions (72 naming csrss
 * as the creator, 13 PcaSvc, 1 AppInfo); undoing any one exception alone
 * brings back 85 (csrss), 27 (console host), 14 (PcaSvc) or 6 (full rights).
 *
 * UAC does it by design: the AppInfo service (appinfo.dll, in a svchost)
 * opens the requester with PROCESS_CREATE_PROCESS, creates the elevated
 * process with it as parent and holds the creation handle. That is flagged
 * `elevation`, not counted as spoofing, as the 4688 check does
 * (creator-logon.ts): `Privilege Escalation/UACME_59_Sysmon.evtx` (Taskmgr
 * under Akagi) and an elevated powershell in OTRF's schtask_modification.
 *
 * Not told apart: a log without CallTrace (a console host or a service in a
 * svchost then passes for a creator), other software that opens every new
 * process and its parent with full rights (an EDR, say), and a creator that
 * calls NtCreateUserProcess itself asking for fewer rights (not flagged).
 * Such flags name the opener and its two accesses as evidence. What stays
 * flagged on the public datasets, and why, is in node/spoofing-corpus.test.ts.
 *
 * A second, weaker flag: the child names a ParentImage that the process it
 * links to by entity id does not have.
 *
 * Security 4688 has no access events: its check compares logons instead
 * (creator-logon.ts). Every flag lists the fields that disagree.
 */
import { creatorLogonFlag, secondaryLogons } from './creator-logon';
import type { LinkedNode } from './link-processes';
import { PROCESS_ALL_ACCESS, PROCESS_CREATE_PROCESS, type ProcessRecord } from './process-records';
import { openerRole } from './system-callers';
import type { SpoofFlag } from './tree-types';

/** How far from the child's start the creator's access to it may be. */
export const WINDOW_US = 2_000_000;
/** How long before the child's start the creator may have opened the fake parent. */
export const LEAD_US = 60_000_000;

const baseName = (p: string) => p.slice(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1).toLowerCase();

/** Sets `spoof` on the nodes whose recorded parent is doubted; returns how many (UAC elevations, also set, not counted). */
export function flagParentSpoofing(nodes: readonly LinkedNode[], byId: ReadonlyMap<string, LinkedNode>, records: readonly ProcessRecord[]): number {
  const accessByTarget = new Map<string, ProcessRecord[]>();
  for (const r of records) {
    if (r.kind !== 'access' || !r.targetGuid || !r.sourceGuid || r.timeUs === null) continue;
    const k = `${r.host ?? ''}|${r.targetGuid}`;
    const list = accessByTarget.get(k);
    if (list) list.push(r);
    else accessByTarget.set(k, [r]);
  }
  const seclogons = secondaryLogons(records);
  let flagged = 0;
  for (const n of nodes) {
    const r = n.record;
    if (!r || r.timeUs === null) continue;
    const flag = (r.guid ? creatorMismatch(r, accessByTarget, byId) : null) ?? creatorLogonFlag(n, seclogons) ?? (r.guid ? imageMismatch(n) : null);
    if (flag) {
      n.spoof = flag;
      if (flag.reason !== 'elevation') flagged++;
    }
  }
  return flagged;
}

function creatorMismatch(r: ProcessRecord, accessByTarget: ReadonlyMap<string, ProcessRecord[]>, byId: ReadonlyMap<string, LinkedNode>): SpoofFlag | null {
  const host = r.host ?? '';
  const t = r.timeUs!;
  const toChild = accessByTarget.get(`${host}|${r.guid}`) ?? [];
  const toParent = r.parentGuid ? accessByTarget.get(`${host}|${r.parentGuid}`) ?? [] : [];
  for (const a of toChild) {
    if (a.sourceGuid === r.parentGuid || a.sourceGuid === r.guid || Math.abs(a.timeUs! - t) > WINDOW_US) continue;
    // A creation handle has every right; fewer is an OpenProcess by code that inspects new processes.
    if (a.grantedAccess === null || (a.grantedAccess & PROCESS_ALL_ACCESS) !== PROCESS_ALL_ACCESS) continue;
    const role = openerRole(a);
    if (role === 'bookkeeping') continue;
    const opened = toParent.find(
      (b) =>
        b.sourceGuid === a.sourceGuid &&
        b.grantedAccess !== null &&
        (b.grantedAccess & PROCESS_CREATE_PROCESS) !== 0 &&
        b.timeUs! <= t + WINDOW_US &&
        b.timeUs! >= t - LEAD_US,
    );
    if (!opened) continue;
    const elevation = role === 'elevation' || openerRole(opened) === 'elevation';
    const creator = byId.get(`g:${host}|${a.sourceGuid}`) ?? null;
    const evidence = `(event ${a.eventId}), which had opened the recorded parent with PROCESS_CREATE_PROCESS (event ${opened.eventId})`;
    return {
      reason: elevation ? 'elevation' : 'creator-mismatch',
      creatorId: creator?.id ?? null,
      creatorPid: creator?.pid ?? a.pid,
      creatorImage: creator?.image ?? a.image,
      creatorAccount: null,
      fields: [
        {
          field: 'ParentProcessGuid',
          value: r.parentGuid ?? '(none)',
          expected: a.sourceGuid!,
          source: elevation
            ? `SourceProcessGUID of the AppInfo service (appinfo.dll in its CallTrace), which held its creation handle ${evidence}: a UAC elevation names the requester as parent by design`
            : `SourceProcessGUID of the Sysmon 10 access that held its creation handle ${evidence}`,
        },
      ],
      evidenceEventIds: [opened.eventId, a.eventId],
    };
  }
  return null;
}

function imageMismatch(n: LinkedNode): SpoofFlag | null {
  const r = n.record!;
  const p = n.parent;
  if (!r.parentGuid || !r.parentImage || !p || p.synthetic || !p.image) return null;
  if (baseName(p.image) === baseName(r.parentImage)) return null;
  return {
    reason: 'parent-image-mismatch',
    creatorId: null,
    creatorPid: null,
    creatorImage: null,
    creatorAccount: null,
    fields: [{ field: 'ParentImage', value: r.parentImage, expected: p.image, source: `Image of the process its ParentProcessGuid names${p.eventId !== null ? ` (event ${p.eventId})` : ''}` }],
    evidenceEventIds: [r.eventId],
  };
}
