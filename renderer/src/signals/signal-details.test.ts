import { describe, expect, it } from 'vitest';
import { describeDetails, filterByStatus, suppressionQueryFor } from './signal-details';

describe('signal triage shaping', () => {
  it('filters by triage status', () => {
    const s = [{ status: 'open' as const }, { status: 'under_review' as const }, { status: 'archived' as const }];
    expect(filterByStatus(s, 'active')).toHaveLength(2);
    expect(filterByStatus(s, 'archived')).toEqual([{ status: 'archived' }]);
    expect(filterByStatus(s, 'all')).toHaveLength(3);
  });

  it('turns a group key into an explorer search, quoting hostile values', () => {
    expect(suppressionQueryFor('host.name=web-01, user.name=deploy')).toBe('host.name:"web-01" user.name:"deploy"');
    expect(suppressionQueryFor('user.name=a "b", c, host.name=')).toBe('user.name:"a \\"b\\", c"');
    expect(suppressionQueryFor('')).toBe('');
  });

  it('explains why a stateful rule fired', () => {
    expect(describeDetails({ kind: 'anomaly', buckets: [{ start: '2026-03-14T02:00:00.000Z', observed: 631, mean: 17.56, stddev: 12.78, limit: 68.69, historyBuckets: 50 }] }))
      .toBe('2026-03-14 02:00: 631 events vs mean 17.56 ± 12.78 (limit 68.69, 50 buckets of history)');
    expect(describeDetails({ kind: 'impossible_travel', from: { ip: '1.2.3.4', city: 'Berlin', country: 'DE' }, to: { ip: '5.6.7.8', city: null, country: null }, distanceKm: 6385, speedKmh: 19155 }))
      .toBe('1.2.3.4 (Berlin, DE) → 5.6.7.8: 6,385 km, 19,155 km/h');
    expect(describeDetails({ kind: 'sequence', steps: [{ name: 'failed logins', eventIds: [1, 2] }, { name: 'login', eventIds: [3] }] })).toBe('failed logins: 2 events → login: 1 event');
    expect(describeDetails(null)).toBeNull();
  });
});
