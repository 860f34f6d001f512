/**
 * The map's data (`views.geo`): where the sources of authentication events and
 * network flows are, what they reached, and impossible travel. Plain JSON so
 * it crosses every transport unchanged.
 */
import type { GeoPoint } from '../../geo/geo';
import type { IpClass } from '../../geo/ip-class';

/** Where assets with no place of their own are drawn; kept in the case (`geo-home.ts`). */
export interface GeoHome {
  lat: number;
  lon: number;
}

export interface GeoQuery {
  /** Explorer-style search, ANDed with the view's own filter. */
  search?: string | null;
  /** ISO UTC bounds, inclusive start, exclusive end. */
  from?: string | null;
  to?: string | null;
  /**
   * Where assets with no place of their own (host names, private addresses)
   * are drawn. Without it they are only listed: a made-up default point would
   * draw arcs to somewhere the network is not. Absent: the case's saved home
   * point (`geo.setHome`); null: none.
   */
  home?: GeoHome | null;
}

export interface GeoSource {
  ip: string;
  class: IpClass;
  /** Null for non-public addresses and public ones the database does not know. */
  point: GeoPoint | null;
  count: number;
  success: number;
  failure: number;
  /** Distinct user names, sorted, at most 10 (`userCount` has them all). */
  users: string[];
  userCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface GeoAsset {
  /** host.name, or destination.ip for network flows. */
  name: string;
  placement: 'geo' | 'home' | 'none';
  lat: number | null;
  lon: number | null;
  count: number;
}

export interface GeoArc {
  ip: string;
  asset: string;
  count: number;
  failure: number;
}

export interface GeoTravelEnd {
  ip: string;
  time: string;
  lat: number;
  lon: number;
  countryCode: string | null;
  city: string | null;
}

export interface GeoTravel {
  user: string;
  from: GeoTravelEnd;
  to: GeoTravelEnd;
  distanceKm: number;
  /** Null when both logins carry the same timestamp (infinitely fast). */
  speedKmh: number | null;
}

export interface GeoView {
  /** Public sources with a place, most events first. */
  located: GeoSource[];
  /** Public sources the database has no place for. */
  unlocated: GeoSource[];
  /** Private, loopback, reserved and non-address sources, listed apart. */
  local: GeoSource[];
  assets: GeoAsset[];
  /** From located sources to placed assets. */
  arcs: GeoArc[];
  travel: GeoTravel[];
  /** The home point used: the query's, or the case's saved one. */
  home: GeoHome | null;
  attribution: string;
  /** True when a cap cut sources, arcs or logins (the biggest are kept). */
  truncated: boolean;
}

const isOptStr = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const inRange = (v: unknown, max: number) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= max;

/** A home point, or null (none): latitude -90..90, longitude -180..180, finite numbers, nothing else. */
export function validGeoHome(h: unknown): string | null {
  if (h === null) return null;
  if (typeof h !== 'object' || Array.isArray(h)) return 'home must be {lat: -90..90, lon: -180..180} or null';
  const o = h as Record<string, unknown>;
  if (!inRange(o.lat, 90) || !inRange(o.lon, 180) || Object.keys(o).some((k) => k !== 'lat' && k !== 'lon')) return 'home must be {lat: -90..90, lon: -180..180} or null';
  return null;
}

/** The argument check for `views.geo`, used by the contract's validator table. */
export function validGeoQuery(q: unknown): string | null {
  if (typeof q !== 'object' || q === null) return 'query must be an object';
  const o = q as Record<string, unknown>;
  if (!isOptStr(o.search) || !isOptStr(o.from) || !isOptStr(o.to)) return 'search/from/to must be strings';
  return o.home === undefined ? null : validGeoHome(o.home);
}
