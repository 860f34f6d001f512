/**
 * An interactive SSH session seen from both sources: the login and any sudo
 * in auth.log, the login shell and each command in the endpoint telemetry.
 * Admins, the CI deploy and the Monday triage all use it; a `ssh HOST` step
 * opens a nested session on that host, the way admins hop from the bastion.
 */
import type { CaseLog } from './case-log';
import { sshLogin, sshLogout, sudo, sudoTypo, type Login } from './auth-lines';
import { SECOND } from './clock';
import { networkConnect } from './ecs';
import { auditExec } from './exec';
import type { HostInfo } from './pools';
import type { Rng } from './prng';

export type Step = string | { readonly ssh: HostInfo; readonly steps: readonly Step[] };

export interface SessionPlan {
  readonly host: HostInfo;
  readonly start: number;
  readonly login: Login;
  readonly home: string;
  readonly steps: readonly Step[];
  /** odds that a sudo is preceded by a mistyped password */
  readonly typoRate?: number;
}

const BIN: Record<string, string> = {
  sudo: '/usr/bin/sudo', ssh: '/usr/bin/ssh', nginx: '/usr/sbin/nginx', 'run-parts': '/usr/bin/run-parts',
  rsync: '/usr/bin/rsync', python3: '/usr/bin/python3', htop: '/usr/bin/htop',
};

/** Where PATH lookup lands on a Debian 12 host for the commands the sample uses. */
export function resolveBin(name: string): string {
  if (name.startsWith('/')) return name;
  return BIN[name] ?? `/usr/bin/${name}`;
}

const USERS: Record<string, number> = { root: 0, postgres: 113, 'www-data': 33, app: 998 };

function runSudo(log: CaseLog, rng: Rng, plan: SessionPlan, t: number, shell: number, args: string[]): void {
  const { host, login } = plan;
  let rest = args.slice(1);
  let target = { name: 'root', uid: 0 };
  if (rest[0] === '-u') {
    target = { name: rest[1], uid: USERS[rest[1]] ?? 0 };
    rest = rest.slice(2);
  }
  const exe = resolveBin(rest[0]);
  const call = { user: login.user, uid: login.uid, tty: 'pts/0', cwd: plan.home, command: [exe, ...rest.slice(1)].join(' '), lengthMs: rng.int(1, 20) * SECOND, target };
  if (rng.chance(plan.typoRate ?? 0)) {
    sudoTypo(log, host, t - 6 * SECOND, call);
  }
  sudo(log, host, t, call);
  const sudoPid = auditExec(log, host, t + 2, { user: login.user, uid: login.uid, parent: { pid: shell, exe: '/bin/bash' }, args, exe: BIN.sudo, cwd: plan.home });
  auditExec(log, host, t + 9, { user: target.name, uid: target.uid, parent: { pid: sudoPid, exe: BIN.sudo }, args: rest, exe, cwd: plan.home });
}

/** Plays the session and returns when it ended. */
export function runSession(log: CaseLog, rng: Rng, plan: SessionPlan): number {
  const { host, login } = plan;
  const { pid: sshd, session } = sshLogin(log, host, plan.start, login);
  const shell = auditExec(log, host, plan.start + 60, { user: login.user, uid: login.uid, parent: { pid: sshd, exe: '/usr/sbin/sshd' }, args: ['-bash'], exe: '/bin/bash', cwd: plan.home });
  let t = plan.start + rng.int(3, 15) * SECOND;
  for (const step of plan.steps) {
    if (typeof step !== 'string') {
      const ssh = auditExec(log, host, t, { user: login.user, uid: login.uid, parent: { pid: shell, exe: '/bin/bash' }, args: ['ssh', step.ssh.name], exe: BIN.ssh, cwd: plan.home });
      const srcPort = rng.int(40000, 60999);
      log.event(host, t + 15, networkConnect(host, t + 15, login.user, { pid: ssh, exe: BIN.ssh }, { srcPort, dstIp: step.ssh.ip, dstPort: 22 }));
      const nested = { ...login, peer: { ip: host.ip, port: srcPort } };
      t = runSession(log, rng, { ...plan, host: step.ssh, start: t + 400, login: nested, steps: step.steps }) + 2 * SECOND;
      continue;
    }
    const args = step.split(' ');
    if (args[0] === 'sudo') runSudo(log, rng, plan, t, shell, args);
    else auditExec(log, host, t, { user: login.user, uid: login.uid, parent: { pid: shell, exe: '/bin/bash' }, args, exe: resolveBin(args[0]), cwd: plan.home });
    t += rng.int(8, 150) * SECOND;
  }
  sshLogout(log, host, t, login, sshd, session);
  return t;
}
