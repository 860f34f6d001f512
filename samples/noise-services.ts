/**
 * Machine-to-machine background: systemd timers (apt, certbot), service
 * traffic between the tiers, monitoring probes on sshd, and the internet's
 * constant trickle of SSH scanners against the one host that allows passwords.
 * The scanners are what makes a brute-force threshold worth tuning: they fail
 * a few times each, the attacker hundreds of times.
 */
import type { CaseLog } from './case-log';
import { failedPassword, preauthClose, probe } from './auth-lines';
import { HOUR, MINUTE, SECOND, daysBetween } from './clock';
import { networkConnect } from './ecs';
import { auditExec } from './exec';
import { ALL_HOSTS, CAPTURE_END, CAPTURE_START, EXTERNAL, HOSTS, MONITOR_IP, WEB_LOCAL_USERS, WORDLIST_USERS, isReservedFirstOctet, type HostInfo } from './pools';
import type { Rng } from './prng';

const SYSTEMD = { pid: 1, exe: '/usr/lib/systemd/systemd' } as const;
const ROOT = { user: 'root', uid: 0 } as const;

function aptDaily(log: CaseLog, rng: Rng, host: HostInfo, t: number): void {
  const daily = auditExec(log, host, t, { ...ROOT, parent: SYSTEMD, args: ['/bin/sh', '/usr/lib/apt/apt.systemd.daily', 'update'] });
  const get = auditExec(log, host, t + 900, { ...ROOT, parent: { pid: daily, exe: '/bin/sh' }, args: ['apt-get', '-qq', '-y', 'update'], exe: '/usr/bin/apt-get' });
  const http = auditExec(log, host, t + 1300, { user: '_apt', uid: 42, parent: { pid: get, exe: '/usr/bin/apt-get' }, args: ['/usr/lib/apt/methods/http'] });
  const m = EXTERNAL.debMirror;
  log.event(host, t + 1500, networkConnect(host, t + 1500, '_apt', { pid: http, exe: '/usr/lib/apt/methods/http' }, { srcPort: rng.int(40000, 60999), dstIp: m.ip, dstPort: m.port, domain: m.domain }));
  const up = auditExec(log, host, t + 40 * MINUTE, { ...ROOT, parent: SYSTEMD, args: ['/bin/sh', '/usr/lib/apt/apt.systemd.daily', 'install'] });
  auditExec(log, host, t + 40 * MINUTE + 800, { ...ROOT, parent: { pid: up, exe: '/bin/sh' }, args: ['/usr/bin/python3', '/usr/bin/unattended-upgrade'] });
}

function certbot(log: CaseLog, rng: Rng, t: number): void {
  const host = HOSTS.web;
  const pid = auditExec(log, host, t, { ...ROOT, parent: SYSTEMD, args: ['/usr/bin/python3', '/usr/bin/certbot', '-q', 'renew', '--no-random-sleep-on-renew'] });
  const a = EXTERNAL.acme;
  log.event(host, t + 2100, networkConnect(host, t + 2100, 'root', { pid, exe: '/usr/bin/python3' }, { srcPort: rng.int(40000, 60999), dstIp: a.ip, dstPort: a.port, domain: a.domain }));
}

/** Pooled connections get recycled every few minutes: nginx to the app, the app to postgres. */
function tierTraffic(log: CaseLog, rng: Rng): void {
  for (let t = CAPTURE_START; t < CAPTURE_END; t += rng.int(4, 12) * MINUTE) {
    log.event(HOSTS.web, t, networkConnect(HOSTS.web, t, 'www-data', { pid: 1187, exe: '/usr/sbin/nginx' }, { srcPort: rng.int(32768, 60999), dstIp: HOSTS.app.ip, dstPort: 8000 }));
    const t2 = t + rng.int(1, 120) * SECOND;
    log.event(HOSTS.app, t2, networkConnect(HOSTS.app, t2, 'app', { pid: 1342, exe: '/srv/app/venv/bin/python' }, { srcPort: rng.int(32768, 60999), dstIp: HOSTS.db.ip, dstPort: 5432 }));
  }
}

function randomPublicIp(rng: Rng): string {
  let a = rng.int(1, 223);
  while (isReservedFirstOctet(a)) a = rng.int(1, 223);
  return `${a}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** A background scanner: a few connections, one to three guesses each, then it moves on. */
function scanner(log: CaseLog, rng: Rng, t0: number): void {
  const host = HOSTS.web;
  const ip = randomPublicIp(rng);
  let t = t0;
  const connections = rng.int(1, 8);
  for (let c = 0; c < connections; c++) {
    const user = rng.chance(0.4) ? 'root' : rng.pick(WORDLIST_USERS);
    const valid = WEB_LOCAL_USERS.has(user);
    const peer = { ip, port: rng.int(32768, 65000) };
    const pid = log.pid(host, t);
    const guesses = rng.int(1, 3);
    for (let g = 0; g < guesses; g++) {
      failedPassword(log, host, t, pid, user, valid, peer, g === 0);
      t += rng.int(2200, 5000);
    }
    preauthClose(log, host, t, pid, user, valid, peer);
    t += rng.int(5, 90) * SECOND;
  }
}

export function generateServiceNoise(log: CaseLog, rng: Rng): void {
  for (const day of daysBetween(CAPTURE_START, CAPTURE_END)) {
    for (const host of ALL_HOSTS) {
      const t = day + rng.int(6, 17) * HOUR + rng.int(0, 3599) * SECOND;
      if (t < CAPTURE_END - HOUR) aptDaily(log, rng, host, t);
    }
    for (const h of [0, 12]) {
      const t = day + (h + rng.int(0, 11)) * HOUR + rng.int(0, 3599) * SECOND;
      if (t < CAPTURE_END) certbot(log, rng, t);
    }
  }
  tierTraffic(log, rng);
  for (const host of ALL_HOSTS) {
    for (let t = CAPTURE_START + rng.int(0, 300) * SECOND; t < CAPTURE_END; t += 15 * MINUTE) probe(log, host, t + rng.int(0, 999), { ip: MONITOR_IP, port: rng.int(32768, 60999) });
  }
  for (let t = CAPTURE_START + rng.int(5, 40) * MINUTE; t < CAPTURE_END; t += rng.int(25, 110) * MINUTE) scanner(log, rng, t);
}
