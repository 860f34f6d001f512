/**
 * The auth.log phrases of sshd, pam_unix, systemd-logind, CRON and sudo on a
 * Debian 12 host, worded exactly as those programs write them so the sample
 * exercises the same parser paths as real logs.
 */
import type { CaseLog } from './case-log';
import { SECOND } from './clock';
import type { HostInfo } from './pools';

export interface SshPeer {
  readonly ip: string;
  readonly port: number;
}

export function cronSession(log: CaseLog, host: HostInfo, t: number, user: string, uid: number, lengthMs: number): void {
  const pid = log.pid(host, t);
  log.line(host, t, 'CRON', pid, `pam_unix(cron:session): session opened for user ${user}(uid=${uid}) by (uid=0)`);
  log.line(host, t + lengthMs, 'CRON', pid, `pam_unix(cron:session): session closed for user ${user}`);
}

export interface Login {
  readonly user: string;
  readonly uid: number;
  readonly peer: SshPeer;
  readonly method: 'publickey' | 'password';
  readonly fingerprint?: string;
}

/** Accepted login plus session bookkeeping; returns the sshd session pid and logind session id. */
export function sshLogin(log: CaseLog, host: HostInfo, t: number, l: Login): { pid: number; session: number } {
  const pid = log.pid(host, t);
  const session = log.session(host, t);
  const key = l.method === 'publickey' ? `: ED25519 ${l.fingerprint ?? ''}` : '';
  log.line(host, t, 'sshd', pid, `Accepted ${l.method} for ${l.user} from ${l.peer.ip} port ${l.peer.port} ssh2${key}`);
  log.line(host, t + 4, 'sshd', pid, `pam_unix(sshd:session): session opened for user ${l.user}(uid=${l.uid}) by (uid=0)`);
  log.line(host, t + 30, 'systemd-logind', host.logindPid, `New session ${session} of user ${l.user}.`);
  return { pid, session };
}

export function sshLogout(log: CaseLog, host: HostInfo, t: number, l: Login, pid: number, session: number): void {
  const { ip, port } = l.peer;
  log.line(host, t, 'sshd', pid, `Received disconnect from ${ip} port ${port}:11: disconnected by user`);
  log.line(host, t + 1, 'sshd', pid, `Disconnected from user ${l.user} ${ip} port ${port}`);
  log.line(host, t + 3, 'sshd', pid, `pam_unix(sshd:session): session closed for user ${l.user}`);
  log.line(host, t + 12, 'systemd-logind', host.logindPid, `Session ${session} logged out. Waiting for processes to exit.`);
  log.line(host, t + 40, 'systemd-logind', host.logindPid, `Removed session ${session}.`);
}

/**
 * One password guess inside an sshd connection. Invalid users get sshd's
 * "Invalid user" preamble only on the first guess of a connection.
 */
export function failedPassword(log: CaseLog, host: HostInfo, t: number, pid: number, user: string, valid: boolean, peer: SshPeer, first: boolean): void {
  const { ip, port } = peer;
  if (!valid && first) {
    log.line(host, t, 'sshd', pid, `Invalid user ${user} from ${ip} port ${port}`);
    log.line(host, t + 300, 'sshd', pid, 'pam_unix(sshd:auth): check pass; user unknown');
  }
  const who = valid ? `  user=${user}` : '';
  log.line(host, t + 310, 'sshd', pid, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}${who}`);
  log.line(host, t + 2 * SECOND, 'sshd', pid, `Failed password for ${valid ? '' : 'invalid user '}${user} from ${ip} port ${port} ssh2`);
}

/** How a guessing connection ends once the client gives up. */
export function preauthClose(log: CaseLog, host: HostInfo, t: number, pid: number, user: string, valid: boolean, peer: SshPeer): void {
  const who = valid ? `authenticating user ${user}` : `invalid user ${user}`;
  log.line(host, t, 'sshd', pid, `Connection closed by ${who} ${peer.ip} port ${peer.port} [preauth]`);
}

/** A TCP probe (monitoring, scanners) that never gets to authentication. */
export function probe(log: CaseLog, host: HostInfo, t: number, peer: SshPeer): void {
  log.line(host, t, 'sshd', log.pid(host, t), `Connection closed by ${peer.ip} port ${peer.port} [preauth]`);
}

export interface SudoCall {
  readonly user: string;
  readonly uid: number;
  readonly tty: string;
  readonly cwd: string;
  readonly command: string;
  readonly lengthMs: number;
  /** the -u user; root when absent */
  readonly target?: { readonly name: string; readonly uid: number };
}

/** sudo's command line (no pid, user right-aligned in eight columns, as sudo writes it) and its pam session. */
export function sudo(log: CaseLog, host: HostInfo, t: number, s: SudoCall): number {
  const pid = log.pid(host, t);
  const target = s.target ?? { name: 'root', uid: 0 };
  log.line(host, t, 'sudo', undefined, `${s.user.padStart(8)} : TTY=${s.tty} ; PWD=${s.cwd} ; USER=${target.name} ; COMMAND=${s.command}`);
  log.line(host, t + 6, 'sudo', pid, `pam_unix(sudo:session): session opened for user ${target.name}(uid=${target.uid}) by ${s.user}(uid=${s.uid})`);
  log.line(host, t + s.lengthMs, 'sudo', pid, `pam_unix(sudo:session): session closed for user ${target.name}`);
  return pid;
}

/** A mistyped sudo password: pam logs the failure, then the retry succeeds. */
export function sudoTypo(log: CaseLog, host: HostInfo, t: number, s: SudoCall): void {
  const pid = log.pid(host, t);
  log.line(host, t, 'sudo', pid, `pam_unix(sudo:auth): authentication failure; logname=${s.user} uid=${s.uid} euid=0 tty=/dev/${s.tty} ruser=${s.user} rhost=  user=${s.user}`);
}
