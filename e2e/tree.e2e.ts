/**
 * The Process tree tab in web mode: the sample case (web-01's miner under the
 * attacker's root shell) and PanacheSysmon_vs_AtomicRedTeam01.evtx (511
 * processes, depth 4), imported with the CLI before serving; then the PPID
 * spoofing recording and a Security 4688 one (a UAC elevation, a process SYSTEM
 * made for python) uploaded into that case. Screenshots go to e2e/artifacts/.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusRoot } from '../engine/testing/node/corpus';
import { apiCall } from './api';
import { ARTIFACTS, launchChromium, ROOT, startApp, type RunningApp } from './web-app';

let browser: Browser;
beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openTree(app: RunningApp): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(app.url);
  await page.getByTestId('view-tab-tree').click();
  await page.getByTestId('tree-node').first().waitFor({ timeout: 60_000 });
  return page;
}

const counts = (page: Page) => page.getByTestId('tree-counts').innerText();
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
/** The visible rows, top to bottom, as "depth pid image". */
async function rowsOf(page: Page): Promise<string[]> {
  return page.getByTestId('tree-node').evaluateAll((els) =>
    els
      .map((e) => ({ top: e.getBoundingClientRect().top, text: `${e.getAttribute('data-depth')} ${e.getAttribute('data-pid')} ${e.getAttribute('data-image')}` }))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.text),
  );
}

describe('process tree on the sample case', () => {
  let app: RunningApp;
  let page: Page;
  beforeAll(async () => {
    app = await startApp();
    page = await openTree(app);
  });
  afterAll(async () => {
    await page?.close();
    await app?.stop();
  });

  it('opens on web-01, the host with most processes, with the counts the host reports', async () => {
    const forest = await apiCall(app.url, 'views.processTree', { host: 'web-01' });
    expect(await page.getByTestId('tree-host-select').inputValue()).toBe('web-01');
    await expect.poll(() => counts(page)).toContain(`${forest.processCount} processes · ${forest.nodeCount} nodes · depth ${forest.maxDepth}`);
  });

  it('shows the miner under the attacker\'s root shell, with its signals, and jumps to its event', async () => {
    await page.getByTestId('tree-filter').fill('xmrig');
    // The filter also keeps every cron job that runs `pgrep -x xmrig`; the hand-started miner comes first.
    await expect.poll(() => page.locator('[data-testid="tree-node"][data-image="/tmp/xmrig"]').count()).toBeGreaterThan(0);
    const rows = await rowsOf(page);
    const miner = rows.findIndex((r) => r.endsWith('/tmp/xmrig'));
    // sshd (not seen starting) → -bash (deploy) → sudo → bash (root) → xmrig
    // Its ancestors: for each level above it, the nearest row before it at that level.
    const lineage = [rows[miner]];
    for (let i = miner - 1; i >= 0 && lineage.length < 5; i--) if (Number(rows[i].split(' ')[0]) === 4 - lineage.length) lineage.unshift(rows[i]);
    expect(lineage.map((r) => r.replace(/ \d+ /, ' '))).toEqual(['0 /usr/sbin/sshd', '1 /bin/bash', '2 /usr/bin/sudo', '3 /bin/bash', '4 /tmp/xmrig']);
    const node = page.locator('[data-testid="tree-node"][data-image="/tmp/xmrig"]').first();
    expect(await node.getByTestId('tree-signal').count()).toBe(1);
    await node.click();
    await expect.poll(() => page.getByTestId('tree-detail-cmd').innerText()).toContain('/tmp/xmrig -o pool.minexmr.com:443');
    await shot(page, 'tree-01-sample-miner');
    await page.getByTestId('tree-jump').click();
    await expect.poll(() => page.getByTestId('event-total').first().innerText()).toMatch(/^\D*1\D*$/);
    await expect.poll(() => page.getByTestId('search-input').inputValue()).toMatch(/^event\.id:\d+$/);
    await shot(page, 'tree-02-jumped-to-event');
  });
});

