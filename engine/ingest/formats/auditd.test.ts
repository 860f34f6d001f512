import { describe, expect, it } from 'vitest';
import { isReject, type ParseResult } from '../format';
import { parseLines } from '../run-lines';
import { auditdFormat } from './auditd';
import { fixtureLines } from './node/fixture-lines';

const ctx = { sourceName: 'audit.log', referenceTime: new Date('2026-03-20T00:00:00Z') };
const rows = () => parseLines(auditdFormat.create(ctx), fixtureLines('auditd.log'));
const ok = (r: ParseResult) => {
  if (isReject(r)) throw new Error(`expected a row, got ${r.reject}`);
  return r;
};

describe('auditd', () => {
  it('joins the records of one serial into one event at the line of its first record, and rejects stray lines', () => {
    const out = rows();
    expect(out.map((o) => [o.line, isReject(o.result) ? 'reject' : o.result['event.action']])).toEqual([
      [1, 'execve'],
      [8, 'openat'],
      [13, 'user_login'],
      [17, 'reject'],
      [14, 'connect'],
    ]);
    expect(out[3].result).toEqual({ reject: 'not an audit record (expected "type=… msg=audit(time:serial):")' });
  });

  it('maps an execve event: decoded hex arguments, process, parent, file, outcome, every record in raw', () => {
    const r = ok(rows()[0].result);
    expect(r).toMatchObject({
      '@timestamp': '2026-03-14T03:20:11.243Z',
      'event.dataset': 'linux.auditd',
      'event.category': 'process',
      'event.outcome': 'success',
      'process.pid': 2290,
      'process.parent.pid': 2211,
      'process.name': 'cat',
      'process.executable': '/usr/bin/cat',
      'process.command_line': 'cat /tmp/a b -n',
      'file.path': '/usr/bin/cat',
      'user.name': '1000',
      'host.name': null,
    });
    const raw = JSON.parse(String(r.raw));
    expect(raw.records.map((x: { type: string }) => x.type)).toEqual(['SYSCALL', 'EXECVE', 'CWD', 'PATH', 'PATH', 'PROCTITLE', 'EOE']);
    expect(raw.records[1]).toEqual({ type: 'EXECVE', audit: '1773458411.243:24287', argc: '3', a0: 'cat', a1: '2F746D702F612062', a2: '-n' });
  });

  it('reads the enriched form with a node prefix: names from AUID, relative PATH joined to CWD, failure', () => {
    const r = ok(rows()[1].result);
    expect(r).toMatchObject({
      'host.name': 'web-01',
      'user.name': 'alice',
      'event.category': 'file',
      'event.outcome': 'failure',
      'file.path': '/etc/shadow',
      'process.command_line': 'less shadow',
    });
    expect(JSON.parse(String(r.raw)).records[0]).toMatchObject({ node: 'web-01', SYSCALL: 'openat', AUID: 'alice', key: 'shadow' });
  });

  it('reads a USER_LOGIN with its nested msg: account, address, result', () => {
    const r = ok(rows()[2].result);
    expect(JSON.parse(String(r.raw)).records[0]).toEqual({
      type: 'USER_LOGIN', audit: '1773458500.000:610', pid: '1200', uid: '0', auid: '4294967295', ses: '4294967295', subj: 'unconfined',
      msg: { op: 'login', acct: 'root', exe: '/usr/sbin/sshd', hostname: '?', addr: '185.220.101.47', terminal: 'sshd', res: 'failed' },
    });
    expect(r).toMatchObject({
      'event.category': 'authentication',
      'event.outcome': 'failure',
      'user.name': 'root',
      'source.ip': '185.220.101.47',
      'process.executable': '/usr/sbin/sshd',
      'process.pid': 1200,
    });
  });

  it('decodes the peer of a connect from SOCKADDR and falls back to uid when auid is unset', () => {
    expect(ok(rows()[4].result)).toMatchObject({
      'event.category': 'network',
      'destination.ip': '192.168.0.1',
      'destination.port': 80,
      'user.name': '33',
      'process.command_line': 'curl http://192.168.0.1',
      '@timestamp': '2026-03-14T03:23:20.500Z',
    });
  });

  it('hex-decodes untrusted strings written unquoted (comm, the cmd of a nested msg)', () => {
    const p = auditdFormat.create(ctx);
    const lines = [
      'type=SYSCALL msg=audit(1773458700.000:800): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=1234 auid=1000 uid=1000 comm=6D7920736372697074 exe="/tmp/my script"',
      `type=USER_CMD msg=audit(1773458701.000:801): pid=1200 uid=1000 auid=1000 ses=2 msg='cwd="/home/a" cmd=6C73202D6C61 exe="/usr/bin/sudo" terminal=pts/0 res=success'`,
    ];
    const [a, b] = parseLines(p, lines).map((o) => ok(o.result));
    expect(a).toMatchObject({ 'process.name': 'my script', 'process.pid': 1234, 'process.executable': '/tmp/my script' });
    expect(b).toMatchObject({ 'process.command_line': 'ls -la', 'process.pid': 1200, 'event.category': 'process', 'event.outcome': 'success', 'user.name': '1000' });
  });

  it('emits one event per serial even without EOE, and flushes at the end', () => {
    const p = auditdFormat.create(ctx);
    const lines = ['type=SYSCALL msg=audit(1.000:1): syscall=59 success=yes', 'type=CWD msg=audit(1.000:1): cwd="/"', 'type=SYSCALL msg=audit(1.000:2): syscall=59 success=no'];
    expect(parseLines(p, lines).map((o) => o.line)).toEqual([1, 3]);
  });
});
