/**
 * Offline GeoIP: where an address is. The Node host backs this with an
 * MaxMind-format database shipped in an npm package (or a user's own .mmdb);
 * the engine only sees this interface, so rules (impossible travel) and views
 * (the map) work the same with any database.
 */
export interface GeoPoint {
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2 code, e.g. 'DE'. */
  countryCode: string | null;
  country: string | null;
  city: string | null;
  /** Radius of uncertainty in km, when the database says. */
  accuracyKm: number | null;
}

export interface GeoLookup {
  /** Null for private, reserved or unknown addresses. */
  lookup(ip: string): GeoPoint | null;
  /** What the data is and its licence, shown in the app. */
  readonly attribution: string;
}
