/**
 * Who asked for a process handle, read off a Sysmon 10 access: Windows code
 * that opens new processes for its own records, the AppInfo service creating
 * an elevated one, or (null) anything else. parent-spoofing.ts sets the first
 * aside and names the second an elevation.
 *
 * Sysmon's CallTrace is the opener's stack, innermost frame first
 * (`C:\Windows\SYSTEM32\ntdll.dll+9c534|…KERNELBASE.dll+2726e|c:\windows\system32\pcasvc.dll+13827|…`);
 * the first frame past ntdll/kernelbase/kernel32 is the code that called
 * OpenProcess or CreateProcess. What each caller does, seen in the OTRF
 * Windows datasets, all with PROCESS_ALL_ACCESS (0x1fffff) on the new process
 * and on its parent:
 * - csrss.exe (CSR server, basesrv.dll/csrsrv.dll): opens every new process
 *   and its creator while handling the creation notice;
 * - pcasvc.dll (Program Compatibility Assistant, in a svchost): opens the
 *   programs it tracks and their parents;
 * - conhost.exe / conhostv2.dll (console host): opens every process that
 *   attaches to its console, so a cmd.exe and then each of its children;
 * - appinfo.dll (AppInfo, in a svchost): opens the requester with
 *   PROCESS_CREATE_PROCESS and creates the elevated process under it (UAC).
 * Only copies in System32 count, which only TrustedInstaller can write; a
 * pcasvc.dll loaded from elsewhere is someone else's code. csrss is known by
 * its image alone: it is a protected process (Windows 8.1 and later), so no
 * other code runs in it, and that holds for logs without CallTrace too.
 *
 * How to add one: a caller module and its role in CALLERS, with the access
 * that shows it in system-callers.test.ts.
 */
import type { ProcessRecord } from './process-records';

export type OpenerRole = 'bookkeeping' | 'elevation';

/** Frames of the Windows API between a caller and the system call. */
const API_LAYER = new Set(['ntdll.dll', 'kernelbase.dll', 'kernel32.dll']);
const CALLERS = new Map<string, OpenerRole>([
  ['pcasvc.dll', 'bookkeeping'],
  ['conhost.exe', 'bookkeeping'],
  ['conhostv2.dll', 'bookkeeping'],
  ['appinfo.dll', 'elevation'],
]);
/** A file directly in System32 (any drive, any case), capturing its name. */
const SYSTEM32 = /^[a-z]:\\windows\\system32\\([^\\]+)$/i;

/** The code that asked for the handle: the first CallTrace frame outside the API layer, as its path. */
export function callerModule(callTrace: string): string | null {
  for (const frame of callTrace.split('|')) {
    const path = frame.replace(/\+[0-9a-f]+$/i, '');
    if (!API_LAYER.has(path.slice(path.lastIndexOf('\\') + 1).toLowerCase())) return path;
  }
  return null;
}

/** What one Sysmon 10 access says about its opener (see the file comment); null when nothing is known. */
export function openerRole(a: Pick<ProcessRecord, 'image' | 'callTrace'>): OpenerRole | null {
  if (a.image && SYSTEM32.exec(a.image)?.[1].toLowerCase() === 'csrss.exe') return 'bookkeeping';
  const caller = a.callTrace ? callerModule(a.callTrace) : null;
  const name = caller ? SYSTEM32.exec(caller)?.[1].toLowerCase() : undefined;
  return name ? CALLERS.get(name) ?? null : null;
}
