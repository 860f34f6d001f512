/**
 * The explorer in web mode on the sample case: the search syntax gives the
 * totals the API gives, columns, sorting, the field sidebar, a pivot, a
 * bookmark that survives a reload, and the read-only SQL console.
 * Screenshots go to e2e/artifacts/.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './api';
import { ARTIFACTS, launchChromium, startApp, type RunningApp } from './web-app';

let app: RunningApp;
let browser: Browser;
let page: Page;
let all = 0;

const digits = async (testId: string) => Number((await page.getByTestId(testId).first().innerText()).replace(/\D/g, ''));
const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `explorer-${name}.png`), fullPage: true });
const apiTotal = async (search: string) => (await apiCall(app.url, 'events.page', { search, limit: 1 })).total;

async function waitTotal(expected: number): Promise<void> {
  let n = -1;
  for (let i = 0; i < 120; i++) {
    n = await digits('event-total').catch(() => -1);
    if (n === expected) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`event total never became ${expected} (last seen ${n})`);
}

async function search(text: string): Promise<void> {
  await page.getByTestId('search-input').fill(text);
  await page.getByTestId('search-input').press('Enter');
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  app = await startApp();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 950 } });
  await page.goto(app.url);
  all = (await apiCall(app.url, 'case.info')).eventCount;
  await waitTotal(all);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('explorer on the sample case', () => {
  it.each([['host:web-01 -@user.name:root'], ['@source.ip:185.220.0.0/16'], ['@source.port:[1024 TO 65535]'], ['source:auth status:error']])(
    'search %s gives the API total',
    async (q) => {
      const expected = await apiTotal(q);
      expect(expected).toBeGreaterThan(0);
      expect(expected).toBeLessThan(all);
      await search(q);
      await waitTotal(expected);
      await shot(`search-${q.replace(/\W+/g, '_').slice(0, 40)}`);
    },
  );

  it('shows a syntax error under the box, at its column', async () => {
    await search('host:(web-01 OR');
    await expect.poll(() => page.getByTestId('search-error').innerText()).toContain('Column');
    await shot('search-error');
    await search('');
    await waitTotal(all);
    expect(await page.getByTestId('search-error').count()).toBe(0);
  });

  it('adds a column from the chooser', async () => {
    expect(await page.getByTestId('column-header-process.pid').count()).toBe(0);
    await page.getByTestId('column-chooser-button').click();
    await page.getByTestId('column-filter').fill('process.pid');
    await page.locator('[data-testid="column-option"][data-field="process.pid"] input').check({ force: true });
    await expect.poll(() => page.getByTestId('column-header-process.pid').count()).toBe(1);
    await shot('column-added');
    await page.keyboard.press('Escape');
  });

  it('sorts on the host by a column, and flips the order', async () => {
    const firstHost = async () => (await page.getByTestId('event-row').first().locator('[data-field="host.name"]').first().innerText()).trim();
    const header = page.getByTestId('column-header-host.name');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const ascApi = await apiCall(app.url, 'events.page', { sortField: 'host.name', order: 'asc', limit: 1 });
    const descApi = await apiCall(app.url, 'events.page', { sortField: 'host.name', order: 'desc', limit: 1 });
    expect(ascApi.total).toBe(all);
    await expect.poll(firstHost).toMatch(/\S/);
    const asc = await firstHost();
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(firstHost).not.toBe(asc);
    expect(asc.localeCompare(await firstHost())).toBeLessThan(0);
    expect(descApi.rows.byteLength).toBeGreaterThan(0);
    await shot('sorted-desc');
    // Back to time order for the tests after this one.
    await page.getByTestId('column-header-@timestamp').click();
  });

  it('lists top values in the field sidebar, as the API counts them', async () => {
    const [hosts] = await apiCall(app.url, 'events.topValues', { order: 'asc' }, ['host.name'], 8);
    expect(hosts.values.length).toBeGreaterThan(1);
    const field = page.locator('[data-testid="sidebar-field"][data-field="host.name"]');
    await expect.poll(() => field.getByTestId('sidebar-value').count()).toBe(hosts.values.length);
    const top = hosts.values[0];
    const row = field.locator(`[data-testid="sidebar-value"][data-value="${top.value}"]`);
    expect(Number(await row.getByTestId('sidebar-count').innerText())).toBe(top.count);
    await shot('sidebar');
  });

  it('excludes a value through the pivot menu', async () => {
    const cell = page.getByTestId('event-row').first().locator('[data-testid="pivot-value"][data-field="host.name"]');
    const host = (await cell.innerText()).trim();
    await cell.click();
    await page.getByTestId('pivot-exclude').click();
    const expected = await apiTotal(`-@host.name:"${host}"`);
    expect(expected).toBeLessThan(all);
    await waitTotal(expected);
    expect(await page.getByTestId('search-input').inputValue()).toBe(`-@host.name:"${host}"`);
    await shot('pivot-exclude');
    await search('');
    await waitTotal(all);
  });

  it('bookmarks an event, and it is still bookmarked after a reload', async () => {
    const row = page.getByTestId('event-row').first();
    const id = await row.getAttribute('data-event-id');
    await row.getByTestId('bookmark-toggle').click();
    await expect.poll(() => row.getByTestId('bookmark-toggle').getAttribute('data-bookmarked')).toBe('true');
    await page.reload();
    await waitTotal(all);
    const again = page.locator(`[data-testid="event-row"][data-event-id="${id}"]`);
    await expect.poll(() => again.getByTestId('bookmark-toggle').getAttribute('data-bookmarked')).toBe('true');
    const marks = await apiCall(app.url, 'annotations.list', { target: 'event', kind: 'bookmark' });
    expect(marks.map((m) => m.targetId)).toContain(id);
    await shot('bookmarked');
  });

  it('runs a SELECT in the SQL console and refuses a DELETE', async () => {
    await page.getByTestId('sql-console-button').click();
    await page.getByTestId('sql-input').fill('SELECT count(*) AS n FROM events');
    await page.getByTestId('sql-run').click();
    await expect.poll(() => page.getByTestId('sql-row').first().innerText()).toBe(String(all));
    await shot('sql-select');
    await page.getByTestId('sql-input').fill('DELETE FROM events');
    await page.getByTestId('sql-run').click();
    await expect.poll(() => page.getByTestId('sql-error').innerText()).toContain('only SELECT');
    await shot('sql-delete-refused');
    expect((await apiCall(app.url, 'case.info')).eventCount).toBe(all);
  });
});
