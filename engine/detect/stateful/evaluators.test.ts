import { describe, expect, it } from 'vitest';
import type { GeoLookup, GeoPoint } from '../../geo/geo';
import { AnomalyEvaluator, type AnomalyHit } from './anomaly-evaluator';
import { ImpossibleTravelEvaluator, type TravelHit } from './impossible-travel-evaluator';
import { NewValueEvaluator, type NewValueHit } from './new-value-evaluator';
import { SequenceEvaluator, type SequenceHit } from './sequence-evaluator';

const H = 3_600_000;
const D = 24 * H;

describe('NewValueEvaluator', () => {
  it('learns each group for its first N days, then fires once per unseen value', () => {
    const hits: NewValueHit[] = [];
    const ev = new NewValueEvaluator(D, (h) => hits.push(h));
    ev.push({ id: 1, t: 0, group: 'deploy', value: '10.0.0.12' });
    ev.push({ id: 2, t: 20 * H, group: 'deploy', value: '10.0.0.13' }); // still learning
    ev.push({ id: 3, t: 30 * H, group: 'deploy', value: '10.0.0.12' }); // known
    ev.push({ id: 4, t: 31 * H, group: 'deploy', value: '185.220.101.47' }); // new
    ev.push({ id: 5, t: 32 * H, group: 'deploy', value: '185.220.101.47' }); // now known
    ev.push({ id: 6, t: 40 * H, group: 'alice', value: '185.220.101.47' }); // alice's own learning period
    expect(hits).toEqual([{ group: 'deploy', value: '185.220.101.47', eventIds: [4], t: 31 * H, known: 2, learnedUntil: D }]);
  });
});

describe('AnomalyEvaluator', () => {
  const run = (counts: number[], opts: Partial<{ k: number; minHistory: number; minCount: number }> = {}) => {
    const hits: AnomalyHit[] = [];
    const ev = new AnomalyEvaluator({ bucketMs: H, k: 3, minHistory: 4, minCount: 1, ...opts }, (h) => hits.push(h));
    let id = 0;
    counts.forEach((c, b) => {
      for (let i = 0; i < c; i++) ev.push({ id: ++id, t: b * H + i, group: 'web-01' });
    });
    ev.flush();
    return hits;
  };

  it('fires on a bucket above mean + k·stddev and records the baseline', () => {
    const hits = run([2, 4, 2, 4, 30]);
    expect(hits).toHaveLength(1);
    const h = hits[0];
    expect(h).toMatchObject({ group: 'web-01', first: 4 * H, last: 4 * H + 29 });
    expect(h.buckets).toHaveLength(1);
    expect(h.buckets[0]).toMatchObject({ start: 4 * H, observed: 30, mean: 3, history: 4 });
    expect(h.buckets[0].stddev).toBeCloseTo(Math.sqrt(4 / 3), 10);
    expect(h.buckets[0].limit).toBeCloseTo(3 + 3 * Math.sqrt(4 / 3), 10);
    expect(h.eventIds).toEqual(Array.from({ length: 30 }, (_, i) => 13 + i));
  });

  it('merges consecutive anomalous buckets into one episode, and a quiet bucket ends it', () => {
    const hits = run([2, 3, 2, 3, 2, 3, 40, 60, 2, 3, 200], { k: 2, minHistory: 6 });
    expect(hits.map((h) => h.buckets.map((b) => b.observed))).toEqual([[40, 60], [200]]);
    expect(hits[0].eventIds).toHaveLength(100);
  });

  it('counts empty buckets as zeros in the history', () => {
    // History 5,0,0,0,5 (mean 2, sd 2.74): 12 > 10.2 fires; without the zeros it would be 5,5 (too short anyway).
    const hits = run([5, 0, 0, 0, 5, 12]);
    expect(hits.map((h) => [h.buckets[0].observed, h.buckets[0].history, h.buckets[0].mean])).toEqual([[12, 5, 2]]);
  });

  it('needs the minimum history and minimum count', () => {
    expect(run([1, 1, 50])).toEqual([]);
    expect(run([0, 0, 0, 0, 1, 0, 0, 0, 0, 2], { minCount: 5 })).toEqual([]);
  });

  it('closes buckets on advance(now) in live mode', () => {
    const hits: AnomalyHit[] = [];
    const ev = new AnomalyEvaluator({ bucketMs: H, k: 2, minHistory: 2, minCount: 1 }, (h) => hits.push(h));
    ev.push({ id: 1, t: 0, group: 'g' });
    ev.push({ id: 2, t: H, group: 'g' });
    for (let i = 0; i < 9; i++) ev.push({ id: 10 + i, t: 2 * H + i, group: 'g' });
    ev.advance(2 * H + 10);
    expect(hits).toEqual([]);
    ev.advance(3 * H);
    expect(hits).toEqual([]); // the episode may go on in the next hour
    ev.advance(4 * H);
    expect(hits.map((h) => h.buckets.map((b) => b.observed))).toEqual([[9]]);
  });
});

