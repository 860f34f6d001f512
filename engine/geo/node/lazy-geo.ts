/**
 * The host's GeoIP database, opened on first use: reading it costs ~0.1 s and
 * 63 MB, which a case whose map is never opened should not pay.
 * A user's own City .mmdb (GeoLite2, GeoIP2) can replace the bundled DB-IP
 * data by setting VESTIGE_GEOIP_MMDB to its path.
 */
import type { GeoLookup } from '../geo';
import { openGeo, type OpenGeoOptions } from './open-geo';

export const GEOIP_ENV = 'VESTIGE_GEOIP_MMDB';

export function lazyGeo(opts: OpenGeoOptions = {}): () => Promise<GeoLookup> {
  let opening: Promise<GeoLookup> | null = null;
  const options = { ...opts, mmdbPath: opts.mmdbPath ?? (process.env[GEOIP_ENV] || undefined) };
  return () => {
    // A failed open is not remembered: the next call tries again (a file fixed, a path set).
    opening ??= openGeo(options).catch((e: unknown) => {
      opening = null;
      throw e;
    });
    return opening;
  };
}
