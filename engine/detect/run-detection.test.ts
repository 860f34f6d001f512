/** Detection end to end on a small auth log: stateful rules, suppressions, toggles, triage and re-runs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_DDL } from '../case/schema';
import type { GeoLookup } from '../geo/geo';
import { openDuckDb } from '../sql/node/duckdb-native';
import { rowsOf, type SqlPort } from '../sql/port';
import { setRulesEnabled } from './catalog/rule-toggles';
import { runDetection, type RuleText } from './run-detection';
import { addSuppression, removeSuppression } from './signals/suppressions';
import { setSignalStatus } from './signals/triage';

let db: SqlPort;
const T0 = Date.parse('2026-03-10T00:00:00Z');
const MIN = 60_000;

const HEAD = (id: string, type: string) => `title: Rule ${id}\nid: ${id}\ntype: ${type}\nlevel: high\ntags: [attack.initial-access, attack.t1078]\nlogsource: {product: linux, service: auth}\n`;
const OK = `detection:\n    sel: {event.action: ssh_login, event.outcome: success}\n    condition: sel\n`;
const RULES: RuleText[] = [
  { path: 'linux/new.yml', folder: 'linux', text: `${HEAD('nv', 'new_value')}${OK}group_by: [user.name]\nfields: [source.ip]\nlearning_period: 1d\n` },
  { path: 'linux/seq.yml', folder: 'linux', text: `${HEAD('seq', 'sequence')}group_by: [source.ip]\nwithin: 30m\nsteps:\n  - min_count: 3\n    detection: {f: {event.action: ssh_login, event.outcome: failure}, condition: f}\n  - detection: {s: {event.action: ssh_login, event.outcome: success}, condition: s}\n` },
  { path: 'linux/travel.yml', folder: 'linux', text: `${HEAD('trv', 'impossible_travel')}${OK}` },
  { path: 'cloud/vol.yml', folder: 'cloud', text: `${HEAD('vol', 'anomaly')}detection:\n    sel: {event.category: authentication}\n    condition: sel\nbucket: 1h\ndeviations: 3\nmin_history: 10\nmin_count: 5\n` },
];
// A fake database: Berlin and New York; everything else (10.0.0.12) unknown, as private addresses are.
const PLACES: Record<string, { lat: number; lon: number }> = { '203.0.113.5': { lat: 52.5, lon: 13.4 }, '198.51.100.7': { lat: 40.7, lon: -74 } };
const geo: GeoLookup = {
  lookup: (ip) => (PLACES[ip] ? { ...PLACES[ip], countryCode: null, country: null, city: null, accuracyKm: null } : null),
  attribution: 'test',
};

let nextId = 1;
async function login(t: number, user: string, ip: string, outcome: 'success' | 'failure'): Promise<number> {
  const id = nextId++;
  await db.exec(
    `INSERT INTO events_raw ("event.id", "@timestamp", "event.dataset", "event.category", "event.action", "event.outcome", "user.name", "source.ip", "host.name", raw)
     VALUES (?, make_timestamp(?::BIGINT * 1000), 'linux.auth', 'authentication', 'ssh_login', ?, ?, ?, 'web-01', '{}')`,
    [id, t, outcome, user, ip],
  );
  return id;
}

const signals = async () => rowsOf<{ id: string; rule_id: string; group_key: string; ids: string; status: string; status_reason: string | null; d: string }>(
  await db.query(`SELECT id, rule_id, group_key, CAST(to_json(event_ids) AS VARCHAR) AS ids, status, status_reason, CAST(details AS VARCHAR) AS d FROM signals ORDER BY rule_id, id`),
);

beforeAll(async () => {
  db = await openDuckDb();
  for (const ddl of CASE_DDL) await db.exec(ddl);
  // Two quiet days: deploy logs in from the CI runner every 2 hours.
  for (let h = 0; h < 48; h += 2) await login(T0 + h * 3_600_000, 'deploy', '10.0.0.12', 'success');
  // Day 3: a brute force from 203.0.113.5, then a login; then deploy "from New York" 20 minutes later.
  const t = T0 + 50 * 3_600_000;
  for (let i = 0; i < 40; i++) await login(t + i * 15_000, 'deploy', '203.0.113.5', 'failure');
  await login(t + 11 * MIN, 'deploy', '203.0.113.5', 'success');
  await login(t + 31 * MIN, 'deploy', '198.51.100.7', 'success');
});
afterAll(() => db?.close());

describe('runDetection with stateful rules', () => {
  it('raises the exact signals of each type', async () => {
    const r = await runDetection(db, RULES, { geo });
    expect(r.errors).toEqual([]);
    const s = await signals();
    expect(s.map((x) => `${x.rule_id} ${x.group_key}`).sort()).toEqual([
      'nv user.name=deploy, source.ip=198.51.100.7',
      'nv user.name=deploy, source.ip=203.0.113.5',
      'seq source.ip=203.0.113.5',
      'trv user.name=deploy',
      'vol ',
    ]);
    const seq = s.find((x) => x.rule_id === 'seq')!;
    expect(JSON.parse(seq.ids)).toEqual(Array.from({ length: 41 }, (_, i) => 25 + i));
    expect(JSON.parse(seq.d).steps.map((st: { eventIds: number[] }) => st.eventIds.length)).toEqual([40, 1]);
    const trv = JSON.parse(s.find((x) => x.rule_id === 'trv')!.d);
    expect(trv).toMatchObject({ kind: 'impossible_travel', from: { ip: '203.0.113.5' }, to: { ip: '198.51.100.7' } });
    expect(trv.distanceKm).toBeGreaterThan(6000);
    const vol = JSON.parse(s.find((x) => x.rule_id === 'vol')!.d);
    // 40 failures and 2 logins in hour 50, against 50 hours of 0 or 1 login.
    expect(vol.buckets).toEqual([expect.objectContaining({ observed: 42, mean: 0.48, historyBuckets: 50 })]);
  });

  it('skips impossible travel without a GeoIP database, and keeps its old signals', async () => {
    const r = await runDetection(db, RULES);
    expect(r.skipped).toEqual([{ ruleId: 'trv', reason: 'no GeoIP database' }]);
    expect((await signals()).some((x) => x.rule_id === 'trv')).toBe(true);
  });

  it('re-running keeps ids and triage state; disabling a rule removes only its untriaged signals', async () => {
    const before = await signals();
    const nv = before.filter((x) => x.rule_id === 'nv');
    await setSignalStatus(db, nv[0].id, 'archived', 'CI runner moved');
    await expect(setSignalStatus(db, nv[1].id, 'archived', '  ')).rejects.toThrow(/needs a reason/);
    await runDetection(db, RULES, { geo });
    expect((await signals()).map((x) => x.id)).toEqual(before.map((x) => x.id));
    await setRulesEnabled(db, { folder: 'linux' }, false);
    await setRulesEnabled(db, { ruleId: 'seq' }, true);
    const r = await runDetection(db, RULES, { geo });
    expect(r.rulesDisabled).toBe(2);
    const after = await signals();
    expect(after.map((x) => [x.rule_id, x.status, x.status_reason])).toEqual([
      ['nv', 'archived', 'CI runner moved'],
      ['seq', 'open', null],
      ['vol', 'open', null],
    ]);
    await setRulesEnabled(db, {}, true);
  });

  it('suppressed events count for no rule; an expired or removed suppression stops applying', async () => {
    const s = await addSuppression(db, { query: 'source.ip:203.0.113.5', ruleId: 'seq', reason: 'red team exercise' });
    await runDetection(db, RULES, { geo });
    expect((await signals()).some((x) => x.rule_id === 'seq')).toBe(false);
    expect((await signals()).some((x) => x.rule_id === 'nv' && x.group_key.includes('203.0.113.5'))).toBe(true);
    await removeSuppression(db, s.id);
    await addSuppression(db, { query: 'source.ip:203.0.113.5', reason: 'expired', expiresAt: '2020-01-01T00:00:00Z' });
    await runDetection(db, RULES, { geo });
    expect((await signals()).some((x) => x.rule_id === 'seq')).toBe(true);
    await expect(addSuppression(db, { query: '  ', reason: 'x' })).rejects.toThrow(/needs a search query/);
  });
});
