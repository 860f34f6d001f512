import { describe, expect, it } from 'vitest';
import type { GeoPoint } from '../../geo/geo';
import { shapeGeoView } from './geo-shape';
import type { ArcRow, LoginRow, SourceRow } from './geo-sql';
import { validGeoQuery } from './geo-types';

// A fake database: two public addresses with places, one public without.
const PLACES: Record<string, GeoPoint> = {
  '185.220.101.47': { lat: 52.52, lon: 13.4, countryCode: 'DE', country: 'Germany', city: 'Berlin', accuracyKm: null },
  '8.8.8.8': { lat: 37.42, lon: -122.08, countryCode: 'US', country: 'United States', city: 'Mountain View', accuracyKm: null },
  '9.9.9.9': { lat: 40.7, lon: -74, countryCode: 'US', country: 'United States', city: 'New York', accuracyKm: null },
};
const lookup = (ip: string) => PLACES[ip] ?? null;
const T0 = Date.parse('2026-03-14T08:00:00Z');

const src = (ip: string, n: number, ok: number, ko: number, users: string[] = []): SourceRow => ({
  ip, n: BigInt(n), ok: BigInt(ok), ko: BigInt(ko), nu: BigInt(users.length), users: JSON.stringify(users), first: BigInt(T0), last: BigInt(T0 + 60_000),
});
const arc = (ip: string, asset: string, n: number, ko = 0): ArcRow => ({ ip, asset, n: BigInt(n), ko: BigInt(ko) });
const login = (user: string, ip: string, minutes: number): LoginRow => ({ user, ip, t: BigInt(T0 + minutes * 60_000) });

const SOURCES = [src('185.220.101.47', 40, 1, 39, ['deploy', 'root']), src('10.0.0.5', 9, 9, 0, ['alice']), src('5.5.5.5', 3, 0, 3), src('web-01', 1, 1, 0), src('8.8.8.8', 2, 2, 0, ['deploy'])];
const ARCS = [arc('185.220.101.47', 'web-01', 39, 38), arc('185.220.101.47', '9.9.9.9', 1), arc('10.0.0.5', 'db-01', 9), arc('8.8.8.8', 'web-01', 2)];
const LOGINS = [login('deploy', '185.220.101.47', 0), login('deploy', '10.0.0.5', 10), login('deploy', '8.8.8.8', 60), login('alice', '10.0.0.5', 5)];

describe('shapeGeoView', () => {
  const base = { sources: SOURCES, arcs: ARCS, logins: LOGINS, lookup, attribution: 'test data', home: null };

  it('splits sources into located, unlocated public and local ones, with their counts', () => {
    const v = shapeGeoView(base);
    expect(v.located.map((s) => [s.ip, s.point?.countryCode, s.count, s.success, s.failure])).toEqual([
      ['185.220.101.47', 'DE', 40, 1, 39],
      ['8.8.8.8', 'US', 2, 2, 0],
    ]);
    expect(v.located[0]).toMatchObject({ users: ['deploy', 'root'], userCount: 2, firstSeen: '2026-03-14T08:00:00.000Z', lastSeen: '2026-03-14T08:01:00.000Z' });
    expect(v.unlocated.map((s) => s.ip)).toEqual(['5.5.5.5']);
    expect(v.local.map((s) => [s.ip, s.class, s.count])).toEqual([
      ['10.0.0.5', 'private', 9],
      ['web-01', 'invalid', 1],
    ]);
    expect(v.attribution).toBe('test data');
    expect(v.truncated).toBe(false);
  });

  it('without a home, lists host-name assets unplaced and draws arcs only to assets with a place', () => {
    const v = shapeGeoView(base);
    expect(v.assets.map((a) => [a.name, a.placement, a.count])).toEqual([
      ['web-01', 'none', 41],
      ['db-01', 'none', 9],
      ['9.9.9.9', 'geo', 1],
    ]);
    expect(v.arcs).toEqual([{ ip: '185.220.101.47', asset: '9.9.9.9', count: 1, failure: 0 }]);
  });

  it('with a home, places host-name assets there; arcs from private sources are still not drawn', () => {
    const v = shapeGeoView({ ...base, home: { lat: 48.1, lon: 11.6 } });
    expect(v.assets.find((a) => a.name === 'web-01')).toMatchObject({ placement: 'home', lat: 48.1, lon: 11.6 });
    expect(v.arcs.map((a) => `${a.ip}→${a.asset}`)).toEqual(['185.220.101.47→web-01', '185.220.101.47→9.9.9.9', '8.8.8.8→web-01']);
  });

  it('finds impossible travel across located logins, skipping unplaced ones in between', () => {
    const [t, ...rest] = shapeGeoView(base).travel;
    expect(rest).toEqual([]);
    expect(t).toMatchObject({ user: 'deploy', from: { ip: '185.220.101.47', countryCode: 'DE' }, to: { ip: '8.8.8.8', city: 'Mountain View' } });
    expect(t.distanceKm).toBeGreaterThan(9000);
    expect(t.speedKmh).toBe(t.distanceKm); // one hour apart
  });

  it('reports the same instant as null speed (JSON has no Infinity)', () => {
    const v = shapeGeoView({ ...base, logins: [login('x', '185.220.101.47', 0), login('x', '9.9.9.9', 0)] });
    expect(v.travel[0].speedKmh).toBeNull();
  });
});

describe('validGeoQuery', () => {
  it('accepts the documented shape and refuses anything else', () => {
    expect(validGeoQuery({})).toBeNull();
    expect(validGeoQuery({ search: 'user.name:root', from: '2026-01-01', to: null, home: { lat: 1, lon: 2 } })).toBeNull();
    expect(validGeoQuery(null)).toMatch(/object/);
    expect(validGeoQuery({ search: 3 })).toMatch(/strings/);
    expect(validGeoQuery({ home: { lat: 91, lon: 0 } })).toMatch(/home/);
    expect(validGeoQuery({ home: { lat: Number.NaN, lon: 0 } })).toMatch(/home/);
  });
});
