/**
 * The attack timeline and the entity graph in web mode, driven in Debian's
 * Chromium: on the sample case (tactic and host lanes, a signal's events,
 * zoom, the graph around web-01 with its signals as nodes, expansion) and on a real DeepBlueCLI EVTX
 * uploaded into it. Screenshots go to e2e/artifacts/.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeId } from '../engine/views/graph/graph-shape';
import type { EntityType } from '../engine/views/graph/graph-types';
import { signalNodeId } from '../engine/views/graph/graph-signals';
import { corpusRoot } from '../engine/testing/node/corpus';
import { openCase } from '../engine/case/node/case-store';
import { fillGeneratedCase } from '../engine/views/timeline/node/generated-case';
import { apiCall } from './api';
import { ARTIFACTS, endSession, startApp, startSession, type RunningApp } from './web-app';

let app: RunningApp;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const lanes = () => page.locator('[data-testid="timeline-lane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
const nodeCount = async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-node-count'));
const canvasCount = async (attr: string) => Number(await page.getByTestId('graph-canvas').getAttribute(attr));

/** Where cytoscape drew a node, in page coordinates (read from the instance it registers on its container). */
async function nodeOnPage(id: string): Promise<{ x: number; y: number }> {
  const canvas = page.getByTestId('graph-canvas');
  const box = (await canvas.boundingBox())!;
  const p = await canvas.evaluate((el, nid) => {
    const cy = (el as unknown as { _cyreg: { cy: { getElementById(i: string): { renderedPosition(): { x: number; y: number } } } } })._cyreg.cy;
    return cy.getElementById(nid).renderedPosition();
  }, id);
  return { x: box.x + p.x, y: box.y + p.y };
}

beforeAll(async () => {
  ({ app, browser, page } = await startSession());
  await page.getByTestId('signal-row').first().waitFor({ timeout: 60_000 });
});

afterAll(() => endSession({ app, browser }));

describe('attack timeline on the sample case', () => {
  it('draws tactic lanes with the brute-force signal in Credential Access', async () => {
    await page.getByTestId('view-tab-timeline').click();
    await expect.poll(lanes, { timeout: 30_000 }).toEqual(expect.arrayContaining(['Credential Access', 'Execution', 'Persistence']));
    const brute = (await apiCall(app.url, 'signals.list')).find((s) => s.ruleTitle === 'SSH Brute Force From One Source')!;
    const bar = page.locator(`[data-testid="timeline-lane"][data-lane="Credential Access"] [data-testid="timeline-signal"][data-signal-id="${brute.id}"]`);
    await expect.poll(() => bar.count()).toBe(1);
    // Density is drawn: the lane's path has bars.
    expect(await page.locator('[data-lane="Credential Access"] [data-testid="timeline-density"]').getAttribute('d')).toMatch(/^M/);
    await shot('10-timeline-tactics');
    // Zooming in asks for finer bins.
    const before = Number(await page.getByTestId('timeline-chart').getAttribute('data-bin-ms'));
    const box = (await page.getByTestId('timeline-chart').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + 60);
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -400);
    await expect.poll(async () => Number(await page.getByTestId('timeline-chart').getAttribute('data-bin-ms')), { timeout: 10_000 }).toBeLessThan(before);
    await shot('11-timeline-zoomed');
    await page.getByTestId('timeline-reset').click();
    // A signal bar opens exactly its events in the explorer.
    await page.locator(`[data-lane="Credential Access"] [data-signal-id="${brute.id}"]`).click({ force: true });
    await expect.poll(() => page.getByTestId('signal-filter-chip').count()).toBe(1);
    await expect.poll(async () => Number((await page.getByTestId('event-total').innerText()).replace(/\D/g, ''))).toBe(brute.eventCount);
    await page.getByTestId('signal-filter-clear').click();
  });

  it('draws bookmarked events and annotated signals as marks, which open them', async () => {
    const brute = (await apiCall(app.url, 'signals.list')).find((s) => s.ruleTitle === 'SSH Brute Force From One Source')!;
    const event = String(brute.eventIds[0]);
    await apiCall(app.url, 'annotations.add', { target: 'event', targetId: event, kind: 'bookmark' });
    await apiCall(app.url, 'annotations.add', { target: 'signal', targetId: brute.id, kind: 'note', text: 'first wave <b>not html</b>' });
    await page.getByTestId('view-tab-explorer').click();
    await page.getByTestId('view-tab-timeline').click();
    await page.getByTestId('timeline-reset').click();
    const mark = page.locator(`[data-testid="timeline-mark"][data-target="event"][data-target-id="${event}"]`);
    await expect.poll(() => mark.count(), { timeout: 20_000 }).toBe(1);
    const note = page.locator(`[data-testid="timeline-mark"][data-target="signal"][data-target-id="${brute.id}"]`);
    expect(await note.locator('title').textContent()).toContain('note: first wave <b>not html</b>');
    await mark.dispatchEvent('click');
    await expect.poll(async () => Number((await page.getByTestId('event-total').innerText()).replace(/\D/g, ''))).toBe(1);
    await page.getByTestId('search-input').fill('');
    await page.getByTestId('search-input').press('Enter');
  });

  it('switches to host lanes and to local time', async () => {
    await page.getByTestId('view-tab-timeline').click();
    await page.getByTestId('timeline-lane-mode').selectOption('host');
    await expect.poll(lanes, { timeout: 30_000 }).toEqual(expect.arrayContaining(['web-01', 'app-01', 'db-01', 'bastion-01']));
    const data = await apiCall(app.url, 'views.timeline', { lane: 'host', width: 1200 });
    expect(data.bins.count.reduce((a, b) => a + b, 0)).toBe((await apiCall(app.url, 'case.info')).eventCount);
    await page.getByText('Local', { exact: true }).click();
    await shot('12-timeline-hosts');
  });
});

