/**
 * Turns one MaxMind-format (.mmdb) record into a GeoPoint. Two layouts exist
 * in the wild: MaxMind's own (GeoLite2/GeoIP2 City: nested `country.iso_code`,
 * `location.latitude`, names per language) and the flat one of the
 * ip-location-db packages (DB-IP Lite: `country_code`, `latitude`, `city`).
 * Records come from a file the user may have supplied: every field is checked.
 */
import type { GeoPoint } from './geo';

type Rec = Record<string, unknown>;

const obj = (v: unknown): Rec | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const en = (v: unknown): string | null => str(obj(obj(v)?.names)?.en);

let regionNames: Intl.DisplayNames | null | undefined;
/** English country name from an ISO code, via the runtime's ICU data (no table of our own). */
export function countryName(code: string | null): string | null {
  if (!code || !/^[A-Z]{2}$/.test(code)) return null;
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      regionNames = null; // a runtime built without ICU region data
    }
  }
  try {
    const n = regionNames?.of(code);
    return n && n !== code ? n : null;
  } catch {
    return null;
  }
}

export function pointFromRecord(record: unknown): GeoPoint | null {
  const r = obj(record);
  if (!r) return null;
  const loc = obj(r.location);
  const lat = num(loc?.latitude) ?? num(r.latitude);
  const lon = num(loc?.longitude) ?? num(r.longitude);
  if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  const rawCode = str(obj(r.country)?.iso_code) ?? str(obj(r.registered_country)?.iso_code) ?? str(r.country_code);
  const countryCode = rawCode && /^[A-Za-z]{2}$/.test(rawCode) ? rawCode.toUpperCase() : null;
  return {
    lat,
    lon,
    countryCode,
    country: en(r.country) ?? countryName(countryCode),
    city: en(r.city) ?? str(r.city),
    accuracyKm: num(loc?.accuracy_radius),
  };
}
