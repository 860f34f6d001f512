/**
 * Byte-level helpers for the encoding modifiers (base64, base64offset,
 * utf16*, wide) and CIDR ranges. Environment-neutral: no Buffer, no btoa.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function utf16Bytes(s: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const out: number[] = bom ? (order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (order === 'le') out.push(c & 0xff, c >> 8);
    else out.push(c >> 8, c & 0xff);
  }
  return Uint8Array.from(out);
}

export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/**
 * The three base64 renderings of `bytes` as it appears at offsets 0, 1 and 2
 * of a larger encoded blob, trimmed to the characters that do not depend on
 * the neighbouring bytes (the classic base64offset construction).
 */
export function base64Offsets(bytes: Uint8Array): string[] {
  const start = [0, 2, 3];
  const end = [0, -3, -2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const shifted = new Uint8Array(i + bytes.length);
    shifted.fill(0x20, 0, i);
    shifted.set(bytes, i);
    const enc = base64(shifted);
    const e = end[(bytes.length + i) % 3];
    out.push(enc.slice(start[i], e === 0 ? undefined : e));
  }
  return out;
}

export interface CidrRange {
  version: 4 | 6;
  /** IPv4: decimal integer text; IPv6: 32 lowercase hex digits. */
  lo: string;
  hi: string;
}

export function parseCidr(text: string): CidrRange | null {
  const [addr, bitsText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(addr)) {
    const octets = addr.split('.').map(Number);
    if (octets.some((o) => o > 255)) return null;
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > 32) return null;
    const n = octets.reduce((a, o) => a * 256 + o, 0);
    const size = 2 ** (32 - bits);
    const lo = Math.floor(n / size) * size;
    return { version: 4, lo: String(lo), hi: String(lo + size - 1) };
  }
  const groups = expandIpv6(addr);
  if (!groups) return null;
  const bits = bitsText === undefined ? 128 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 128) return null;
  const n = BigInt('0x' + groups);
  const hostBits = BigInt(128 - bits);
  const lo = (n >> hostBits) << hostBits;
  const hi = lo + (1n << hostBits) - 1n;
  return { version: 6, lo: lo.toString(16).padStart(32, '0'), hi: hi.toString(16).padStart(32, '0') };
}

/** IPv6 text → 32 hex digits, or null. */
export function expandIpv6(addr: string): string | null {
  const a = addr.toLowerCase();
  if (!/^[0-9a-f:]+$/.test(a) || !a.includes(':')) return null;
  const halves = a.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => g.length === 0 || g.length > 4)) return null;
  return all.map((g) => g.padStart(4, '0')).join('');
}
