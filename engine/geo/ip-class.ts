/**
 * What kind of address a log gave us, before any geolocation: only 'public'
 * addresses have a place on a map. Ranges are from the IANA special-purpose
 * registries (RFC 6890 and successors).
 */
import { mappedV4, parseIp, type ParsedIp } from './ip-parse';

/** 'invalid': the text is not an IP address at all (host names, garbage). */
export type IpClass = 'private' | 'loopback' | 'reserved' | 'public' | 'invalid';

type Range = readonly [prefix: readonly number[], bits: number, cls: Exclude<IpClass, 'public' | 'invalid'>];

// Link-local and CGNAT count as 'private': they are someone's local network, not a place.
const V4_RANGES: readonly Range[] = [
  [[0], 8, 'reserved'], // "this network"
  [[10], 8, 'private'],
  [[100, 64], 10, 'private'], // CGNAT, RFC 6598
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'private'], // link-local
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'], // IETF protocol assignments
  [[192, 0, 2], 24, 'reserved'], // TEST-NET-1 (documentation)
  [[192, 88, 99], 24, 'reserved'], // deprecated 6to4 relay anycast
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'reserved'], // benchmarking
  [[198, 51, 100], 24, 'reserved'], // TEST-NET-2
  [[203, 0, 113], 24, 'reserved'], // TEST-NET-3
  [[224], 4, 'reserved'], // multicast
  [[240], 4, 'reserved'], // future use, and the limited broadcast address
];

const V6_RANGES: readonly Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 128, 'reserved'], // unspecified
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'reserved'], // discard-only
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'reserved'], // documentation
  [[0x3f, 0xff], 20, 'reserved'], // documentation, RFC 9637
  [[0x20, 0x01, 0x00, 0x02, 0, 0], 48, 'reserved'], // benchmarking
  [[0xfc], 7, 'private'], // unique local
  [[0xfe, 0x80], 10, 'private'], // link-local
  [[0xfe, 0xc0], 10, 'private'], // deprecated site-local
  [[0xff], 8, 'reserved'], // multicast
];

function inRange(bytes: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((bytes[i] & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function classOf(bytes: Uint8Array, ranges: readonly Range[]): IpClass {
  for (const [prefix, bits, cls] of ranges) if (inRange(bytes, prefix, bits)) return cls;
  return 'public';
}

export function classifyParsed(p: ParsedIp): IpClass {
  if (p.version === 4) return classOf(p.bytes, V4_RANGES);
  // An IPv4-mapped address is the IPv4 address it carries.
  const v4 = mappedV4(p);
  if (v4) return classOf(v4, V4_RANGES);
  const cls = classOf(p.bytes, V6_RANGES);
  // Only 2000::/3 is allocated as global unicast; anything else is not a place.
  return cls === 'public' && (p.bytes[0] & 0xe0) !== 0x20 ? 'reserved' : cls;
}

export function classifyIp(ip: string): IpClass {
  const p = parseIp(ip);
  return p ? classifyParsed(p) : 'invalid';
}
