/** The built-in rule pack catches every step of the sample story, on the right host, and nothing else. */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSignals } from '../engine/case/node/case-queries';
import { openCase, type OpenCase } from '../engine/case/node/case-store';
import { importFiles } from '../engine/case/node/import-files';
import { loadRuleFiles } from '../engine/detect/node/load-rules';
import { runDetection } from '../engine/detect/run-detection';
import type { SignalInfo } from '../engine/host/contract';
import { builtinRulesDir } from '../engine/host/node/resources';
import { generateSampleCase } from './generate';

let c: OpenCase;
let signals: SignalInfo[];

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out.sort();
}

beforeAll(async () => {
  const src = await mkdtemp(join(tmpdir(), 'vestige-sample-'));
  await generateSampleCase(src);
  c = await openCase(await mkdtemp(join(tmpdir(), 'vestige-sample-case-')));
  const sources = await importFiles(c, await files(src));
  expect(sources.every((s) => s.recordsRejected === 0 && !s.error)).toBe(true);
  const r = await runDetection(c.port, await loadRuleFiles([builtinRulesDir()]));
  expect(r.errors).toEqual([]);
  signals = await listSignals(c.port);
});
afterAll(() => c?.close());

const find = (title: string) => signals.filter((s) => s.ruleTitle === title);

describe('sample case × built-in rules', () => {
  it('catches the brute force from the attacker, grouped by source, at high level', () => {
    const [s] = find('SSH Brute Force From One Source');
    expect(s).toMatchObject({ ruleType: 'threshold', level: 'high', groupKey: 'source.ip=185.220.101.47' });
    expect(s.eventCount).toBeGreaterThanOrEqual(300);
    expect(s.tactics).toEqual(['Credential Access']);
    expect(s.techniques).toEqual(['T1110.001']);
  });

  it('catches every later step on web-01, in story order', () => {
    const steps = [
      'SSH Password Login From A Public Address',
      'Sudo Privileges Listed',
      'Sudo To An Interactive Root Shell',
      'Download Into A Temporary Directory With Curl Or Wget',
      'File In A Temporary Directory Made Executable',
      'Cryptocurrency Miner Execution',
      'Command Line Writes To SSH Authorized Keys',
      'SSH Authorized Keys File Modified',
      'Crontab Installed From A Pipe',
      'Outbound Connection To A Typical Mining Pool Port',
    ];
    const firsts = steps.map((t) => {
      const got = find(t);
      expect(got, t).toHaveLength(1);
      expect(got[0].groupKey, t).toBe('host.name=web-01');
      return got[0].firstTime!;
    });
    expect([...firsts].sort()).toEqual(firsts);
  });

  it('raises nothing on the hosts the attacker never touched', () => {
    const elsewhere = signals.filter((s) => /host\.name=(app-01|db-01|bastion-01)/.test(s.groupKey));
    expect(elsewhere.map((s) => `${s.ruleTitle} ${s.groupKey}`)).toEqual([]);
  });

  it('does not duplicate signals when the rules run again', async () => {
    const before = signals.map((s) => s.id).sort();
    await runDetection(c.port, await loadRuleFiles([builtinRulesDir()]));
    expect((await listSignals(c.port)).map((s) => s.id).sort()).toEqual(before);
  });
});
