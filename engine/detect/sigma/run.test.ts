import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlPort } from '../../sql/port';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { compileSigma } from './compile';
import { runRules } from './run';
import { TEST_PIPELINE, loadEvents, type TestEvent } from './test-support';

const at = (min: number) => `2024-01-01 10:${String(min).padStart(2, '0')}:00`;
const EVENTS: TestEvent[] = [
  { id: 1, ts: at(0), raw: { Action: 'fail', host: 'h1', user: 'u1', bytes: 100 } },
  { id: 2, ts: at(1), raw: { Action: 'fail', host: 'h1', user: 'u2', bytes: 200 } },
  { id: 3, ts: at(2), raw: { Action: 'fail', host: 'h1', user: 'u3', bytes: 300 } },
  { id: 4, ts: at(3), raw: { Action: 'ok', host: 'h1', user: 'u3' } },
  { id: 5, ts: at(30), raw: { Action: 'fail', host: 'h1', user: 'u1', bytes: 100 } },
  { id: 6, ts: at(0), raw: { Action: 'fail', host: 'h2', user: 'u1', bytes: 100 } },
];

const BASES = `title: Failed login
id: failed
name: failed_login
logsource: { product: test }
detection:
    sel:
        Action: fail
    condition: sel
---
title: Successful login
id: success
name: success_login
logsource: { product: test }
detection:
    sel:
        Action: ok
    condition: sel
`;

let db: SqlPort;
beforeAll(async () => {
  db = await openDuckDb();
  await loadEvents(db, EVENTS);
});
afterAll(async () => db.close());

/** Matches of the correlation only (unreferenced base rules still report themselves). */
async function correlate(body: string) {
  return (await correlateAll(body)).filter((m) => m.ruleId === 'corr');
}

async function correlateAll(body: string) {
  const { rules, errors } = compileSigma(`${BASES}---\ntitle: C\nid: corr\ncorrelation:\n${body}`, 'c.yml', { pipelines: [TEST_PIPELINE] });
  expect(errors.map(String)).toEqual([]);
  return runRules(db, rules);
}

describe('runRules: detections share one scan per logsource', () => {
  it('returns one match per rule with all event ids and the time range', async () => {
    const { rules } = compileSigma(BASES, 'b.yml', { pipelines: [TEST_PIPELINE] });
    const m = await runRules(db, rules);
    expect(m).toEqual([
      { ruleId: 'failed', groupKey: '', eventIds: [1, 2, 3, 5, 6], firstTime: '2024-01-01T10:00:00.000Z', lastTime: '2024-01-01T10:30:00.000Z' },
      { ruleId: 'success', groupKey: '', eventIds: [4], firstTime: '2024-01-01T10:03:00.000Z', lastTime: '2024-01-01T10:03:00.000Z' },
    ]);
  });
});

describe('correlations', () => {
  it('event_count per group and window; base rules are not reported without generate', async () => {
    expect((await correlateAll(`    type: event_count\n    rules: [failed_login]\n    group-by: [host]\n    timespan: 5m\n    condition:\n        gte: 3\n`)).map((x) => x.ruleId)).toEqual(['success', 'corr']);
    const m = await correlate(`    type: event_count\n    rules: [failed_login]\n    group-by: [host]\n    timespan: 5m\n    condition:\n        gte: 3\n`);
    expect(m).toEqual([{ ruleId: 'corr', groupKey: 'host=h1', eventIds: [1, 2, 3], firstTime: '2024-01-01T10:00:00.000Z', lastTime: '2024-01-01T10:02:00.000Z' }]);
  });
  it('generate: true also reports the base rules', async () => {
    const m = await correlateAll(`    type: event_count\n    generate: true\n    rules: [failed_login]\n    group-by: [host]\n    timespan: 5m\n    condition:\n        gte: 3\n`);
    expect(m.map((x) => x.ruleId).sort()).toEqual(['corr', 'failed', 'success']);
  });
  it('event_count with a range condition (gt and lte)', async () => {
    const m = await correlate(`    type: event_count\n    rules: [failed]\n    group-by: [host]\n    timespan: 5m\n    condition:\n        gt: 1\n        lte: 2\n`);
    expect(m.map((x) => [x.groupKey, x.eventIds])).toEqual([['host=h1', [1, 2]]]);
  });
  it('value_count counts distinct values', async () => {
    const m = await correlate(`    type: value_count\n    rules: [failed_login]\n    group-by: [host]\n    timespan: 10m\n    condition:\n        field: user\n        gte: 3\n`);
    expect(m.map((x) => [x.groupKey, x.eventIds])).toEqual([['host=h1', [1, 2, 3]]]);
  });
  it('temporal: all rules within the timespan, any order', async () => {
    const m = await correlate(`    type: temporal\n    rules: [success_login, failed_login]\n    group-by: [host]\n    timespan: 5m\n`);
    expect(m.map((x) => [x.groupKey, x.eventIds])).toEqual([['host=h1', [1, 2, 3, 4]]]);
  });
  it('temporal_ordered: in the order given', async () => {
    const ok = await correlate(`    type: temporal_ordered\n    rules: [failed_login, success_login]\n    group-by: [host]\n    timespan: 5m\n`);
    expect(ok.map((x) => [x.groupKey, x.eventIds])).toEqual([['host=h1', [1, 2, 3, 4]]]);
    const wrong = await correlate(`    type: temporal_ordered\n    rules: [success_login, failed_login]\n    group-by: [host]\n    timespan: 5m\n`);
    expect(wrong).toEqual([]);
  });
  it("aliases map a group-by name to each rule's field", async () => {
    const m = await correlate(`    type: temporal\n    rules: [success_login, failed_login]\n    aliases:\n        who:\n            success_login: user\n            failed_login: user\n    group-by: [who]\n    timespan: 5m\n`);
    expect(m.map((x) => [x.groupKey, x.eventIds])).toEqual([['who=u3', [3, 4]]]);
  });
  it('value_sum and value_avg', async () => {
    const sum = await correlate(`    type: value_sum\n    rules: [failed]\n    group-by: [host]\n    timespan: 5m\n    condition:\n        field: bytes\n        gt: 250\n`);
    expect(sum.map((x) => [x.groupKey, x.eventIds])).toEqual([['host=h1', [1, 2, 3]]]);
    const avg = await correlate(`    type: value_avg\n    rules: [failed]\n    group-by: [host]\n    timespan: 5m\n    condition:\n        field: bytes\n        gt: 150\n`);
    expect(avg.map((x) => [x.groupKey, x.eventIds])).toEqual([['host=h1', [1, 2, 3]]]);
  });
  it('value_percentile: values rarer than the threshold (percent of the window)', async () => {
    const m = await correlate(`    type: value_percentile\n    rules: [failed]\n    group-by: []\n    timespan: 1h\n    condition:\n        field: user\n        lte: 34\n`);
    expect(m).toHaveLength(1);
    expect(m[0].eventIds).toEqual([1, 2, 3, 6]);
  });
  it('unknown references are refused with the correlation class', () => {
    const { errors } = compileSigma(`title: C\nid: c\ncorrelation:\n    type: event_count\n    rules: [nope]\n    group-by: [x]\n    timespan: 5m\n    condition: { gte: 2 }\n`, 'c.yml', { pipelines: [TEST_PIPELINE] });
    expect(errors[0].errorClass).toBe('correlation');
    expect(errors[0].message).toMatch(/'nope' is not in this batch/);
  });
});
