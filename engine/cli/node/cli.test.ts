/** The `vestige` command as a user runs it: the built bin, real files, stdout/stderr and exit codes. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../testing/node/corpus';

const run = promisify(execFile);
const BIN = join(REPO_ROOT, 'bin/vestige.mjs');

async function vestige(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { maxBuffer: 64 << 20 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

const AUTH = Array.from({ length: 30 }, (_, i) => `Mar 14 03:${String(10 + i).padStart(2, '0')}:00 web-01 sshd[9]: Failed password for root from 203.0.113.5 port ${4000 + i} ssh2`)
  .concat(['not a syslog line', 'Mar 14 03:45:00 web-01 sshd[9]: Accepted password for root from 203.0.113.5 port 5000 ssh2'])
  .join('\n') + '\n';

let dir: string;
let log: string;
beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist/cli.mjs'))) throw new Error('run "npm run build" before the CLI tests');
  dir = await mkdtemp(join(tmpdir(), 'vestige-cli-'));
  log = join(dir, 'auth.log');
  await writeFile(log, AUTH);
});

describe('vestige CLI', () => {
  it('import --json prints one JSON document with per-source accounting', async () => {
    const r = await vestige('import', log, '--case', join(dir, 'case'), '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.sources).toHaveLength(1);
    expect(doc.sources[0]).toMatchObject({ path: log, member: '', format: 'syslog', recordsRead: 32, recordsStored: 31, recordsRejected: 1 });
    expect(doc.sources[0].firstRejections[0]).toMatchObject({ line: 31, reason: 'not a syslog line (no RFC 3164 or RFC 5424 header)' });
    expect(doc.sources[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('query prints JSON lines', async () => {
    const r = await vestige('query', '--case', join(dir, 'case'), `SELECT "source.ip" AS ip, count(*) AS n FROM events GROUP BY 1`);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l))).toEqual([{ ip: '203.0.113.5', n: 31 }]);
  });

  it('hunt over files prints one signal per line, and CSV with formulas neutralised', async () => {
    const rules = join(dir, 'rules');
    await run('mkdir', ['-p', rules]);
    await writeFile(join(rules, 'root.yml'), `title: '=cmd|calc Root login'\nid: 3b0a4f55-7a7c-4d7e-9a57-3f6f9b2f3c11\nstatus: test\nlevel: high\ntags: [attack.initial-access, attack.t1078]\nlogsource: {product: linux, service: auth}\ndetection:\n  sel: {event.outcome: success, user.name: root}\n  condition: sel\n`);
    const j = await vestige('hunt', log, '--rules', rules, '--format', 'jsonl');
    expect(j.code).toBe(0);
    const lines = j.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ rule_id: '3b0a4f55-7a7c-4d7e-9a57-3f6f9b2f3c11', level: 'high', group: 'host.name=web-01', event_count: 1, tags: ['attack.initial-access', 'attack.t1078'] })]);
    const out = join(dir, 'signals.csv');
    const c = await vestige('hunt', log, '--rules', rules, '--format', 'csv', '--out', out);
    expect(c.code).toBe(0);
    const csv = (await readFile(out, 'utf8')).split('\n');
    expect(csv[0]).toBe('rule_id,title,level,tags,group,event_count,first_time,last_time,event_ids');
    expect(csv[1]).toContain(",'=cmd|calc Root login,high,");
  });

  it('fails with one line on stderr and a non-zero code', async () => {
    const missing = await vestige('import', join(dir, 'nope.log'), '--case', join(dir, 'case2'));
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).toMatch(/^vestige: .*nope\.log/);
    const usage = await vestige('import', log);
    expect(usage.code).toBe(2);
    expect(usage.err).toBe('vestige: import needs --case DIR (vestige help)\n');
    const bad = await vestige('frobnicate');
    expect(bad.code).toBe(2);
  });
});
