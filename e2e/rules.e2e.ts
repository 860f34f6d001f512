/**
 * The Rules view and triage in web mode on the sample case: rules with their
 * coverage and SQL, disabling a rule removes its signal on the next run,
 * a suppression hides a signal, and an archived signal keeps its reason
 * across a reload. Screenshots go to e2e/artifacts/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './api';
import { ARTIFACTS, endSession, startSession, type RunningApp } from './web-app';

let app: RunningApp;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const SEQUENCE = 'SSH Brute Force Followed By A Successful Login';
const NEW_VALUE = 'SSH Login From A New Address For The Account';
const BRUTE = 'SSH Brute Force From One Source';
const signalRow = (id: string) => page.locator(`[data-testid="signal-row"][data-signal-id="${id}"]`);
const titles = async () => (await apiCall(app.url, 'signals.list')).map((s) => s.ruleTitle);

beforeAll(async () => {
  ({ app, browser, page } = await startSession());
});

afterAll(() => endSession({ app, browser }));

describe('rules view and triage on the sample case', () => {
  it('lists every rule with its coverage here and its compiled SQL', async () => {
    const rules = await apiCall(app.url, 'rules.list');
    expect(rules.length).toBeGreaterThanOrEqual(110);
    expect(rules.filter((r) => r.error)).toEqual([]);
    await page.getByTestId('view-tab-rules').click();
    await expect.poll(() => page.getByTestId('rule-row').count(), { timeout: 30_000 }).toBe(rules.length);
    const coverage = await page.getByTestId('rule-coverage').allInnerTexts();
    // The sample holds Linux logs only: CloudTrail and web-server rules cannot fire, auth rules can.
    expect(coverage.filter((c) => c.startsWith('cannot fire here')).length).toBe(rules.filter((r) => !r.canFire).length);
    expect(coverage.filter((c) => /^[\d,]+ events in scope$/.test(c)).length).toBe(rules.filter((r) => r.canFire).length);
    expect(rules.filter((r) => !r.canFire).every((r) => ['cloud', 'kubernetes', 'web'].includes(r.folder))).toBe(true);

    await page.getByTestId('rules-search').fill(SEQUENCE);
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(1);
    await page.getByTestId('rule-row').getByRole('button', { name: SEQUENCE }).click();
    await expect.poll(() => page.getByTestId('rule-sql').count()).toBe(2); // one predicate per step
    expect(await page.getByTestId('rule-sql').first().innerText()).toContain('"event.action"');
    await shot('10-rules-view');
  });

  it('disables a rule; after running detection its signal is gone', async () => {
    expect(await titles()).toContain(SEQUENCE);
    // Blueprint's switch hides the input under its label: click the label, as a user does.
    await page.getByTestId('rule-toggle').locator('xpath=..').click();
    await expect.poll(async () => (await apiCall(app.url, 'rules.list')).find((r) => r.title === SEQUENCE)?.enabled).toBe(false);
    await expect.poll(() => page.getByTestId('rule-toggle').isChecked()).toBe(false);
    await page.getByTestId('rules-run-detection').click();
    await expect.poll(titles, { timeout: 60_000 }).not.toContain(SEQUENCE);
    await expect.poll(async () => (await page.getByTestId('signal-title').allInnerTexts()).includes(SEQUENCE)).toBe(false);
    expect(await titles()).toContain(BRUTE);
    await shot('11-rule-disabled');
  });

  it('suppresses a signal from its row', async () => {
    const nv = (await apiCall(app.url, 'signals.list')).find((s) => s.ruleTitle === NEW_VALUE)!;
    expect(nv.groupKey).toContain('185.220.101.47');
    await signalRow(nv.id).click();
    await page.getByTestId('suppress-button').click();
    expect(await page.getByTestId('suppress-query').inputValue()).toBe('host.name:"web-01" user.name:"deploy" source.ip:"185.220.101.47"');
    await page.getByTestId('suppress-reason').fill('known attacker session, already in the report');
    await page.getByTestId('suppress-confirm').click();
    await expect.poll(titles, { timeout: 60_000 }).not.toContain(NEW_VALUE);
    const sup = await apiCall(app.url, 'suppressions.list');
    expect(sup).toMatchObject([{ ruleId: nv.ruleId, reason: 'known attacker session, already in the report' }]);
    // Only that rule is suppressed: the brute force signal stays.
    expect(await titles()).toContain(BRUTE);
  });

  it('archives a signal with a reason, which survives a reload', async () => {
    const brute = (await apiCall(app.url, 'signals.list')).find((s) => s.ruleTitle === BRUTE)!;
    await signalRow(brute.id).click();
    await page.getByTestId('signal-status').selectOption('archived');
    await page.getByTestId('archive-reason').fill('handled in incident 2026-031');
    await shot('12-archive-dialog');
    await page.getByTestId('archive-confirm').click();
    await expect.poll(() => signalRow(brute.id).count()).toBe(0); // the active list hides it

    await page.reload();
    await expect.poll(() => page.getByTestId('signal-row').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    expect(await signalRow(brute.id).count()).toBe(0);
    await page.getByTestId('signal-filter').selectOption('archived');
    await expect.poll(() => signalRow(brute.id).count()).toBe(1);
    expect(await signalRow(brute.id).getAttribute('data-status')).toBe('archived');
    await signalRow(brute.id).click();
    expect(await page.getByTestId('signal-reason').innerText()).toBe('archived: handled in incident 2026-031');
    expect(await page.getByTestId('signal-attack').first().innerText()).toContain('Credential Access');
    await shot('13-archived-after-reload');

    // Re-running keeps the triage state and does not duplicate the signal.
    await apiCall(app.url, 'detect.run');
    const again = (await apiCall(app.url, 'signals.list')).filter((s) => s.ruleTitle === BRUTE);
    expect(again.map((s) => [s.id, s.status, s.statusReason])).toEqual([[brute.id, 'archived', 'handled in incident 2026-031']]);
  });
});
