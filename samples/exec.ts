/** Shorthand for recording a process start with a fresh pid. */
import type { CaseLog } from './case-log';
import { processStart, type ProcRef } from './ecs';
import type { HostInfo } from './pools';

export interface Exec {
  readonly user: string;
  readonly uid: number;
  readonly parent: ProcRef;
  /** argv; argv[0] is taken as the executable path */
  readonly args: readonly string[];
  readonly cwd?: string;
  /** when argv[0] is not the resolved image, e.g. `sh` run as /usr/bin/dash */
  readonly exe?: string;
  readonly pid?: number;
}

export function auditExec(log: CaseLog, host: HostInfo, t: number, e: Exec): number {
  // Daemons (low pids) fork children far above them; only near parents need the bump.
  const pid = e.pid ?? log.pid(host, t, e.parent.pid >= 2000 ? e.parent.pid : 0);
  const exe = e.exe ?? e.args[0];
  log.event(host, t, processStart(host, t, { pid, exe, args: e.args, user: e.user, uid: e.uid, parent: e.parent, cwd: e.cwd }));
  return pid;
}