describe('entity graph on the sample case', () => {
  it('starts from the open signals: web-01 linked to 185.220.101.47 and to deploy', async () => {
    await page.getByTestId('view-tab-graph').click();
    await expect.poll(nodeCount, { timeout: 30_000 }).toBeGreaterThan(5);
    const g = await apiCall(app.url, 'views.graph', { limit: 300 });
    expect(await nodeCount()).toBe(g.nodes.length);
    const web = nodeId({ type: 'host', value: 'web-01' });
    const ends = g.edges.filter((e) => e.source === web || e.target === web).map((e) => (e.source === web ? e.target : e.source));
    expect(ends).toEqual(expect.arrayContaining(['ip:185.220.101.47', 'user:deploy']));
    expect(g.nodes.find((n) => n.id === 'ip:185.220.101.47')!.signals).toBeGreaterThan(0);
    await shot('13-graph-signals');
  });

  it('draws the signals as nodes linked to their entities; clicking one opens its events', async () => {
    const g = await apiCall(app.url, 'views.graph', { limit: 300 });
    const signals = await apiCall(app.url, 'signals.list');
    const brute = signals.find((s) => s.ruleTitle === 'SSH Brute Force From One Source')!;
    const sigNodes = g.nodes.filter((n) => n.type === 'signal');
    expect(sigNodes.map((n) => n.title).sort()).toEqual(signals.filter((s) => s.status === 'open').map((s) => s.ruleTitle).sort());
    const sigEdges = g.edges.filter((e) => e.kind === 'signal');
    const bruteEnds = sigEdges.filter((e) => e.source === signalNodeId(brute.id)).map((e) => e.target);
    expect(bruteEnds).toEqual(expect.arrayContaining(['host:web-01', 'ip:185.220.101.47', 'user:deploy']));
    await expect.poll(() => canvasCount('data-signal-node-count'), { timeout: 30_000 }).toBe(sigNodes.length);
    expect(await canvasCount('data-signal-edge-count')).toBe(sigEdges.length);
    await shot('13b-graph-signal-nodes');
    const at = await nodeOnPage(signalNodeId(brute.id));
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => page.getByTestId('graph-card').innerText()).toContain('SSH Brute Force From One Source');
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.getByTestId('signal-filter-chip').count()).toBe(1);
    await expect.poll(async () => Number((await page.getByTestId('event-total').innerText()).replace(/\D/g, ''))).toBe(brute.eventCount);
    await page.getByTestId('signal-filter-clear').click();
    await page.getByTestId('view-tab-graph').click();
    await expect.poll(nodeCount, { timeout: 30_000 }).toBe(g.nodes.length);
  });

  it('expanding a node grows the node count', async () => {
    const g = await apiCall(app.url, 'views.graph', { limit: 300 });
    const shown = new Set(g.nodes.map((n) => n.id));
    let pick: { type: EntityType; value: string } | null = null;
    for (const n of [...g.nodes].sort((a, b) => a.weight - b.weight)) {
      if (n.type === 'signal') continue;
      const ref = { type: n.type, value: n.value };
      const x = await apiCall(app.url, 'views.graphExpand', ref);
      if (x.nodes.some((m) => !shown.has(m.id))) {
        pick = ref;
        break;
      }
    }
    expect(pick).not.toBeNull();
    const before = await nodeCount();
    await page.getByTestId('graph-entity-type').selectOption(pick!.type);
    await page.getByTestId('graph-entity-value').fill(pick!.value);
    await page.getByTestId('graph-expand').click();
    await expect.poll(nodeCount, { timeout: 15_000 }).toBeGreaterThan(before);
    await shot('14-graph-expanded');
  });

  it('lays out more than 1,000 nodes (a generated case) and reports the time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vestige-e2e-generated-'));
    const c = await openCase(dir, { name: 'generated' });
    await fillGeneratedCase(c.port, 20_000);
    await c.close();
    const big = await startApp(['--case', dir]);
    const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await p.goto(big.url);
      await p.getByTestId('view-tab-graph').click();
      const count = async () => Number(await p.getByTestId('graph-canvas').getAttribute('data-node-count'));
      await expect.poll(count, { timeout: 60_000 }).toBeGreaterThan(10);
      await p.getByTestId('graph-limit').selectOption('1000');
      await expect.poll(count, { timeout: 60_000 }).toBeGreaterThan(300);
      // Grow past 1,000 by expanding hosts and users, then remount the tab for one fresh layout of everything.
      const targets = [...Array.from({ length: 20 }, (_, i) => ({ type: 'host', value: `host-${i}` })), ...Array.from({ length: 50 }, (_, i) => ({ type: 'user', value: `user-${i}` }))];
      for (const t of targets) {
        if ((await count()) >= 1000) break;
        const before = await count();
        await p.getByTestId('graph-entity-type').selectOption(t.type);
        await p.getByTestId('graph-entity-value').fill(t.value);
        await p.getByTestId('graph-expand').click();
        await expect.poll(count, { timeout: 20_000 }).toBeGreaterThanOrEqual(before);
      }
      expect(await count()).toBeGreaterThanOrEqual(1000);
      await p.getByTestId('view-tab-explorer').click();
      await p.getByTestId('view-tab-graph').click({ timeout: 60_000 });
      const canvas = p.getByTestId('graph-canvas');
      await expect.poll(async () => Number(await canvas.getAttribute('data-layout-ms')), { timeout: 60_000 }).toBeGreaterThan(0);
      console.log(`[graph] fresh layout of ${await canvas.getAttribute('data-node-count')} nodes, ${await canvas.getAttribute('data-edge-count')} edges: ${await canvas.getAttribute('data-layout-ms')} ms`);
      await p.screenshot({ path: join(ARTIFACTS, '15-graph-1000-nodes.png') });
    } finally {
      await p.close();
      await big.stop();
    }
  });
});