describe('ImpossibleTravelEvaluator', () => {
  const places: Record<string, GeoPoint> = {
    '81.2.69.1': { lat: 51.5, lon: -0.1, countryCode: 'GB', country: 'United Kingdom', city: 'London', accuracyKm: null },
    '81.2.69.2': { lat: 51.6, lon: -0.2, countryCode: 'GB', country: 'United Kingdom', city: 'London', accuracyKm: null },
    '1.1.1.1': { lat: -33.9, lon: 151.2, countryCode: 'AU', country: 'Australia', city: 'Sydney', accuracyKm: 20 },
    '2.2.2.2': { lat: 48.85, lon: 2.35, countryCode: 'FR', country: 'France', city: 'Paris', accuracyKm: 1000 },
  };
  const geo: GeoLookup = { lookup: (ip) => places[ip] ?? null, attribution: 'test' };

  it('fires on London then Sydney an hour later, skipping private and unknown addresses', () => {
    const hits: TravelHit[] = [];
    const ev = new ImpossibleTravelEvaluator(geo, { maxSpeedKmh: 1000, minDistanceKm: 500 }, (h) => hits.push(h));
    ev.push({ id: 1, t: 0, user: 'alice', ip: '81.2.69.1' });
    ev.push({ id: 2, t: 10 * 60_000, user: 'alice', ip: '10.0.0.5' }); // private: skipped
    ev.push({ id: 3, t: 20 * 60_000, user: 'alice', ip: '81.2.69.2' }); // same city, 12 km
    ev.push({ id: 4, t: H, user: 'alice', ip: '1.1.1.1' }); // 17,000 km in 40 min
    ev.push({ id: 5, t: 30 * H, user: 'alice', ip: '81.2.69.1' }); // 29 h later: a plane can do that
    ev.push({ id: 6, t: 0, user: 'bob', ip: '1.1.1.1' });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ user: 'alice', eventIds: [3, 4], from: { ip: '81.2.69.2', city: 'London', country: 'GB' }, to: { ip: '1.1.1.1', city: 'Sydney' } });
    expect(hits[0].speedKmh).toBeGreaterThan(20_000);
  });

  it('takes the accuracy radius off the distance', () => {
    const hits: TravelHit[] = [];
    const ev = new ImpossibleTravelEvaluator(geo, { maxSpeedKmh: 1000, minDistanceKm: 500 }, (h) => hits.push(h));
    ev.push({ id: 1, t: 0, user: 'u', ip: '81.2.69.1' });
    ev.push({ id: 2, t: 60_000, user: 'u', ip: '2.2.2.2' }); // London–Paris 340 km, minus 1000 km radius
    expect(hits).toEqual([]);
  });
});

describe('SequenceEvaluator', () => {
  const run = (events: [number, number, number[], string][], minCounts = [3, 1], within = 30 * 60_000) => {
    const hits: SequenceHit[] = [];
    const ev = new SequenceEvaluator(within, minCounts, (h) => hits.push(h));
    for (const [id, t, steps, group] of events) ev.push({ id, t, steps: steps.map((step) => ({ step, group })) });
    return hits;
  };

  it('fires when enough step-1 events precede step 2 within the window, once per chain', () => {
    const hits = run([
      [1, 0, [0], 'a'], [2, 1000, [0], 'a'], [3, 2000, [0], 'a'], [4, 3000, [0], 'a'],
      [5, 4000, [1], 'a'], // completes: failures 1-4, then the login
      [6, 5000, [1], 'a'], // a second login: the chain was consumed
      [7, 0, [0], 'b'], [8, 1000, [1], 'b'], // b: only one failure
    ]);
    expect(hits).toEqual([{ group: 'a', stepEventIds: [[1, 2, 3, 4], [5]], first: 0, last: 4000 }]);
  });

  it('ignores steps out of order and outside the window', () => {
    expect(run([[1, 0, [1], 'a'], [2, 1, [0], 'a'], [3, 2, [0], 'a'], [4, 3, [0], 'a']])).toEqual([]);
    expect(run([[1, 0, [0], 'a'], [2, 1, [0], 'a'], [3, 2, [0], 'a'], [4, 31 * 60_000, [1], 'a']])).toEqual([]);
  });

  it('chains three steps and does not reuse one event for two steps', () => {
    const hits = run([[1, 0, [0, 1], 'h'], [2, 10, [1, 2], 'h'], [3, 20, [2], 'h']], [1, 1, 1]);
    expect(hits).toEqual([{ group: 'h', stepEventIds: [[1], [2], [3]], first: 0, last: 20 }]);
  });
});
