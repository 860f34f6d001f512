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
  // The common case, a stamp already as toISOString writes it (year 1000 on), costs one Date.parse.
  if (s.length === 24 && s.charCodeAt(23) === 90 && s.charCodeAt(10) === 84 && s.charCodeAt(0) !== 48) {
    const t = Date.parse(s);
    if (!Number.isNaN(t) && new Date(t).toISOString() === s) return { utc: s, zone: 'Z' };
  }
  const m = ISO.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, se = '0', frac = '', z] = m;
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  // A date that is not on the calendar (30 February, month 13) is refused, not rolled over;
  // 24:00:00 (end of day) and a leap second :60 roll over, as ISO 8601 and UTC mean them.
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > daysIn(+y, +mo)) return null;
  if (+mi > 59 || +se > 60 || +h > 24 || (+h === 24 && (+mi > 0 || +se > 0 || ms > 0))) return null;
  const when = new Date(Date.UTC(2000, +mo - 1, +d, +h, +mi, +se, ms));
  // Date.UTC reads years 0-99 as 1900-1999; the year is set on its own.
  when.setUTCFullYear(+y + (when.getUTCFullYear() - 2000), when.getUTCMonth(), when.getUTCDate());
  let t = when.getTime();
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

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(y: number, mo: number): number {
  return mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[mo - 1];
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
