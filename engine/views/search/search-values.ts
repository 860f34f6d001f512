/** Reading the values of a search: numbers, times (absolute or `now-1h`), CIDR blocks. */
import { parseCidr, type CidrRange } from '../../detect/sigma/rule/encode';

const NUMBER = /^-?\d+(\.\d+)?$/;
const TIME = /^\d{4}-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const RELATIVE = /^now(?:([+-])(\d+)([smhdw]))?$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60000, h: 3600000, d: 86400000, w: 7 * 86400000 };

export function asNumber(v: string): number | null {
  return NUMBER.test(v) ? Number(v) : null;
}

/**
 * A time bound as an ISO UTC string, or null. Times without a zone are UTC
 * (like every stored `@timestamp`), not the host's local time.
 */
export function asTime(v: string, now = Date.now()): string | null {
  const rel = RELATIVE.exec(v);
  if (rel) {
    const delta = rel[1] ? Number(rel[2]) * UNIT_MS[rel[3]] * (rel[1] === '-' ? -1 : 1) : 0;
    return new Date(now + delta).toISOString();
  }
  if (!TIME.test(v)) return null;
  let text = v.replace(' ', 'T');
  if (/^\d{4}-\d{2}$/.test(text)) text += '-01';
  const hasTime = text.includes('T');
  if (hasTime && !/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z';
  if (hasTime && /T\d{2}(Z|[+-])/.test(text)) text = text.replace(/T(\d{2})/, 'T$1:00');
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** An unquoted `addr/bits` as a CIDR range; plain addresses are left to equality. */
export function asCidr(v: string): CidrRange | null {
  return v.includes('/') ? parseCidr(v) : null;
}
