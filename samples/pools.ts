/**
 * Who and what lives in the sample environment: a small company with a public
 * web server, an app server, a database and a bastion. External services use
 * the RFC 5737 documentation ranges so the sample never points at a real third
 * party; only the attacker sits in a well-known Tor exit range, because that is
 * what an analyst would recognise.
 */
import { at } from './clock';

export interface HostInfo {
  readonly name: string;
  readonly ip: string;
  /** pids of long-running daemons, fixed for the whole capture */
  readonly sshdPid: number;
  readonly logindPid: number;
  readonly cronPid: number;
}

export const HOSTS = {
  web: { name: 'web-01', ip: '10.0.1.10', sshdPid: 712, logindPid: 603, cronPid: 598 },
  app: { name: 'app-01', ip: '10.0.2.20', sshdPid: 704, logindPid: 611, cronPid: 590 },
  db: { name: 'db-01', ip: '10.0.3.30', sshdPid: 698, logindPid: 597, cronPid: 585 },
  bastion: { name: 'bastion-01', ip: '10.0.0.5', sshdPid: 688, logindPid: 580, cronPid: 577 },
} as const satisfies Record<string, HostInfo>;

export const ALL_HOSTS: readonly HostInfo[] = [HOSTS.web, HOSTS.app, HOSTS.db, HOSTS.bastion];

/** Internal helpers that touch every host. */
export const MONITOR_IP = '10.0.0.9';
export const CI_RUNNER_IP = '10.0.0.12';

export interface Person {
  readonly name: string;
  readonly uid: number;
  readonly officeIp: string;
  /** what a typo of the login name looks like, for the odd failed login */
  readonly typo: string;
  readonly keyFingerprint: string;
}

export const ADMINS: readonly Person[] = [
  { name: 'alice', uid: 1000, officeIp: '198.51.100.23', typo: 'alcie', keyFingerprint: 'SHA256:q3Yv0m7xG1kPzR8bWc2nJ5uT4eLd9sHfA6iKoV0pXyE' },
  { name: 'bob', uid: 1001, officeIp: '198.51.100.41', typo: 'bbo', keyFingerprint: 'SHA256:Zt8Nw2LqE5rYc7UxM1vBk4jH9gF3dS6aP0oIuT2yRe8' },
  { name: 'carol', uid: 1002, officeIp: '198.51.100.77', typo: 'caorl', keyFingerprint: 'SHA256:mK4pL7nQ2wE9rT5yU8iO1aS3dF6gH0jZxC2vB7nM4qW' },
];

export const DEPLOY_USER = { name: 'deploy', uid: 1010 } as const;
export const APP_USER = { name: 'app', uid: 998 } as const;
export const POSTGRES_USER = { name: 'postgres', uid: 113 } as const;

/** Benign external endpoints (documentation ranges). */
export const EXTERNAL = {
  debMirror: { ip: '192.0.2.80', domain: 'deb.debian.org', port: 80 },
  acme: { ip: '192.0.2.44', domain: 'acme-v02.api.letsencrypt.org', port: 443 },
  backupBucket: { ip: '192.0.2.150', domain: 'backups-acme.s3.eu-west-1.amazonaws.com', port: 443 },
} as const;

/** The capture: quiet days before the attack, the weekend it happens, Monday's discovery. */
export const CAPTURE_START = at('2026-03-12T00:00:00Z');
export const CAPTURE_END = at('2026-03-16T10:30:00Z');

/** Login names a brute-force wordlist walks through. */
export const WORDLIST_USERS: readonly string[] = [
  'root', 'admin', 'ubuntu', 'test', 'user', 'oracle', 'postgres', 'git', 'ftpuser', 'guest',
  'pi', 'support', 'debian', 'centos', 'ec2-user', 'jenkins', 'hadoop', 'minecraft', 'steam', 'mysql',
  'www', 'web', 'dev', 'developer', 'administrator', 'ansible', 'docker', 'elastic', 'nagios', 'zabbix',
  'tomcat', 'ts3', 'odoo', 'sysadmin', 'backup', 'student', 'server', 'vagrant', 'demo', 'operator',
];

/** Accounts that really exist on web-01: sshd logs these as "for X", not "for invalid user X". */
export const WEB_LOCAL_USERS: ReadonlySet<string> = new Set(['root', 'deploy', 'postgres', 'backup', 'www']);

/** A public address that is not private, loopback, documentation or multicast, for background scanners. */
export function isReservedFirstOctet(o: number): boolean {
  return o === 0 || o === 10 || o === 127 || o >= 224 || o === 169 || o === 172 || o === 192 || o === 198 || o === 203 || o === 100;
}
