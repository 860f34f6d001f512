/**
 * Strict IP address parsing for text that came out of logs (hostile: it may
 * be a host name, a port-suffixed address or garbage). Pure, no Node `net`,
 * so rules and views in any environment classify addresses the same way.
 */
export interface ParsedIp {
  version: 4 | 6;
  /** 4 bytes for IPv4, 16 for IPv6. */
  bytes: Uint8Array;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): Uint8Array | null {
  const m = V4.exec(s);
  if (!m) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = m[i + 1];
    // Leading zeros are refused: some stacks read them as octal, so "010.0.0.1" is ambiguous.
    if (part.length > 1 && part[0] === '0') return null;
    const n = Number(part);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

function parseGroups(part: string): number[] | null {
  if (part === '') return [];
  const out: number[] = [];
  const groups = part.split(':');
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (i === groups.length - 1 && g.includes('.')) {
      const v4 = parseV4(g);
      if (!v4) return null;
      out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
  }
  return out;
}

function parseV6(s: string): Uint8Array | null {
  // A zone id ("fe80::1%eth0") names an interface, not part of the address.
  const text = s.replace(/%[\w.-]+$/, '');
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0]);
  const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !tail) return null;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

export function parseIp(text: string): ParsedIp | null {
  const s = text.trim();
  if (s.length === 0 || s.length > 64) return null;
  if (s.includes(':')) {
    const bytes = parseV6(s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s);
    return bytes ? { version: 6, bytes } : null;
  }
  const bytes = parseV4(s);
  return bytes ? { version: 4, bytes } : null;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), else null. */
export function mappedV4(p: ParsedIp): Uint8Array | null {
  if (p.version !== 6) return null;
  for (let i = 0; i < 10; i++) if (p.bytes[i] !== 0) return null;
  return p.bytes[10] === 0xff && p.bytes[11] === 0xff ? p.bytes.slice(12) : null;
}

export function formatV4(bytes: Uint8Array): string {
  return Array.from(bytes).join('.');
}
