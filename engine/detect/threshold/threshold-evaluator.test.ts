import { describe, expect, it } from 'vitest';
import { ThresholdEvaluator, type Episode } from './threshold-evaluator';

const run = (events: [number, number, string][], tf = 60_000) => {
  const out: Episode[] = [];
  const ev = new ThresholdEvaluator(tf, [{ op: '>=', value: 10, level: 'high' }, { op: '>=', value: 3, level: 'medium' }], (e) => out.push(e));
  for (const [id, t, group] of events) ev.push({ id, t, group });
  ev.flush();
  return out;
};

describe('ThresholdEvaluator', () => {
  it('merges overlapping qualifying windows into one episode per group with every event inside', () => {
    const evs: [number, number, string][] = [];
    for (let i = 0; i < 12; i++) evs.push([i + 1, i * 5000, 'a']); // 12 events in 55 s
    evs.push([100, 0, 'b'], [101, 1000, 'b']); // 2 events: below every case
    const eps = run(evs);
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({ group: 'a', level: 'high', maxCount: 12, first: 0, last: 55000 });
    expect(eps[0].eventIds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('starts a new episode when the burst is separated by more than the timeframe', () => {
    const evs: [number, number, string][] = [[1, 0, 'a'], [2, 1000, 'a'], [3, 2000, 'a'], [4, 600_000, 'a'], [5, 601_000, 'a'], [6, 602_000, 'a']];
    const eps = run(evs);
    expect(eps.map((e) => [e.eventIds, e.level])).toEqual([[[1, 2, 3], 'medium'], [[4, 5, 6], 'medium']]);
  });

  it('does not fire on events spread wider than the timeframe', () => {
    expect(run([[1, 0, 'a'], [2, 61_000, 'a'], [3, 122_000, 'a']])).toEqual([]);
  });
});
