import { describe, expect, it } from 'vitest';
import type { GeoSource, GeoView } from '../../../engine/views/geo/geo-types';
import { alpha2FromNumeric, arcLines, failureColor, failureRatio, ipSearch, MAX_RADIUS, parseHome, MIN_RADIUS, pointRadius, sourcesInCountry, speedText } from './map-shape';

const source = (ip: string, cc: string | null, lon: number, lat: number, success = 0, failure = 0): GeoSource => ({
  ip, class: 'public', point: { lat, lon, countryCode: cc, country: null, city: null, accuracyKm: null },
  count: success + failure, success, failure, users: [], userCount: 0, firstSeen: null, lastSeen: null,
});

describe('map shaping', () => {
  it('sizes points by the square root of their count, within bounds', () => {
    expect(pointRadius(100, 100)).toBe(MAX_RADIUS);
    expect(pointRadius(0, 100)).toBe(MIN_RADIUS);
    expect(pointRadius(25, 100)).toBeCloseTo(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) / 2);
    expect(pointRadius(5, 0)).toBe(MIN_RADIUS);
  });

  it('colours by failure ratio, grey when nothing had an outcome', () => {
    expect(failureRatio({ success: 1, failure: 3 })).toBe(0.75);
    expect(failureRatio({ success: 0, failure: 0 })).toBeNull();
    expect(failureColor(0)).toBe('rgb(50, 164, 103)');
    expect(failureColor(1)).toBe('rgb(231, 106, 110)');
    expect(failureColor(null)).toBe('#8f99a8');
  });

  it('maps world-atlas numeric country ids to the alpha-2 codes of the GeoIP data', () => {
    expect(alpha2FromNumeric('276')).toBe('DE');
    expect(alpha2FromNumeric('840')).toBe('US');
    expect(alpha2FromNumeric('036')).toBe('AU');
    expect(alpha2FromNumeric(undefined)).toBeNull();
    expect(alpha2FromNumeric('abc')).toBeNull();
  });

  it('finds a country’s sources by code, or by shape when the map has no code', () => {
    const located = [source('1.1.1.1', 'AU', 151, -33), source('2.2.2.2', 'DE', 13, 52), source('3.3.3.3', 'XK', 21, 42.6)];
    expect(sourcesInCountry(located, 'DE', () => false).map((s) => s.ip)).toEqual(['2.2.2.2']);
    expect(sourcesInCountry(located, null, (lon) => lon > 20 && lon < 22).map((s) => s.ip)).toEqual(['3.3.3.3']);
  });

  it('draws arcs only between placed ends', () => {
    const view = {
      located: [source('1.1.1.1', 'AU', 151, -33)],
      assets: [{ name: 'web-01', placement: 'home', lat: 50, lon: 8, count: 2 }, { name: 'db-01', placement: 'none', lat: null, lon: null, count: 1 }],
      arcs: [{ ip: '1.1.1.1', asset: 'web-01', count: 2, failure: 1 }, { ip: '1.1.1.1', asset: 'db-01', count: 1, failure: 0 }, { ip: '9.9.9.9', asset: 'web-01', count: 1, failure: 0 }],
    } as unknown as GeoView;
    expect(arcLines(view)).toEqual([{ key: '1.1.1.1\u0000web-01', from: [151, -33], to: [8, 50], count: 2, failure: 1 }]);
  });

  it('builds an explorer search for one address, quoting anything odd', () => {
    expect(ipSearch('185.220.101.47')).toBe('source.ip:185.220.101.47');
    expect(ipSearch('2001:db8::1')).toBe('source.ip:2001:db8::1');
    expect(ipSearch('evil" host')).toBe('source.ip:"evil\\" host"');
  });

  it('writes speeds as text', () => {
    expect(speedText(12345.6)).toBe('12,346 km/h');
    expect(speedText(null)).toBe('same instant');
  });

  it('reads a home point from text, refusing what is not a coordinate', () => {
    expect(parseHome(' 48.1', '11.6 ')).toEqual({ lat: 48.1, lon: 11.6 });
    expect(parseHome('91', '0')).toBeNull();
    expect(parseHome('', '0')).toBeNull();
    expect(parseHome('north', '0')).toBeNull();
  });
});
