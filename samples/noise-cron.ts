/**
 * Scheduled background work on every host: sysstat every ten minutes, the
 * hourly and daily run-parts, plus each host's own jobs (session cleanup on
 * app-01, the nightly database backup on db-01). This is the bulk of the case,
 * the haystack the story hides in.
 */
import type { CaseLog } from './case-log';
import { cronRun } from './cron-job';
import { auditExec } from './exec';
import { fileEvent, networkConnect } from './ecs';
import { HOUR, MINUTE, SECOND, daysBetween } from './clock';
import { ALL_HOSTS, APP_USER, CAPTURE_END, CAPTURE_START, EXTERNAL, HOSTS, POSTGRES_USER, type HostInfo } from './pools';
import type { Rng } from './prng';

const ROOT = { user: 'root', uid: 0 } as const;

function sysstat(log: CaseLog, rng: Rng, host: HostInfo, t: number): void {
  const { shPid, t: t0 } = cronRun(log, host, t, { ...ROOT, command: 'command -v debian-sa1 > /dev/null && debian-sa1 1 1', lengthMs: rng.int(300, 900) });
  const sa1 = auditExec(log, host, t0 + 6, { ...ROOT, parent: { pid: shPid, exe: '/bin/sh' }, args: ['/usr/lib/sysstat/debian-sa1', '1', '1'] });
  auditExec(log, host, t0 + 15, { ...ROOT, parent: { pid: sa1, exe: '/usr/lib/sysstat/debian-sa1' }, args: ['/usr/lib/sysstat/sadc', '-F', '-L', '-S', 'DISK', '1', '1', '/var/log/sysstat'] });
}

function hourly(log: CaseLog, rng: Rng, host: HostInfo, t: number): void {
  const { shPid, t: t0 } = cronRun(log, host, t, { ...ROOT, command: 'cd / && run-parts --report /etc/cron.hourly', lengthMs: rng.int(20, 80) });
  auditExec(log, host, t0 + 4, { ...ROOT, parent: { pid: shPid, exe: '/bin/sh' }, args: ['run-parts', '--report', '/etc/cron.hourly'], exe: '/usr/bin/run-parts' });
}

const DAILY_PARTS = ['/etc/cron.daily/apt-compat', '/etc/cron.daily/dpkg', '/etc/cron.daily/logrotate', '/etc/cron.daily/man-db'];

function daily(log: CaseLog, rng: Rng, host: HostInfo, t: number): void {
  const { shPid, t: t0 } = cronRun(log, host, t, { ...ROOT, command: 'test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }', lengthMs: rng.int(20, 40) * SECOND });
  const rp = auditExec(log, host, t0 + 5, { ...ROOT, parent: { pid: shPid, exe: '/bin/sh' }, args: ['run-parts', '--report', '/etc/cron.daily'], exe: '/usr/bin/run-parts' });
  let tt = t0 + 20;
  for (const part of DAILY_PARTS) {
    const p = auditExec(log, host, tt, { ...ROOT, parent: { pid: rp, exe: '/usr/bin/run-parts' }, args: ['/bin/sh', part] });
    if (part.endsWith('logrotate')) {
      const lr = auditExec(log, host, tt + 40, { ...ROOT, parent: { pid: p, exe: '/bin/sh' }, args: ['/usr/sbin/logrotate', '/etc/logrotate.conf'] });
      if (host === HOSTS.web) auditExec(log, host, tt + 900, { ...ROOT, parent: { pid: lr, exe: '/usr/sbin/logrotate' }, args: ['/usr/sbin/invoke-rc.d', 'nginx', 'rotate'] });
      if (host === HOSTS.db) auditExec(log, host, tt + 700, { ...ROOT, parent: { pid: lr, exe: '/usr/sbin/logrotate' }, args: ['/usr/bin/pg_ctlcluster', '15', 'main', 'logrotate'] });
    }
    tt += rng.int(2, 9) * SECOND;
  }
}

