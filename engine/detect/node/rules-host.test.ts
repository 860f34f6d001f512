/**
 * The rules and triage channels through the real host service, and
 * `vestige rules check` through the CLI's `main`, on a temp case and a temp
 * rule folder holding a good rule, a refused Sigma rule and a refused
 * stateful rule.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCase } from '../../case/node/case-store';
import { main } from '../../cli/node/main';
import { validateArgs } from '../../host/contract';
import { createHostService } from '../../host/node/host-service';
import type { HostService } from '../../host/service';

let caseDir: string;
let rulesDir: string;
let host: HostService;

const GOOD = `title: Root SSH Login
id: 11111111-1111-4111-8111-111111111111
status: test
level: high
tags: [attack.initial-access, attack.t1078]
logsource: {product: linux, service: auth}
detection:
    sel: {event.action: ssh_login, user.name: root}
    condition: sel
`;
const WEB_RULE = GOOD.replace(/1111/g, '3333').replace('Root SSH Login', 'Web thing').replace('{product: linux, service: auth}', '{category: webserver}').replace('event.action: ssh_login, user.name: root', 'cs-method: TRACE');
const BAD_SIGMA = `title: Broken
id: 22222222-2222-4222-8222-222222222222
logsource: {product: linux, service: auth}
detection:
    sel: {user.name|nosuchmod: root}
    condition: sel
`;
const BAD_STATEFUL = `title: Broken new value
id: 44444444-4444-4444-8444-444444444444
type: new_value
logsource: {product: linux, service: auth}
detection:
    sel: {event.action: ssh_login}
    condition: sel
fields: [source.ip]
learning_period: forever
`;

beforeAll(async () => {
  rulesDir = await mkdtemp(join(tmpdir(), 'vestige-rules-'));
  for (const d of ['linux', 'web', 'broken']) await mkdir(join(rulesDir, d));
  await writeFile(join(rulesDir, 'linux/root_login.yml'), GOOD);
  await writeFile(join(rulesDir, 'web/web_trace.yml'), WEB_RULE);
  await writeFile(join(rulesDir, 'broken/bad_sigma.yml'), BAD_SIGMA);
  await writeFile(join(rulesDir, 'broken/bad_new_value.yml'), BAD_STATEFUL);
  caseDir = await mkdtemp(join(tmpdir(), 'vestige-rules-case-'));
  const c = await openCase(caseDir);
  for (const [id, user] of [[1, 'root'], [2, 'alice'], [3, 'root']] as const) {
    await c.port.exec(
      `INSERT INTO events_raw ("event.id", "@timestamp", "event.dataset", "event.action", "event.outcome", "user.name", "host.name", raw)
       VALUES (?, TIMESTAMP '2026-03-14 03:00:00' + INTERVAL (?) MINUTE, 'linux.auth', 'ssh_login', 'success', ?, 'web-01', '{}')`,
      [id, id, user],
    );
  }
  await c.close();
  host = await createHostService({ casePath: caseDir, rulePaths: [rulesDir] });
});
afterAll(() => host?.close());

describe('rules and triage channels', () => {
  it('validates arguments on arrival', () => {
    expect(validateArgs('signals.setStatus', ['x', 'archived', ''])).toMatch(/needs a reason/);
    expect(validateArgs('signals.setStatus', ['x', 'closed', null])).toMatch(/status must be/);
    expect(validateArgs('signals.setStatus', ['x', 'under_review', null])).toBeNull();
    expect(validateArgs('suppressions.add', [{ query: '', reason: 'x' }])).toMatch(/query/);
    expect(validateArgs('suppressions.add', [{ query: 'user.name:root', reason: 'x', expiresAt: 'soon' }])).toMatch(/expiresAt/);
    expect(validateArgs('rules.setEnabled', [{ path: '/etc' }, false])).toMatch(/unknown selector key path/);
    expect(validateArgs('rules.setEnabled', [{ folder: 'linux' }, 'no'])).toMatch(/boolean/);
  });

  it('lists rules with SQL, coverage and refusals, and toggles them', async () => {
    const rules = await host.handle('rules.list', []);
    const byTitle = Object.fromEntries(rules.map((r) => [r.title, r]));
    expect(byTitle['Root SSH Login']).toMatchObject({ folder: 'linux', type: 'sigma', enabled: true, eventsInScope: 3, canFire: true, error: null });
    expect(byTitle['Root SSH Login'].sql[0].params).toContain('root');
    expect(byTitle['Web thing']).toMatchObject({ eventsInScope: 0, canFire: false });
    const refused = rules.filter((r) => r.type === 'refused');
    expect(refused.map((r) => [r.folder, r.line, r.error?.errorClass])).toEqual([['broken', 9, 'schema'], ['broken', 5, 'modifier']]);
    expect(await host.handle('rules.setEnabled', [{ folder: 'linux' }, false])).toEqual({ toggles: 1 });
    expect((await host.handle('rules.list', [])).find((r) => r.title === 'Root SSH Login')!.enabled).toBe(false);
  });

  it('detection honours toggles; triage and suppressions persist', async () => {
    await host.handle('detect.run', []);
    expect(await host.handle('signals.list', [])).toEqual([]);
    await host.handle('rules.setEnabled', [{ ruleId: '11111111-1111-4111-8111-111111111111' }, true]);
    await host.handle('detect.run', []);
    const [s] = await host.handle('signals.list', []);
    expect(s.eventIds).toEqual([1, 3]);
    await host.handle('signals.setStatus', [s.id, 'archived', 'admin break-glass']);
    const sup = await host.handle('suppressions.add', [{ query: 'user.name:root', reason: 'known', ruleId: null }]);
    expect(await host.handle('suppressions.list', [])).toEqual([sup]);
    await host.handle('detect.run', []);
    // Suppressed now, but archived: the triage record stays.
    expect((await host.handle('signals.list', [])).map((x) => [x.id, x.status, x.statusReason])).toEqual([[s.id, 'archived', 'admin break-glass']]);
    expect(await host.handle('suppressions.remove', [sup.id])).toEqual({ removed: true });
    await expect(host.handle('signals.setStatus', ['nope', 'open', null])).rejects.toThrow(/no signal nope/);
  });
});

describe('vestige rules check', () => {
  const run = async (args: string[]) => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    try {
      return { code: await main(args), out };
    } finally {
      spy.mockRestore();
    }
  };

  it('prints compiled, refused (class, file:line) and cannot-fire rules, and exits 1 on a refusal', async () => {
    const { code, out } = await run(['rules', 'check', rulesDir, '--case', caseDir]);
    expect(code).toBe(1);
    expect(out).toMatch(/refused +\S*broken\/bad_new_value\.yml:9 +schema: new_value rule 4444\S*: learning_period must look like 10m/);
    expect(out).toMatch(/refused +\S*broken\/bad_sigma\.yml:5 +modifier: /);
    expect(out).toMatch(/no-source \S*web\/web_trace\.yml:1 +sigma +Web thing +\(cannot fire here/);
    expect(out).toMatch(/compiled +\S*linux\/root_login\.yml:1 +sigma +Root SSH Login +\(3 events in scope\)/);
    expect(out.trim().split('\n').at(-1)).toBe('4 files, 4 rules: 1 compiled, 2 refused, 1 cannot fire in this case');
  });

  it('writes one JSON object per rule with --json', async () => {
    const { out } = await run(['rules', 'check', join(rulesDir, 'linux'), join(rulesDir, 'web'), '--json']);
    const rows = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => [r.title, r.verdict, r.eventsInScope])).toEqual([['Root SSH Login', 'compiled', null], ['Web thing', 'compiled', null]]);
  });
});
