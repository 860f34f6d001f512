/**
 * Impossible travel: per user, each successful login is compared with the
 * user's previous one from a locatable address. If the two places are more
 * than `minDistanceKm` apart and covering the distance in the time between
 * them would take more than `maxSpeedKmh`, the pair raises a signal.
 * Private, reserved and unknown addresses (GeoLookup returns null) are
 * skipped: they neither fire nor become the reference point. The database's
 * accuracy radius, when given, is taken off the distance, so two fuzzy
 * city guesses do not make a traveller out of someone who stayed home.
 */
import type { GeoLookup, GeoPoint } from '../../geo/geo';
// The map's travel arcs use the same distance, so both views agree on a journey.
import { distanceKm } from '../../geo/travel';

export interface LoginEvent {
  id: number;
  t: number;
  user: string;
  ip: string;
}

export interface Place {
  ip: string;
  t: number;
  lat: number;
  lon: number;
  country: string | null;
  city: string | null;
}

export interface TravelHit {
  user: string;
  eventIds: [number, number];
  from: Place;
  to: Place;
  distanceKm: number;
  speedKmh: number;
}

export interface TravelParams {
  maxSpeedKmh: number;
  minDistanceKm: number;
}

interface Last {
  id: number;
  place: Place;
  accuracyKm: number;
}

export class ImpossibleTravelEvaluator {
  private last = new Map<string, Last>();

  constructor(
    private readonly geo: GeoLookup,
    private readonly p: TravelParams,
    private readonly emit: (h: TravelHit) => void,
  ) {}

  push(e: LoginEvent): void {
    const pt: GeoPoint | null = this.geo.lookup(e.ip);
    if (!pt) return;
    const here: Last = { id: e.id, place: { ip: e.ip, t: e.t, lat: pt.lat, lon: pt.lon, country: pt.countryCode ?? pt.country, city: pt.city }, accuracyKm: pt.accuracyKm ?? 0 };
    const prev = this.last.get(e.user);
    this.last.set(e.user, here);
    if (!prev || prev.place.ip === e.ip) return;
    const d = Math.max(0, distanceKm(prev.place, here.place) - prev.accuracyKm - here.accuracyKm);
    const hours = (e.t - prev.place.t) / 3_600_000;
    const speed = hours > 0 ? d / hours : Infinity;
    if (d > this.p.minDistanceKm && speed > this.p.maxSpeedKmh) {
      this.emit({ user: e.user, eventIds: [prev.id, e.id], from: prev.place, to: here.place, distanceKm: Math.round(d), speedKmh: Number.isFinite(speed) ? Math.round(speed) : speed });
    }
  }

  advance(_nowMs: number): void {}

  flush(): void {}
}
