/**
 * The Map tab in web mode, driven in Debian's Chromium: the sample case's
 * attacker on the map with the country the bundled database gives it,
 * private sources listed apart, pivots to the explorer, arcs to a home point
 * saved in the case (still there after a reload), impossible travel, and a real log (loghub OpenSSH) with many public
 * sources. Screenshots go to e2e/artifacts/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGeo } from '../engine/geo/node/open-geo';
import { corpusRoot } from '../engine/testing/node/corpus';
import { apiCall } from './api';
import { ARTIFACTS, endSession, startSession, type RunningApp } from './web-app';

const ATTACKER = '185.220.101.47';
let app: RunningApp;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const points = () => page.getByTestId('geo-point');

async function openMap() {
  try {
    await page.getByTestId('view-tab-map').click();
    await expect.poll(() => points().count(), { timeout: 30_000 }).toBeGreaterThan(0);
  } catch (e) {
    await shot('map-failed');
    throw e;
  }
}

beforeAll(async () => {
  ({ app, browser, page } = await startSession());
});

afterAll(() => endSession({ app, browser }));

describe('the map on the sample case', () => {
  it('shows the attacker with its country from the database, and private sources apart', async () => {
    await openMap();
    const expected = (await openGeo()).lookup(ATTACKER);
    expect(expected?.countryCode).toMatch(/^[A-Z]{2}$/);
    const attacker = page.locator(`[data-testid="geo-point"][data-ip="${ATTACKER}"]`);
    await expect.poll(() => attacker.count()).toBe(1);
    expect(await attacker.getAttribute('data-country')).toBe(expected!.countryCode);

    const view = await apiCall(app.url, 'views.geo', {});
    expect(await points().count()).toBe(view.located.length);
    expect(view.local.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('geo-private-row').count()).toBe(view.local.length);
    const privateIps = await page.getByTestId('geo-private-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ip')));
    expect(privateIps.every((ip) => ip && !ip.startsWith('185.220.'))).toBe(true);
    expect(privateIps.some((ip) => ip?.startsWith('10.'))).toBe(true);
    const credit = await page.getByTestId('geo-attribution').innerText();
    expect(credit).toContain('IP Geolocation by DB-IP');
    expect(credit).toContain('CC BY 4.0');
    await shot('map-01-sample');
  });

  it('lists a clicked country’s sources', async () => {
    const cc = await page.locator(`[data-testid="geo-point"][data-ip="${ATTACKER}"]`).getAttribute('data-country');
    await page.locator(`path.geo-map__country[data-country="${cc}"]`).first().dispatchEvent('click');
    await expect.poll(() => page.getByTestId('geo-country-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ip')))).toContain(ATTACKER);
    await shot('map-02-country');
  });

  it('draws arcs to the assets once a home point is set', async () => {
    expect(await page.getByTestId('geo-arc').count()).toBe(0); // host names have no place of their own
    await page.getByTestId('geo-home-lat').fill('50.11');
    await page.getByTestId('geo-home-lon').fill('8.68');
    await page.getByTestId('geo-home-set').click();
    await expect.poll(() => page.getByTestId('geo-arc').count()).toBeGreaterThan(0);
    await shot('map-03-home-arcs');
  });

  it('keeps the home point in the case: after a reload the fields show it and the arcs are drawn', async () => {
    await expect.poll(() => apiCall(app.url, 'geo.home')).toEqual({ home: { lat: 50.11, lon: 8.68 } });
    const arcs = (await apiCall(app.url, 'views.geo', {})).arcs;
    expect(arcs.map((a) => a.ip)).toContain(ATTACKER);
    await page.reload();
    await openMap();
    await expect.poll(() => page.getByTestId('geo-arc').count(), { timeout: 30_000 }).toBe(arcs.length);
    expect(await page.getByTestId('geo-home-lat').inputValue()).toBe('50.11');
    expect(await page.getByTestId('geo-home-lon').inputValue()).toBe('8.68');
    await shot('map-03b-home-after-reload');
  });

  it('opens the explorer on a clicked point’s address', async () => {
    const expected = await apiCall(app.url, 'events.page', { search: `source.ip:${ATTACKER}`, limit: 1 });
    expect(expected.total).toBeGreaterThan(0);
    await page.locator(`[data-testid="geo-point"][data-ip="${ATTACKER}"]`).dispatchEvent('click');
    await expect.poll(() => page.getByTestId('search-input').inputValue()).toBe(`source.ip:${ATTACKER}`);
    await expect.poll(async () => Number((await page.getByTestId('event-total').innerText()).replace(/\D/g, ''))).toBe(expected.total);
    await page.getByTestId('search-input').fill('');
    await page.getByTestId('search-input').press('Enter');
  });

  it('highlights impossible travel', async () => {
    // deploy logs in from the attacker's address, then 40 minutes later from Australia's 1.1.1.1.
    const lines = [
      `Mar 20 09:00:00 web-01 sshd[901]: Accepted password for deploy from ${ATTACKER} port 50100 ssh2`,
      'Mar 20 09:40:00 web-01 sshd[902]: Accepted publickey for deploy from 1.1.1.1 port 50200 ssh2',
    ].join('\n') + '\n';
    await apiCall(app.url, 'import.upload', 'travel-auth.log', new TextEncoder().encode(lines));
    await page.reload();
    await openMap();
    await expect.poll(() => page.getByTestId('geo-travel').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('geo-travel-row').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('deploy')]));
    await shot('map-04-travel');
  });
});

describe('the map on real data', () => {
  const root = corpusRoot();
  it.skipIf(!root)('draws many points for loghub OpenSSH_2k', async () => {
    const file = join(root!, 'loghub/OpenSSH/OpenSSH_2k.log');
    let bytes = new Uint8Array(await readFile(file));
    let report = await apiCall(app.url, 'import.upload', 'OpenSSH_2k.log', bytes);
    if (report.sources[0]?.recordsStored === 0) {
      // The file has CRLF line ends and the syslog sniffer refuses such lines: import it with LF ends.
      console.warn(`[map e2e] OpenSSH_2k.log not recognised as given (${report.sources[0]?.error ?? 'no error'}); importing it with LF line ends`);
      bytes = new TextEncoder().encode((await readFile(file, 'utf8')).replace(/\r\n?/g, '\n'));
      report = await apiCall(app.url, 'import.upload', 'OpenSSH_2k-lf.log', bytes);
    }
    expect(report.sources[0]?.recordsStored).toBe(2000);
    const view = await apiCall(app.url, 'views.geo', { search: 'host.name:LabSZ' });
    expect(view.located.length).toBeGreaterThanOrEqual(20);
    await page.reload();
    await openMap();
    const drawn = await points().count();
    console.log(`[map e2e] loghub OpenSSH_2k: ${view.located.length} located sources, ${view.local.length} non-public, ${view.unlocated.length} unknown; ${drawn} points drawn in the case`);
    const drawnIps = new Set(await points().evaluateAll((els) => els.map((e) => e.getAttribute('data-ip'))));
    expect(view.located.filter((s) => !drawnIps.has(s.ip))).toEqual([]);
    await shot('map-05-loghub');
  });
});
