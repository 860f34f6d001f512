/**
 * Initial access on web-01: a wordlist brute force from a Tor exit, the
 * password of `deploy` guessed, a look around, then `sudo /bin/bash`.
 * web-01 is the one host with PasswordAuthentication left on.
 */
import type { CaseLog } from './case-log';
import { failedPassword, preauthClose, sshLogin, sudo, type Login } from './auth-lines';
import { SECOND } from './clock';
import { auditExec } from './exec';
import { DEPLOY_USER, HOSTS, WEB_LOCAL_USERS, WORDLIST_USERS } from './pools';
import type { Rng } from './prng';
import { ATTACKER_IP, TIMELINE } from './story-facts';

const WEB = HOSTS.web;
const DEPLOY = { user: DEPLOY_USER.name, uid: DEPLOY_USER.uid } as const;

function bruteForce(log: CaseLog, rng: Rng): void {
  let t = TIMELINE.bruteForceStart;
  let port = 38000 + rng.int(0, 2000);
  while (t < TIMELINE.bruteForceEnd) {
    const user = t < TIMELINE.focusOnDeploy ? rng.pick(WORDLIST_USERS) : DEPLOY_USER.name;
    const valid = WEB_LOCAL_USERS.has(user);
    port += rng.int(1, 40);
    const peer = { ip: ATTACKER_IP, port };
    const pid = log.pid(WEB, t);
    // Hydra-style: a few guesses per connection, then reconnect.
    const guesses = rng.int(1, 3);
    for (let g = 0; g < guesses && t < TIMELINE.bruteForceEnd; g++) {
      failedPassword(log, WEB, t, pid, user, valid, peer, g === 0);
      t += rng.int(2200, 3600);
    }
    preauthClose(log, WEB, t, pid, user, valid, peer);
    t += rng.int(200, 900);
  }
}

/** Returns the deploy login shell's pid and the root shell's pid for the next phase. */
export function generateAccess(log: CaseLog, rng: Rng): { rootShell: number; login: Login; sshdPid: number; session: number } {
  bruteForce(log, rng);
  const login: Login = { user: DEPLOY.user, uid: DEPLOY.uid, peer: { ip: ATTACKER_IP, port: 52814 }, method: 'password' };
  const { pid: sshdPid, session } = sshLogin(log, WEB, TIMELINE.acceptedLogin, login);
  const home = '/home/deploy';
  const shell = auditExec(log, WEB, TIMELINE.acceptedLogin + 61, { ...DEPLOY, parent: { pid: sshdPid, exe: '/usr/sbin/sshd' }, args: ['-bash'], exe: '/bin/bash', cwd: home });
  const parent = { pid: shell, exe: '/bin/bash' };
  // Hands on keyboard: who am I, what is this box, how many cores.
  const recon: [number, string[]][] = [
    [28, ['id']], [34, ['uname', '-a']], [43, ['cat', '/etc/os-release']], [57, ['w']], [73, ['nproc']],
  ];
  for (const [dt, args] of recon) {
    auditExec(log, WEB, TIMELINE.acceptedLogin + dt * SECOND + rng.int(0, 999), { ...DEPLOY, parent, args, exe: `/usr/bin/${args[0]}`, cwd: home });
  }
  // `sudo -l` is logged by sudo as the pseudo-command "list".
  log.line(WEB, TIMELINE.sudoList, 'sudo', undefined, `${DEPLOY.user.padStart(8)} : TTY=pts/0 ; PWD=${home} ; USER=root ; COMMAND=list`);
  auditExec(log, WEB, TIMELINE.sudoList + 2, { ...DEPLOY, parent, args: ['sudo', '-l'], exe: '/usr/bin/sudo', cwd: home });

  const t = TIMELINE.sudoRootShell;
  sudo(log, WEB, t, { ...DEPLOY, tty: 'pts/0', cwd: home, command: '/bin/bash', lengthMs: TIMELINE.rootShellExit - t });
  const sudoPid = auditExec(log, WEB, t + 3, { ...DEPLOY, parent, args: ['sudo', '/bin/bash'], exe: '/usr/bin/sudo', cwd: home });
  const rootShell = auditExec(log, WEB, t + 11, { user: 'root', uid: 0, parent: { pid: sudoPid, exe: '/usr/bin/sudo' }, args: ['/bin/bash'], cwd: home });
  return { rootShell, login, sshdPid, session };
}
