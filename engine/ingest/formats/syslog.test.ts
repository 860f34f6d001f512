import { describe, expect, it } from 'vitest';
import { parseOne } from '../run-lines';
import { isReject, type ParseResult } from '../format';
import { syslogFormat } from './syslog';

const ctx = (ref: string) => ({ sourceName: 'auth.log', referenceTime: new Date(ref) });
const ok = (r: ParseResult | null) => {
  if (!r || isReject(r)) throw new Error(`expected a row, got ${JSON.stringify(r)}`);
  return r;
};

describe('syslog', () => {
  it('parses an sshd failure with ECS fields and keeps the original in raw', () => {
    const p = syslogFormat.create(ctx('2026-03-20T00:00:00Z'));
    const r = ok(parseOne(p, 'Mar 14 03:12:45 web-01 sshd[2211]: Failed password for invalid user admin from 185.220.101.47 port 51234 ssh2', 1));
    expect(r).toMatchObject({
      '@timestamp': '2026-03-14T03:12:45.000Z',
      'event.dataset': 'linux.auth',
      'event.action': 'ssh_login',
      'event.outcome': 'failure',
      'host.name': 'web-01',
      'process.name': 'sshd',
      'process.pid': 2211,
      'user.name': 'admin',
      'source.ip': '185.220.101.47',
      'source.port': 51234,
    });
    expect(JSON.parse(String(r.raw))).toMatchObject({ program: 'sshd', year_inferred: 2026, sshd: { method: 'password', invalid_user: true } });
  });

  it('infers the year from the reference time and rolls over at New Year', () => {
    const p = syslogFormat.create(ctx('2026-01-02T10:00:00Z'));
    expect(ok(parseOne(p, 'Dec 31 23:59:58 h CRON[1]: x', 1))['@timestamp']).toBe('2025-12-31T23:59:58.000Z');
    expect(ok(parseOne(p, 'Jan  1 00:00:03 h CRON[1]: y', 2))['@timestamp']).toBe('2026-01-01T00:00:03.000Z');
  });

  it('parses sudo with target user and command', () => {
    const p = syslogFormat.create(ctx('2026-03-20T00:00:00Z'));
    const r = ok(parseOne(p, 'Mar 14 03:13:00 web-01 sudo:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/bin/bash', 1));
    expect(r).toMatchObject({ 'event.action': 'sudo', 'user.name': 'deploy', 'event.outcome': 'success' });
    expect(JSON.parse(String(r.raw)).sudo).toMatchObject({ target_user: 'root', command: '/bin/bash' });
  });

  it('parses RFC 5424 with its zone', () => {
    const p = syslogFormat.create(ctx('2026-03-20T00:00:00Z'));
    const r = ok(parseOne(p, '<34>1 2026-03-14T05:00:00.123+02:00 mymachine su 77 ID47 - \'su root\' failed for lonvick on /dev/pts/8', 1));
    expect(r).toMatchObject({ '@timestamp': '2026-03-14T03:00:00.123Z', 'event.timezone': '+02:00', 'host.name': 'mymachine', 'process.name': 'su', 'process.pid': 77 });
  });

  it('rejects a line that is not syslog, with a reason', () => {
    const p = syslogFormat.create(ctx('2026-03-20T00:00:00Z'));
    expect(parseOne(p, 'hello world', 1)).toEqual({ reject: 'not a syslog line (no RFC 3164 or RFC 5424 header)' });
  });

  it('sniffs syslog and not JSON', () => {
    expect(syslogFormat.sniff(['Mar 14 03:12:45 web-01 sshd[2211]: hi'])).toBeGreaterThan(0.5);
    expect(syslogFormat.sniff(['{"a":1}'])).toBe(0);
  });
});
