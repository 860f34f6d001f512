/**
 * The workbench in web mode, driven in Debian's Chromium: the sample case,
 * search, a signal and its events, import by drop and by picker, reload and
 * restart, and the server's refusals. Screenshots go to e2e/artifacts/.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB } from '../engine/host/wire';
import { apiCall, rawRequest } from './api';
import { ARTIFACTS, endSession, ROOT, startApp, startSession, type RunningApp } from './web-app';

let app: RunningApp;
let browser: Browser;
let page: Page;

const digits = async (testId: string) => Number((await page.getByTestId(testId).first().innerText()).replace(/\D/g, ''));
const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

async function waitTotal(pred: (n: number) => boolean, what: string): Promise<number> {
  let n = -1;
  for (let i = 0; i < 120; i++) {
    n = await digits('event-total').catch(() => -1);
    if (pred(n)) return n;
    await page.waitForTimeout(250);
  }
  throw new Error(`event total never became ${what} (last seen ${n})`);
}

beforeAll(async () => {
  ({ app, browser, page } = await startSession());
});

afterAll(() => endSession({ app, browser }));

describe('web mode on the sample case', () => {
  it('opens on the sample case with its sources, events and signals', async () => {
    const info = await apiCall(app.url, 'case.info');
    expect(info.sources.length).toBeGreaterThanOrEqual(8);
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 30_000 }).toBe(info.sources.length);
    await waitTotal((n) => n === info.eventCount, String(info.eventCount));
    const sourceText = await page.getByTestId('case-bar').innerText();
    expect(sourceText).toContain('auth.log');
    expect(sourceText).toContain('endpoint-events.jsonl');
    await expect.poll(() => page.getByTestId('signal-row').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('signal-row').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('SSH Brute Force')]));
    await expect.poll(() => page.getByTestId('histogram-bar').count()).toBeGreaterThan(5);
    await shot('01-sample-case');
  });

  it('searches', async () => {
    const all = await digits('event-total');
    await page.getByTestId('search-input').fill('"185.220.101.47"');
    await page.getByTestId('search-input').press('Enter');
    const n = await waitTotal((x) => x > 0 && x < all, 'smaller than the whole case');
    const expected = await apiCall(app.url, 'events.page', { search: '"185.220.101.47"', limit: 1 });
    expect(n).toBe(expected.total);
    await expect.poll(async () => (await page.getByTestId('event-row').first().innerText()).includes('185.220.101.47')).toBe(true);
    await shot('02-search');
    await page.getByTestId('search-input').fill('');
    await page.getByTestId('search-input').press('Enter');
    await waitTotal((x) => x === all, String(all));
  });

  it('shows UTC by default and can switch the display zone without touching the data', async () => {
    const first = async () => (await page.getByTestId('event-row').first().innerText()).match(/\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})/)?.[0];
    await expect.poll(first).toMatch(/Z$/);
    const utc = (await first())!;
    await page.getByTestId('zone-picker').selectOption('Asia/Tokyo');
    await expect.poll(first).toMatch(/\+09:00$/);
    expect(Date.parse((await first())!)).toBe(Date.parse(utc));
    await page.getByTestId('zone-picker').selectOption('UTC');
    await expect.poll(first).toBe(utc);
  });

  it('opens a signal and shows exactly its events', async () => {
    const signals = await apiCall(app.url, 'signals.list');
    const brute = signals.find((s) => s.ruleTitle.includes('SSH Brute Force'))!;
    expect(brute).toBeDefined();
    await page.locator(`[data-testid="signal-row"][data-signal-id="${brute.id}"]`).click();
    await expect.poll(() => page.getByTestId('signal-filter-chip').count()).toBe(1);
    await waitTotal((n) => n === brute.eventCount, String(brute.eventCount));
    await page.getByTestId('event-row').first().click();
    await expect.poll(async () => (await page.getByTestId('event-detail').innerText()).includes('185.220.101.47')).toBe(true);
    await shot('03-signal-events');
    await page.getByTestId('signal-filter-clear').click();
    await expect.poll(() => page.getByTestId('signal-filter-chip').count()).toBe(0);
  });

  it('imports a dropped file and a picked file, and the counts grow', async () => {
    const before = await apiCall(app.url, 'case.info');
    const dropped = 'Mar 20 10:00:01 kiosk-9 sshd[77]: Failed password for root from 203.0.113.9 port 4000 ssh2\n'.repeat(1)
      + 'Mar 20 10:00:02 kiosk-9 sshd[77]: Accepted password for root from 203.0.113.9 port 4001 ssh2\n';
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'kiosk-auth.log', { type: 'text/plain' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    }, dropped);
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 60_000 }).toBe(before.sources.length + 1);
    await waitTotal((n) => n === before.eventCount + 2, String(before.eventCount + 2));
    expect(await page.getByTestId('case-bar').innerText()).toContain('kiosk-auth.log');

    const fixture = join(ROOT, 'e2e/fixtures/picked-events.jsonl');
    const lines = (await readFile(fixture, 'utf8')).trim().split('\n').length;
    await page.getByTestId('import-input').setInputFiles(fixture);
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 60_000 }).toBe(before.sources.length + 2);
    await waitTotal((n) => n === before.eventCount + 2 + lines - 1, 'grown by the picked file');
    const after = await apiCall(app.url, 'case.info');
    const picked = after.sources.find((s) => s.name.endsWith('picked-events.jsonl'))!;
    expect(picked).toMatchObject({ recordsRead: lines, recordsStored: lines - 1, recordsRejected: 1 });
    await shot('04-imported');
  });

  it('corrects the clock of one source at query time from the source row', async () => {
    const info = await apiCall(app.url, 'case.info');
    const src = info.sources.find((x) => x.name.endsWith('kiosk-auth.log'))!;
    const firstTime = async () => {
      const p = await apiCall(app.url, 'events.page', { search: 'host:kiosk-9', limit: 1, order: 'asc' });
      const { tableFromIPC } = await import('apache-arrow');
      return Number(tableFromIPC(p.rows).getChild('@timestamp')!.get(0));
    };
    const before = await firstTime();
    const row = page.getByTestId('source-row').filter({ hasText: 'kiosk-auth.log' });
    await row.getByTestId('source-skew').click();
    await page.getByTestId('skew-input').fill('-3600');
    await page.getByTestId('skew-apply').click();
    await expect.poll(async () => (await apiCall(app.url, 'case.info')).sources.find((x) => x.id === src.id)!.skewMs).toBe(-3_600_000);
    expect(await firstTime()).toBe(before - 3_600_000);
    await expect.poll(() => row.getByTestId('source-skew').innerText()).toContain('-3600 s');
    await page.keyboard.press('Escape');
  });

  it('finds everything again after a reload and after restarting web mode', async () => {
    const info = await apiCall(app.url, 'case.info');
    const signals = await apiCall(app.url, 'signals.list');
    await page.reload();
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 30_000 }).toBe(info.sources.length);
    await waitTotal((n) => n === info.eventCount, String(info.eventCount));

    await app.stop();
    app = await startApp(['--case', info.path]);
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('source-row').count(), { timeout: 30_000 }).toBe(info.sources.length);
    await waitTotal((n) => n === info.eventCount, String(info.eventCount));
    const again = await apiCall(app.url, 'signals.list');
    expect(again.map((s) => s.id).sort()).toEqual(signals.map((s) => s.id).sort());
    await expect.poll(() => page.getByTestId('signal-row').count()).toBe(signals.length);
    await shot('05-restarted');
  });
});

describe('web mode refuses what is not its own page', () => {
  let other: Server;
  afterAll(() => new Promise<void>((ok) => (other ? other.close(() => ok()) : ok())));

  it('refuses a browser without the secret', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const r = await p.goto(app.origin + '/');
    expect(r!.status()).toBe(401);
    const api = await p.evaluate(async (path) => (await fetch(path, { method: 'POST', body: '[]' })).status, WEB.callPath + 'case.info');
    expect(api).toBe(401);
    await ctx.close();
  });

  it('refuses calls from another origin, and DNS-rebound Host names', async () => {
    // A page on another local origin tries to reach the API with the user's cookie.
    other = createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', () => ok()));
    const otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}/`;
    const p = await browser.newPage();
    await p.goto(app.url); // the user has a session cookie
    await p.goto(otherUrl);
    const outcome = await p.evaluate(async ([target, type]) => {
      try {
        const r = await fetch(target, { method: 'POST', credentials: 'include', headers: { 'content-type': type }, body: new Uint8Array([0, 0, 0, 0]) });
        return `status ${r.status}`;
      } catch (e) {
        return `blocked: ${(e as Error).name}`;
      }
    }, [`${app.origin}${WEB.callPath}case.info`, WEB.contentType] as const);
    expect(outcome).toMatch(/^blocked|^status 403$/);
    await p.close();
    const token = new URL(app.url).searchParams.get('token')!;
    const cookie = `${WEB.cookie}=${token}`;
    const port = new URL(app.origin).port;
    const foreign = await rawRequest(`${app.origin}${WEB.callPath}case.info`, {
      method: 'POST',
      body: new Uint8Array([2, 0, 0, 0, 91, 93]),
      headers: { cookie, origin: otherUrl.replace(/\/$/, ''), 'content-type': WEB.contentType },
    });
    expect(foreign.status).toBe(403);
    const rebound = await rawRequest(`${app.origin}/`, { headers: { cookie, host: `attacker.example:${port}` } });
    expect(rebound.status).toBe(403);
    expect(Object.keys(foreign.headers).some((h) => h.startsWith('access-control-'))).toBe(false);
  });
});
