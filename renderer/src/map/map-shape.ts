/**
 * Pure shaping for the map: sizes, colours, arc endpoints, which sources a
 * clicked country holds, and the explorer search for one address.
 */
import type { GeoSource, GeoView } from '../../../engine/views/geo/geo-types';

export const MIN_RADIUS = 3;
export const MAX_RADIUS = 18;

/** Area grows with the count (sqrt), so a 100-event source is not 100 times wider. */
export function pointRadius(count: number, maxCount: number): number {
  if (maxCount <= 0 || count <= 0) return MIN_RADIUS;
  return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(Math.min(count, maxCount) / maxCount);
}

/** Share of events that failed, among those with an outcome; null when none had one. */
export function failureRatio(s: Pick<GeoSource, 'success' | 'failure'>): number | null {
  const n = s.success + s.failure;
  return n === 0 ? null : s.failure / n;
}

const GREEN = [50, 164, 103];
const RED = [231, 106, 110];
const GREY = '#8f99a8';

/** Green (all succeeded) through red (all failed); grey when no event had an outcome (network flows). */
export function failureColor(ratio: number | null): string {
  if (ratio === null) return GREY;
  const r = Math.max(0, Math.min(1, ratio));
  const mix = (i: number) => Math.round(GREEN[i] + (RED[i] - GREEN[i]) * r);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/**
 * world-atlas names countries by ISO 3166-1 numeric code ("276"); the GeoIP
 * data by alpha-2 ("DE"). The runtime's CLDR data maps one to the other when
 * canonicalising a locale (und-276 → und-DE), so no table of our own.
 */
export function alpha2FromNumeric(id: string | number | undefined | null): string | null {
  if (id === undefined || id === null || !/^\d{3}$/.test(String(id))) return null;
  try {
    const region = Intl.getCanonicalLocales(`und-${String(id)}`)[0]?.split('-')[1];
    return region && /^[A-Z]{2}$/.test(region) ? region : null;
  } catch {
    return null;
  }
}

/**
 * The located sources of a clicked country: by country code where the map
 * has one, else (Kosovo, N. Cyprus, Somaliland carry no code in world-atlas)
 * those whose point lies inside the shape.
 */
export function sourcesInCountry(located: readonly GeoSource[], code: string | null, contains: (lon: number, lat: number) => boolean): GeoSource[] {
  return located.filter((s) => s.point && (code ? s.point.countryCode === code : contains(s.point.lon, s.point.lat)));
}

export interface ArcLine {
  key: string;
  from: [number, number];
  to: [number, number];
  count: number;
  failure: number;
}

/** Arcs as [lon, lat] pairs, for the ones whose two ends have a place. */
export function arcLines(view: GeoView): ArcLine[] {
  const src = new Map(view.located.map((s) => [s.ip, s.point]));
  const dst = new Map(view.assets.filter((a) => a.lat !== null && a.lon !== null).map((a) => [a.name, [a.lon as number, a.lat as number] as [number, number]]));
  const out: ArcLine[] = [];
  for (const a of view.arcs) {
    const p = src.get(a.ip);
    const to = dst.get(a.asset);
    if (p && to) out.push({ key: `${a.ip}\u0000${a.asset}`, from: [p.lon, p.lat], to, count: a.count, failure: a.failure });
  }
  return out;
}

/** The explorer search for one source address; anything that is not a plain address is quoted. */
export function ipSearch(ip: string): string {
  return /^[0-9a-fA-F.:]+$/.test(ip) ? `source.ip:${ip}` : `source.ip:"${ip.replace(/["\\]/g, (c) => '\\' + c)}"`;
}

/** "12,345 km/h", or "same instant" for logins with one timestamp. */
export function speedText(kmh: number | null): string {
  return kmh === null ? 'same instant' : `${Math.round(kmh).toLocaleString('en-US')} km/h`;
}

/** A place as short text: "Berlin, DE", "DE", or "?". */
export function placeText(p: { city: string | null; countryCode: string | null } | null): string {
  if (!p) return '?';
  return [p.city, p.countryCode].filter(Boolean).join(', ') || '?';
}

/** The home point from two text fields, or null when either is not a coordinate. */
export function parseHome(lat: string, lon: string): { lat: number; lon: number } | null {
  const a = Number(lat.trim());
  const o = Number(lon.trim());
  if (lat.trim() === '' || lon.trim() === '' || !Number.isFinite(a) || !Number.isFinite(o)) return null;
  return Math.abs(a) <= 90 && Math.abs(o) <= 180 ? { lat: a, lon: o } : null;
}
