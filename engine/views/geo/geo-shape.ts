/**
 * Shapes the map's query results: classifies and geolocates each source,
 * places assets, keeps arcs that can be drawn, and finds impossible travel.
 * Pure: the lookup is passed in, so tests need no database file.
 */
import type { GeoPoint } from '../../geo/geo';
import { classifyIp } from '../../geo/ip-class';
import { findImpossibleTravel, type TravelLogin, type TravelPair } from '../../geo/travel';
import { LIMITS, type ArcRow, type LoginRow, type SourceRow } from './geo-sql';
import type { GeoArc, GeoAsset, GeoSource, GeoTravel, GeoTravelEnd, GeoView } from './geo-types';

export interface GeoInput {
  sources: SourceRow[];
  arcs: ArcRow[];
  logins: LoginRow[];
  lookup: (ip: string) => GeoPoint | null;
  attribution: string;
  home: { lat: number; lon: number } | null;
}

const iso = (ms: bigint | number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

function userList(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}

function toSource(r: SourceRow, lookup: GeoInput['lookup']): GeoSource {
  const cls = classifyIp(r.ip);
  return {
    ip: r.ip,
    class: cls,
    point: cls === 'public' ? lookup(r.ip) : null,
    count: Number(r.n),
    success: Number(r.ok),
    failure: Number(r.ko),
    users: userList(r.users),
    userCount: Number(r.nu),
    firstSeen: iso(r.first),
    lastSeen: iso(r.last),
  };
}

function placeAsset(name: string, count: number, input: GeoInput): GeoAsset {
  const p = classifyIp(name) === 'public' ? input.lookup(name) : null;
  if (p) return { name, placement: 'geo', lat: p.lat, lon: p.lon, count };
  if (input.home) return { name, placement: 'home', lat: input.home.lat, lon: input.home.lon, count };
  return { name, placement: 'none', lat: null, lon: null, count };
}

const end = (l: TravelLogin): GeoTravelEnd => ({
  ip: l.ip,
  time: new Date(l.time).toISOString(),
  lat: l.lat,
  lon: l.lon,
  countryCode: l.countryCode ?? null,
  city: l.city ?? null,
});

function toTravel(p: TravelPair): GeoTravel {
  return {
    user: p.user,
    from: end(p.from),
    to: end(p.to),
    distanceKm: Math.round(p.distanceKm),
    speedKmh: Number.isFinite(p.speedKmh) ? Math.round(p.speedKmh) : null,
  };
}

/** Successive geolocated logins per user; logins from unplaced addresses do not break a chain. */
export function travelLogins(rows: LoginRow[], lookup: GeoInput['lookup']): TravelLogin[] {
  const out: TravelLogin[] = [];
  for (const r of rows) {
    const p = lookup(r.ip);
    if (p) out.push({ user: r.user, ip: r.ip, time: Number(r.t), lat: p.lat, lon: p.lon, countryCode: p.countryCode, city: p.city });
  }
  return out;
}

export function shapeGeoView(input: GeoInput): GeoView {
  const truncated = input.sources.length > LIMITS.sources || input.arcs.length > LIMITS.arcs || input.logins.length > LIMITS.logins;
  const sources = input.sources.slice(0, LIMITS.sources).map((r) => toSource(r, input.lookup));
  const located = sources.filter((s) => s.point);
  const unlocated = sources.filter((s) => s.class === 'public' && !s.point);
  const local = sources.filter((s) => s.class !== 'public');

  const totals = new Map<string, number>();
  for (const a of input.arcs.slice(0, LIMITS.arcs)) totals.set(a.asset, (totals.get(a.asset) ?? 0) + Number(a.n));
  const assets = [...totals].map(([name, n]) => placeAsset(name, n, input)).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const placed = new Set(assets.filter((a) => a.placement !== 'none').map((a) => a.name));
  const locatedIps = new Set(located.map((s) => s.ip));
  const arcs: GeoArc[] = input.arcs
    .slice(0, LIMITS.arcs)
    .filter((a) => locatedIps.has(a.ip) && placed.has(a.asset))
    .map((a) => ({ ip: a.ip, asset: a.asset, count: Number(a.n), failure: Number(a.ko) }));

  const logins = travelLogins(input.logins.slice(0, LIMITS.logins), input.lookup);
  return {
    located,
    unlocated,
    local,
    assets,
    arcs,
    travel: findImpossibleTravel(logins).map(toTravel),
    home: input.home,
    attribution: input.attribution,
    truncated,
  };
}