const root = corpusRoot();
describe.skipIf(!root)('process tree on PanacheSysmon_vs_AtomicRedTeam01.evtx', () => {
  let app: RunningApp;
  let page: Page;
  beforeAll(async () => {
    const caseDir = await mkdtemp(join(tmpdir(), 'vestige-e2e-tree-'));
    const file = join(root!, 'EVTX-ATTACK-SAMPLES/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx');
    await promisify(execFile)(process.execPath, [join(ROOT, 'bin/vestige.mjs'), 'import', file, '--case', caseDir]);
    app = await startApp(['--case', caseDir]);
    page = await openTree(app);
  });
  afterAll(async () => {
    await page?.close();
    await app?.stop();
  });

  it('shows 511 processes, depth 4, under 4 parents never seen starting', async () => {
    await expect.poll(() => counts(page)).toContain('511 processes · 515 nodes · depth 4');
    expect(await page.getByTestId('tree-host-select').inputValue()).toBe('MSEDGEWIN10');
    await shot(page, 'tree-03-panache');
    await page.getByTestId('tree-collapse-all').click();
    await expect.poll(() => page.getByTestId('tree-node').count()).toBe(4);
    const forest = await apiCall(app.url, 'views.processTree', { host: 'MSEDGEWIN10' });
    await page.getByTestId('tree-node').first().getByTestId('tree-toggle').click();
    await expect.poll(() => page.getByTestId('tree-node').count()).toBe(4 + forest.roots[0].children.length);
    await page.getByTestId('tree-expand-all').click();
    await expect.poll(() => page.getByTestId('tree-node').count()).toBeGreaterThan(20);
    // The deepest chain, found through the contract, is drawn as one lineage five levels down.
    let deepest = { pid: 0, depth: -1 };
    const walk = (nodes: typeof forest.roots, depth: number): void =>
      nodes.forEach((n) => {
        if (depth > deepest.depth) deepest = { pid: n.pid!, depth };
        walk(n.children, depth + 1);
      });
    walk(forest.roots, 0);
    expect(deepest.depth).toBe(5); // a synthetic root, then the 4 links of the longest chain
    await page.getByTestId('tree-filter').fill(String(deepest.pid));
    await expect.poll(async () => (await rowsOf(page)).some((r) => r.startsWith(`5 ${deepest.pid} `))).toBe(true);
    const lineage = (await rowsOf(page)).map((r) => Number(r.split(' ')[0]));
    expect(lineage.slice(0, lineage.findIndex((d) => d === 5) + 1)).toEqual([0, 1, 2, 3, 4, 5]);
    await shot(page, 'tree-03b-panache-deepest');
    await page.getByTestId('tree-filter').fill('');
  });

  it('flags the spoofed parent once the PPID spoofing recording is added', async () => {
    const file = join(root!, 'EVTX-ATTACK-SAMPLES/Defense Evasion/sysmon_10_1_ppid_spoofing.evtx');
    await apiCall(app.url, 'import.upload', 'sysmon_10_1_ppid_spoofing.evtx', new Uint8Array(await readFile(file)));
    await page.reload();
    await page.getByTestId('view-tab-tree').click();
    await page.getByTestId('tree-flagged-only').check({ force: true });
    await expect.poll(() => page.getByTestId('tree-spoofed').count(), { timeout: 30_000 }).toBe(1);
    const spoofed = page.locator('[data-testid="tree-node"]', { has: page.getByTestId('tree-spoofed') });
    expect(await spoofed.getAttribute('data-image')).toBe('C:\\Windows\\System32\\cmd.exe');
    expect(await spoofed.getAttribute('data-pid')).toBe('7708');
    await spoofed.click();
    await expect.poll(() => page.getByTestId('tree-detail-spoof').innerText()).toContain('powershell.exe');
    await shot(page, 'tree-04-spoofed-parent');
  });

  it('checks Security 4688 creators: a UAC elevation and a process SYSTEM made for python, with the fields that disagree', async () => {
    const file = join(root!, 'EVTX-ATTACK-SAMPLES/Privilege Escalation/security_4624_4673_token_manip.evtx');
    await apiCall(app.url, 'import.upload', 'security_4624_4673_token_manip.evtx', new Uint8Array(await readFile(file)));
    await page.reload();
    await page.getByTestId('view-tab-tree').click();
    await page.getByTestId('tree-host-select').selectOption('IEWIN7');
    await page.getByTestId('tree-flagged-only').check({ force: true });
    // The previous host's spoofed cmd.exe may still be drawn for a moment: wait for IEWIN7's rows.
    const elevated = page.locator('[data-testid="tree-node"]', { has: page.getByTestId('tree-elevated') });
    await expect.poll(() => elevated.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-pid')} ${r.getAttribute('data-image')}`)), { timeout: 30_000 }).toEqual(['1456 C:\\Windows\\System32\\wusa.exe']);
    const spoofed = page.locator('[data-testid="tree-node"]', { has: page.getByTestId('tree-spoofed') });
    await expect.poll(() => spoofed.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-pid')} ${r.getAttribute('data-image')}`))).toEqual(['3188 C:\\Windows\\System32\\cmd.exe']);
    await spoofed.click();
    const detail = page.getByTestId('tree-detail-spoof');
    await expect.poll(() => detail.getAttribute('data-reason')).toBe('creator-logon-mismatch');
    expect(await page.getByTestId('tree-detail-spoof-fields').innerText()).toContain('SubjectLogonId is 0x3e7, expected 0x13765');
    expect(await detail.innerText()).toContain('Creating account: WORKGROUP\\IEWIN7$ (logon 0x3e7)');
    await shot(page, 'tree-05-4688-creator-logon');
  });
});
