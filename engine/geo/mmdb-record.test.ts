import { describe, expect, it } from 'vitest';
import { Lru } from './lru';
import { countryName, pointFromRecord } from './mmdb-record';

describe('pointFromRecord', () => {
  it('reads the flat DB-IP layout', () => {
    const p = pointFromRecord({ city: 'Berlin', country_code: 'DE', latitude: 52.52, longitude: 13.405, state1: 'State of Berlin' });
    expect(p).toEqual({ lat: 52.52, lon: 13.405, countryCode: 'DE', country: 'Germany', city: 'Berlin', accuracyKm: null });
  });

  it('reads the nested MaxMind City layout with its accuracy radius', () => {
    const p = pointFromRecord({
      city: { names: { en: 'Mountain View', de: 'Mountain View' } },
      country: { iso_code: 'US', names: { en: 'United States' } },
      location: { latitude: 37.4, longitude: -122.1, accuracy_radius: 1000 },
    });
    expect(p).toEqual({ lat: 37.4, lon: -122.1, countryCode: 'US', country: 'United States', city: 'Mountain View', accuracyKm: 1000 });
  });

  it('refuses records without a usable place, and ignores malformed fields', () => {
    expect(pointFromRecord(null)).toBeNull();
    expect(pointFromRecord({ country: { iso_code: 'FR' } })).toBeNull(); // country only
    expect(pointFromRecord({ latitude: 91, longitude: 0 })).toBeNull();
    expect(pointFromRecord({ latitude: '1', longitude: 2 })).toBeNull();
    expect(pointFromRecord({ latitude: 1, longitude: 2, country_code: '<b>', city: 42 })).toEqual({
      lat: 1, lon: 2, countryCode: null, country: null, city: null, accuracyKm: null,
    });
  });

  it('names countries from the ISO code', () => {
    expect(countryName('JP')).toBe('Japan');
    expect(countryName('zz')).toBeNull();
    expect(countryName(null)).toBeNull();
  });
});

describe('Lru', () => {
  it('evicts the least recently used key', () => {
    const c = new Lru<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1); // a is now the most recent
    c.set('c', 3);
    expect(c.has('b')).toBe(false);
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
    expect(c.size).toBe(2);
  });

  it('caches null values too (unknown addresses are looked up once)', () => {
    const c = new Lru<string, null>(1);
    c.set('x', null);
    expect(c.has('x')).toBe(true);
    expect(c.get('x')).toBeNull();
  });
});
