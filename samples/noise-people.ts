/**
 * People at work: admins hop through the bastion from the office during
 * working hours, and the CI runner deploys to web-01 as `deploy` with a key.
 * Both matter to the story: they are the normal `Accepted publickey` and
 * `sudo` lines the attacker's password login and root shell must stand out from.
 */
import type { CaseLog } from './case-log';
import { HOUR, MINUTE, SECOND, at, daysBetween, isWeekend } from './clock';
import { runSession, type Step } from './shell-session';
import { ADMINS, CAPTURE_END, CAPTURE_START, CI_RUNNER_IP, DEPLOY_USER, HOSTS, type HostInfo, type Person } from './pools';
import type { Rng } from './prng';

const WORK: Record<string, readonly string[]> = {
  'web-01': ['sudo tail -n 200 /var/log/nginx/error.log', 'sudo systemctl status nginx', 'df -h', 'sudo nginx -t', 'uptime'],
  'app-01': ['sudo journalctl -u gunicorn --since -1h', 'sudo systemctl restart gunicorn', 'free -m', 'git -C /srv/app log -3 --oneline', 'sudo -u app /srv/app/venv/bin/python /srv/app/manage.py showmigrations'],
  'db-01': ['sudo -u postgres psql -c select count(*) from pg_stat_activity', 'sudo ls -lh /var/backups/pg', 'df -h /var/lib/postgresql', 'sudo -u postgres psql -c select pg_size_pretty(pg_database_size(\'appdb\'))'],
};

const BASTION_CHORES = ['uptime', 'w', 'ls -la', 'git -C ~/ops pull --ff-only', 'cat ~/ops/runbooks/deploy.md'];

/** Who usually works where; carol is the DBA. */
const TARGETS: Record<string, readonly HostInfo[]> = { alice: [HOSTS.web, HOSTS.app], bob: [HOSTS.app, HOSTS.web, HOSTS.db], carol: [HOSTS.db] };

function pickSome(rng: Rng, items: readonly string[], n: number): string[] {
  return Array.from({ length: n }, () => rng.pick(items));
}

function adminSession(log: CaseLog, rng: Rng, admin: Person, start: number): void {
  const target = rng.pick(TARGETS[admin.name]);
  const steps: Step[] = [...pickSome(rng, BASTION_CHORES, rng.int(1, 2)), { ssh: target, steps: pickSome(rng, WORK[target.name], rng.int(2, 5)) }];
  if (rng.chance(0.08)) {
    // A mistyped login name before the real one; the bastion has password
    // auth off, so sshd never reaches a password prompt for it.
    const pid = log.pid(HOSTS.bastion, start - 20 * SECOND);
    const port = rng.int(50000, 60999);
    log.line(HOSTS.bastion, start - 20 * SECOND, 'sshd', pid, `Invalid user ${admin.typo} from ${admin.officeIp} port ${port}`);
    log.line(HOSTS.bastion, start - 19 * SECOND, 'sshd', pid, `Connection closed by invalid user ${admin.typo} ${admin.officeIp} port ${port} [preauth]`);
  }
  runSession(log, rng, {
    host: HOSTS.bastion,
    start,
    home: `/home/${admin.name}`,
    typoRate: 0.1,
    login: { user: admin.name, uid: admin.uid, peer: { ip: admin.officeIp, port: rng.int(50000, 60999) }, method: 'publickey', fingerprint: admin.keyFingerprint },
    steps,
  });
}

function ciDeploy(log: CaseLog, rng: Rng, start: number): void {
  runSession(log, rng, {
    host: HOSTS.web,
    start,
    home: '/home/deploy',
    login: { user: DEPLOY_USER.name, uid: DEPLOY_USER.uid, peer: { ip: CI_RUNNER_IP, port: rng.int(40000, 60999) }, method: 'publickey', fingerprint: 'SHA256:Ci7dEpL0yK3yR9sW2xV5bN8mQ1aZ4cF6hJ0kT3uG7iO' },
    steps: ['rsync --server -logDtprze.iLsfxCIvu --delete . /srv/www/releases/current', 'sudo systemctl reload nginx'],
  });
}

export function generatePeopleNoise(log: CaseLog, rng: Rng): void {
  for (const day of daysBetween(CAPTURE_START, CAPTURE_END)) {
    const weekend = isWeekend(day);
    for (const admin of ADMINS) {
      // Weekends see the odd check-in; weekdays a handful of sessions between 08:30 and 18:00.
      const sessions = weekend ? (rng.chance(0.3) ? 1 : 0) : rng.int(2, 5);
      for (let i = 0; i < sessions; i++) {
        const start = day + 8 * HOUR + 30 * MINUTE + rng.int(0, 9 * 60) * MINUTE + rng.int(0, 59) * SECOND;
        // Monday's capture stops mid-morning; the triage session is scripted in the story.
        if (start < at('2026-03-16T08:40:00Z')) adminSession(log, rng, admin, start);
      }
    }
  }
  ciDeploy(log, rng, at('2026-03-12T14:10:07Z'));
  ciDeploy(log, rng, at('2026-03-13T16:42:31Z'));
}
