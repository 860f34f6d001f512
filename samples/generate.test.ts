import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleCase, type SampleCase } from './generate';
import { ATTACKER_IP, BACKDOOR_KEY, POOLS } from './story-facts';

interface Doc {
  '@timestamp': string;
  event: { category: string[]; action: string };
  user: { name: string };
  host: { name: string };
  process?: { executable: string; command_line?: string; parent?: { executable: string } };
  file?: { path: string };
  destination?: { ip: string; port: number };
}

let dir: string;
let sample: SampleCase;

async function text(rel: string): Promise<string> {
  const bytes = await readFile(join(dir, rel));
  return rel.endsWith('.gz') ? new TextDecoder().decode(gunzipSync(bytes)) : bytes.toString('utf8');
}

async function docs(host: string): Promise<Doc[]> {
  return (await text(`${host}/endpoint-events.jsonl`)).trimEnd().split('\n').map((l) => JSON.parse(l) as Doc);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vestige-sample-'));
  sample = await generateSampleCase(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generateSampleCase', () => {
  it('is deterministic for a seed and changes with it', async () => {
    const again = await mkdtemp(join(tmpdir(), 'vestige-sample-'));
    const other = await mkdtemp(join(tmpdir(), 'vestige-sample-'));
    try {
      const second = await generateSampleCase(again);
      expect(second.files).toEqual(sample.files);
      const reseeded = await generateSampleCase(other, { seed: 7 });
      expect(reseeded.files.map((f) => f.sha256)).not.toEqual(sample.files.map((f) => f.sha256));
    } finally {
      await rm(again, { recursive: true, force: true });
      await rm(other, { recursive: true, force: true });
    }
  });

  it('writes four hosts of syslog and telemetry, one auth.log gzipped, at an app-friendly size', () => {
    const paths = sample.files.map((f) => f.path).sort();
    expect(paths).toContain('db-01/auth.log.gz');
    expect(paths.filter((p) => /\/auth\.log(\.gz)?$/.test(p))).toHaveLength(4);
    expect(paths.filter((p) => p.endsWith('/endpoint-events.jsonl'))).toHaveLength(4);
    const total = sample.files.reduce((n, f) => n + f.records, 0);
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThan(30_000);
  });

  it('writes yearless RFC 3164 lines and stamps each syslog file just after its last line', async () => {
    for (const f of sample.files.filter((x) => x.path.includes('auth.log'))) {
      const lines = (await text(f.path)).trimEnd().split('\n');
      expect(lines).toHaveLength(f.records);
      for (const l of lines) expect(l).toMatch(/^Mar [ 1-3]\d \d\d:\d\d:\d\d [a-z0-9-]+ [A-Za-z-]+(\[\d+\])?: /);
      const last = Date.parse(`2026 ${lines[lines.length - 1].slice(0, 15)} UTC`);
      const mtime = (await stat(join(dir, f.path))).mtimeMs;
      expect(mtime - last).toBeGreaterThan(0);
      expect(mtime - last).toBeLessThan(5 * 60_000);
    }
  });

  it('hides a brute force that ends in a password login for deploy', async () => {
    const auth = (await text('web-01/auth.log')).split('\n');
    const failed = auth.filter((l) => l.includes('Failed password') && l.includes(`from ${ATTACKER_IP} `));
    expect(failed.length).toBeGreaterThanOrEqual(300);
    const users = new Set(failed.map((l) => /for (?:invalid user )?(\S+) from/.exec(l)?.[1]));
    expect(users.size).toBeGreaterThanOrEqual(20);
    const accepted = auth.filter((l) => l.includes(`Accepted password for deploy from ${ATTACKER_IP} port`));
    expect(accepted).toHaveLength(1);
    expect(auth.indexOf(accepted[0])).toBeGreaterThan(auth.indexOf(failed[failed.length - 1]));
    expect(auth.some((l) => / sudo: +deploy : TTY=pts\/0 ; PWD=\/home\/deploy ; USER=root ; COMMAND=\/bin\/bash$/.test(l))).toBe(true);
    // The background scanners must stay well below the attacker, or a threshold could not tell them apart.
    const perIp = new Map<string, number>();
    for (const l of auth.filter((x) => x.includes('Failed password'))) {
      const ip = /from (\S+) port/.exec(l)?.[1] ?? '';
      perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
    }
    perIp.delete(ATTACKER_IP);
    expect(perIp.size).toBeGreaterThan(20);
    expect(Math.max(...perIp.values())).toBeLessThan(20);
  });

  it('records the miner download, execution, persistence and pool traffic in the telemetry', async () => {
    const web = await docs('web-01');
    const procs = web.filter((d) => d.event.category[0] === 'process');
    const curl = procs.find((d) => d.process?.command_line?.startsWith('curl ') && d.process.command_line.includes('-o /tmp/xmrig'));
    expect(curl?.user.name).toBe('root');
    const miner = procs.filter((d) => d.process?.executable === '/tmp/xmrig');
    expect(miner.length).toBe(2); // started by hand, later relaunched by cron
    expect(miner[0].process?.command_line).toContain('-o pool.minexmr.com:443');
    expect(miner[0].process?.parent?.executable).toBe('/bin/bash');
    expect(miner[1].process?.parent?.executable).toBe('/bin/sh');
    expect(procs.some((d) => d.process?.command_line === 'chmod +x /tmp/xmrig')).toBe(true);
    const keyWrite = procs.find((d) => d.process?.command_line?.includes('>> /root/.ssh/authorized_keys'));
    expect(keyWrite?.process?.command_line).toContain(BACKDOOR_KEY);
    const files = web.filter((d) => d.event.category[0] === 'file').map((d) => d.file?.path);
    expect(files).toEqual(expect.arrayContaining(['/tmp/xmrig', '/root/.ssh/authorized_keys', '/var/spool/cron/crontabs/root']));
    const pool = web.filter((d) => d.destination && ([POOLS.primary.ip, POOLS.fallback.ip] as string[]).includes(d.destination.ip));
    expect(pool.length).toBeGreaterThan(20);
    expect(new Set(pool.map((d) => d.destination?.port))).toEqual(new Set([443, 3333]));
  });

  it('keeps the story on web-01 and fills every host with benign work', async () => {
    for (const host of ['app-01', 'db-01', 'bastion-01']) {
      const all = await docs(host);
      expect(all.length).toBeGreaterThan(1000);
      expect(all.some((d) => d.process?.command_line?.includes('xmrig') || d.destination?.ip === POOLS.primary.ip)).toBe(false);
      const auth = await text(`${host}/${host === 'db-01' ? 'auth.log.gz' : 'auth.log'}`);
      expect(auth).toContain('CRON[');
      expect(auth).toContain('Accepted publickey for ');
      expect(auth).not.toContain(ATTACKER_IP);
    }
  });
});
