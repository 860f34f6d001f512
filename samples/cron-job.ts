/**
 * One cron run as both sources see it: CRON's pam session in auth.log and the
 * `/bin/sh -c` that cron execs, in the endpoint telemetry. Shared by the
 * benign schedules and the attacker's persistence entry, which is exactly why
 * the two look alike until you read the command.
 */
import { auditExec } from './exec';
import type { CaseLog } from './case-log';
import { cronSession } from './auth-lines';
import type { HostInfo } from './pools';

export interface CronRun {
  readonly user: string;
  readonly uid: number;
  readonly command: string;
  readonly lengthMs: number;
}

/** Returns the shell's pid so callers can hang the job's own processes under it. */
export function cronRun(log: CaseLog, host: HostInfo, t: number, run: CronRun): { shPid: number; t: number } {
  cronSession(log, host, t, run.user, run.uid, run.lengthMs);
  // cron forks before exec'ing the shell; only the exec is audited, so the
  // shell's parent is the forked cron child rather than the daemon itself.
  const child = log.pid(host, t);
  const shT = t + 3;
  const shPid = auditExec(log, host, shT, {
    user: run.user, uid: run.uid, parent: { pid: child, exe: '/usr/sbin/cron' },
    args: ['/bin/sh', '-c', run.command], cwd: run.user === 'root' ? '/root' : '/',
  });
  return { shPid, t: shT };
}
