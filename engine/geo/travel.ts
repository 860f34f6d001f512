/**
 * Impossible travel: one user's successive successful logins from places too
 * far apart for the time between them. Pure and shared: the map view calls
 * `findImpossibleTravel` on a batch; a streaming rule keeps each user's last
 * login and calls `travelBetween(last, next)` as logins arrive.
 */

export interface TravelLogin {
  user: string;
  ip: string;
  /** Milliseconds since the epoch, UTC. */
  time: number;
  lat: number;
  lon: number;
  countryCode?: string | null;
  city?: string | null;
}

export interface TravelPair {
  user: string;
  from: TravelLogin;
  to: TravelLogin;
  distanceKm: number;
  hours: number;
  /** Infinity when both logins have the same timestamp. */
  speedKmh: number;
}

export interface TravelThresholds {
  /** Faster than this is impossible (a jet is ~900 km/h). Default 1000. */
  minSpeedKmh: number;
  /** Closer than this is ignored: geolocation of one city is often off by hundreds of km. Default 500. */
  minDistanceKm: number;
}

export const DEFAULT_TRAVEL: TravelThresholds = { minSpeedKmh: 1000, minDistanceKm: 500 };

const EARTH_RADIUS_KM = 6371.0088; // mean radius (IUGG)
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance (haversine) in km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The pair if going from `a` to `b` (a earlier or equal) is impossible, else null. */
export function travelBetween(a: TravelLogin, b: TravelLogin, t: TravelThresholds = DEFAULT_TRAVEL): TravelPair | null {
  const km = distanceKm(a, b);
  if (km <= t.minDistanceKm) return null;
  const hours = Math.abs(b.time - a.time) / 3_600_000;
  const speedKmh = hours === 0 ? Infinity : km / hours;
  if (speedKmh <= t.minSpeedKmh) return null;
  return { user: a.user, from: a, to: b, distanceKm: km, hours, speedKmh };
}

/**
 * Every impossible hop between successive logins of the same user. Input in
 * any order; each user's logins are sorted by time (ties keep input order).
 */
export function findImpossibleTravel(logins: readonly TravelLogin[], t: TravelThresholds = DEFAULT_TRAVEL): TravelPair[] {
  const byUser = new Map<string, TravelLogin[]>();
  for (const l of logins) {
    const list = byUser.get(l.user);
    if (list) list.push(l);
    else byUser.set(l.user, [l]);
  }
  const out: TravelPair[] = [];
  for (const list of byUser.values()) {
    list.sort((x, y) => x.time - y.time);
    for (let i = 1; i < list.length; i++) {
      const p = travelBetween(list[i - 1], list[i], t);
      if (p) out.push(p);
    }
  }
  return out.sort((x, y) => x.to.time - y.to.time || x.user.localeCompare(y.user));
}