function appCleanup(log: CaseLog, rng: Rng, t: number): void {
  const host = HOSTS.app;
  const { shPid, t: t0 } = cronRun(log, host, t, { user: APP_USER.name, uid: APP_USER.uid, command: 'cd /srv/app && ./venv/bin/python manage.py clearsessions', lengthMs: rng.int(2, 6) * SECOND });
  const py = auditExec(log, host, t0 + 8, { user: APP_USER.name, uid: APP_USER.uid, parent: { pid: shPid, exe: '/bin/sh' }, args: ['/srv/app/venv/bin/python', 'manage.py', 'clearsessions'], cwd: '/srv/app' });
  log.event(host, t0 + 400, networkConnect(host, t0 + 400, APP_USER.name, { pid: py, exe: '/srv/app/venv/bin/python' }, { srcPort: rng.int(40000, 60999), dstIp: HOSTS.db.ip, dstPort: 5432 }));
}

function dbBackup(log: CaseLog, rng: Rng, t: number): void {
  const host = HOSTS.db;
  const pg = { user: POSTGRES_USER.name, uid: POSTGRES_USER.uid };
  const { shPid, t: t0 } = cronRun(log, host, t, { ...pg, command: '/usr/local/bin/pg-backup.sh appdb', lengthMs: rng.int(4, 9) * MINUTE });
  const script = auditExec(log, host, t0 + 4, { ...pg, parent: { pid: shPid, exe: '/bin/sh' }, args: ['/bin/bash', '/usr/local/bin/pg-backup.sh', 'appdb'], cwd: '/var/lib/postgresql' });
  const stamp = new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
  const dump = `/var/backups/pg/appdb-${stamp}.dump`;
  const pd = auditExec(log, host, t0 + 30, { ...pg, parent: { pid: script, exe: '/bin/bash' }, args: ['/usr/bin/pg_dump', '-Fc', 'appdb', '-f', dump] });
  log.event(host, t0 + 90, fileEvent(host, t0 + 90, 'created', dump, pg.user, { pid: pd, exe: '/usr/bin/pg_dump' }));
  const upT = t0 + rng.int(3, 6) * MINUTE;
  const aws = auditExec(log, host, upT, { ...pg, parent: { pid: script, exe: '/bin/bash' }, args: ['/usr/local/bin/aws', 's3', 'cp', dump, `s3://backups-acme/db-01/appdb-${stamp}.dump`, '--only-show-errors'] });
  const b = EXTERNAL.backupBucket;
  log.event(host, upT + 700, networkConnect(host, upT + 700, pg.user, { pid: aws, exe: '/usr/local/bin/aws' }, { srcPort: rng.int(40000, 60999), dstIp: b.ip, dstPort: b.port, domain: b.domain }));
  auditExec(log, host, upT + 60 * SECOND, { ...pg, parent: { pid: script, exe: '/bin/bash' }, args: ['/usr/bin/find', '/var/backups/pg', '-name', '*.dump', '-mtime', '+7', '-delete'] });
}

export function generateCronNoise(log: CaseLog, rng: Rng): void {
  for (const host of ALL_HOSTS) {
    // Each host's cron ticks on the minute but logs a fraction of a second late.
    for (let t = CAPTURE_START; t < CAPTURE_END; t += 10 * MINUTE) sysstat(log, rng, host, t + rng.int(5, 400));
    for (let t = CAPTURE_START + 17 * MINUTE; t < CAPTURE_END; t += HOUR) hourly(log, rng, host, t + rng.int(5, 400));
    for (const d of daysBetween(CAPTURE_START, CAPTURE_END)) {
      const t = d + 6 * HOUR + 25 * MINUTE;
      if (t < CAPTURE_END) daily(log, rng, host, t + rng.int(5, 400));
    }
  }
  for (let t = CAPTURE_START + 5 * MINUTE; t < CAPTURE_END; t += HOUR) appCleanup(log, rng, t + rng.int(5, 400));
  for (const d of daysBetween(CAPTURE_START, CAPTURE_END)) {
    const t = d + HOUR + 30 * MINUTE;
    if (t < CAPTURE_END) dbBackup(log, rng, t + rng.int(5, 400));
  }
}