describe('real data: a DeepBlueCLI EVTX', () => {
  it('draws its host in the timeline and its entities in the graph', async (ctx) => {
    const root = corpusRoot();
    if (!root) return ctx.skip();
    const file = join(root, 'DeepBlueCLI/evtx/smb-password-guessing-security.evtx');
    const report = await apiCall(app.url, 'import.upload', 'smb-password-guessing-security.evtx', new Uint8Array(await readFile(file)));
    expect(report.sources[0].recordsStored).toBeGreaterThan(0);
    const t = await apiCall(app.url, 'views.timeline', { lane: 'host', width: 1200 });
    const newHosts = t.lanes.filter((l) => !['web-01', 'app-01', 'db-01', 'bastion-01'].includes(l));
    expect(newHosts.length).toBeGreaterThan(0);
    await page.reload();
    await page.getByTestId('view-tab-timeline').click();
    await page.getByTestId('timeline-lane-mode').selectOption('host');
    await expect.poll(lanes, { timeout: 30_000 }).toEqual(expect.arrayContaining([newHosts[0]]));
    await shot('16-timeline-evtx-hosts');
    await page.getByTestId('view-tab-graph').click();
    await page.getByTestId('graph-entity-type').selectOption('host');
    await page.getByTestId('graph-entity-value').fill(newHosts[0]);
    await page.getByTestId('graph-seed').click();
    const g = await apiCall(app.url, 'views.graph', { limit: 300, seeds: [{ type: 'host', value: newHosts[0] }] });
    expect(g.nodes.length).toBeGreaterThan(1);
    await expect.poll(nodeCount, { timeout: 30_000 }).toBe(g.nodes.length);
    await shot('17-graph-evtx-host');
  });
});
