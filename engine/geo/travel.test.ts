import { describe, expect, it } from 'vitest';
import { distanceKm, findImpossibleTravel, travelBetween, type TravelLogin } from './travel';

// City centres; reference distances from the haversine on a 6371 km sphere.
const BERLIN = { lat: 52.52, lon: 13.405 };
const PARIS = { lat: 48.8566, lon: 2.3522 };
const NEW_YORK = { lat: 40.7128, lon: -74.006 };
const POTSDAM = { lat: 52.3906, lon: 13.0645 };
const SYDNEY = { lat: -33.8688, lon: 151.2093 };

const at = (user: string, ip: string, iso: string, p: { lat: number; lon: number }): TravelLogin => ({ user, ip, time: Date.parse(iso), ...p });

describe('distanceKm', () => {
  it('matches known great-circle distances', () => {
    expect(distanceKm(BERLIN, PARIS)).toBeCloseTo(878, -1);
    expect(distanceKm(BERLIN, NEW_YORK)).toBeCloseTo(6385, -1);
    expect(distanceKm(BERLIN, BERLIN)).toBe(0);
    // Antipodes: half the circumference, no NaN from rounding.
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371.0088, 3);
    expect(distanceKm({ lat: 10, lon: 179.5 }, { lat: 10, lon: -179.5 })).toBeLessThan(120); // across the date line
  });
});

describe('travelBetween', () => {
  it('flags Berlin → New York in 2 hours (~3,200 km/h) and not in 8 hours (~800 km/h)', () => {
    const a = at('alice', '1.1.1.1', '2026-03-14T08:00:00Z', BERLIN);
    const fast = travelBetween(a, at('alice', '2.2.2.2', '2026-03-14T10:00:00Z', NEW_YORK))!;
    expect(fast.distanceKm).toBeCloseTo(6385, -1);
    expect(fast.hours).toBe(2);
    expect(fast.speedKmh).toBeGreaterThan(3000);
    expect(travelBetween(a, at('alice', '2.2.2.2', '2026-03-14T16:00:00Z', NEW_YORK))).toBeNull();
  });

  it('ignores short hops however fast: geolocation is not that precise', () => {
    const a = at('bob', '1.1.1.1', '2026-03-14T08:00:00Z', BERLIN);
    expect(travelBetween(a, at('bob', '3.3.3.3', '2026-03-14T08:00:01Z', POTSDAM))).toBeNull();
  });

  it('treats the same instant in two far places as infinitely fast', () => {
    const a = at('bob', '1.1.1.1', '2026-03-14T08:00:00Z', BERLIN);
    expect(travelBetween(a, at('bob', '4.4.4.4', '2026-03-14T08:00:00Z', SYDNEY))!.speedKmh).toBe(Infinity);
  });

  it('honours custom thresholds', () => {
    const a = at('c', '1.1.1.1', '2026-03-14T08:00:00Z', BERLIN);
    const b = at('c', '2.2.2.2', '2026-03-14T10:00:00Z', PARIS); // ~439 km/h
    expect(travelBetween(a, b)).toBeNull();
    expect(travelBetween(a, b, { minSpeedKmh: 400, minDistanceKm: 500 })).not.toBeNull();
  });
});

describe('findImpossibleTravel', () => {
  it('pairs successive logins per user only, whatever the input order', () => {
    const logins = [
      at('alice', '2.2.2.2', '2026-03-14T09:00:00Z', NEW_YORK),
      at('bob', '5.5.5.5', '2026-03-14T08:30:00Z', SYDNEY), // bob is never compared with alice
      at('alice', '1.1.1.1', '2026-03-14T08:00:00Z', BERLIN),
      at('alice', '2.2.2.3', '2026-03-14T20:00:00Z', NEW_YORK), // same city, later: fine
      at('alice', '6.6.6.6', '2026-03-14T21:00:00Z', PARIS), // NY → Paris in 1 h
    ];
    const pairs = findImpossibleTravel(logins);
    expect(pairs.map((p) => [p.user, p.from.ip, p.to.ip])).toEqual([
      ['alice', '1.1.1.1', '2.2.2.2'],
      ['alice', '2.2.2.3', '6.6.6.6'],
    ]);
  });

  it('finds nothing for one login or none', () => {
    expect(findImpossibleTravel([])).toEqual([]);
    expect(findImpossibleTravel([at('a', '1.1.1.1', '2026-03-14T08:00:00Z', BERLIN)])).toEqual([]);
  });
});
