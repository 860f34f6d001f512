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
 * when some process other than its recorded parent (a) accessed it within
 * `WINDOW_US` of its start and (b) had opened the recorded parent with
 * PROCESS_CREATE_PROCESS shortly before. Requiring (b) keeps processes that
 * merely inspect new children (AV, csrss, debuggers) from being flagged.
 * Windows does the same thing on purpose for UAC elevations: AppInfo (svchost)
 * creates the elevated process and reparents it to the requester, so those
 * are flagged too (`Privilege Escalation/UACME_59_Sysmon.evtx`), correctly as
 * to the mechanism; over all 277 EVTX-ATTACK-SAMPLES files these two are the
 * only hits.
 *
 * A second, weaker flag: the child names a ParentImage that the process it
 * links to by entity id does not have.
 *
 * Security 4688 has no access events: its check compares logons instead
 * (creator-logon.ts). Every flag lists the fields that disagree.
 */
import { creatorLogonFlag, secondaryLogons } from './creator-logon';
import type { LinkedNode } from './link-processes';
import type { ProcessRecord } from './process-records';
import type { SpoofFlag } from './tree-types';

const PROCESS_CREATE_PROCESS = 0x80;
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
    const opened = toParent.find(
      (b) => b.sourceGuid === a.sourceGuid && b.grantedAccess !== null && (b.grantedAccess & PROCESS_CREATE_PROCESS) !== 0 && b.timeUs! <= t + WINDOW_US && b.timeUs! >= t - LEAD_US,
    );
    if (!opened) continue;
    const creator = byId.get(`g:${host}|${a.sourceGuid}`) ?? null;
    return {
      reason: 'creator-mismatch',
      creatorId: creator?.id ?? null,
      creatorPid: creator?.pid ?? a.pid,
      creatorImage: creator?.image ?? a.image,
      creatorAccount: null,
      fields: [
        {
          field: 'ParentProcessGuid',
          value: r.parentGuid ?? '(none)',
          expected: a.sourceGuid!,
          source: `SourceProcessGUID of the Sysmon 10 access that held its creation handle (event ${a.eventId}), which had opened the recorded parent with PROCESS_CREATE_PROCESS (event ${opened.eventId})`,
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
