/** Time parsing shared by the parsers: everything is stored as UTC. */

export interface ParsedTime {
  /** ISO 8601 UTC with milliseconds, e.g. 2026-03-14T03:12:45.000Z */
  utc: string;
  /** The offset or zone text the source gave ('+02:00', 'Z'), or null when it gave none. */
  zone: string | null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses ISO-8601-like stamps; a stamp without zone is taken as UTC (zone null). */
export function parseIsoTime(s: string): ParsedTime | null {
  const m = ISO.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, se = '0', frac = '', z] = m;
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se, ms);
  if (Number.isNaN(t)) return null;
  let zone: string | null = null;
  if (z) {
    zone = z.toUpperCase() === 'Z' ? 'Z' : normOffset(z);
    if (zone !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      t -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60000;
    }
  }
  const date = new Date(t);
  if (Number.isNaN(date.getTime())) return null;
  return { utc: date.toISOString(), zone };
}

function normOffset(z: string): string {
  const digits = z.slice(1).replace(':', '');
  return `${z[0]}${digits.slice(0, 2)}:${(digits.slice(2) || '00').padEnd(2, '0')}`;
}

/** Epoch seconds, milliseconds or microseconds, told apart by magnitude. */
export function parseEpoch(n: number): ParsedTime | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  const ms = n > 1e14 ? n / 1000 : n > 1e11 ? n : n * 1000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : { utc: d.toISOString(), zone: 'Z' };
}

export const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};
