/**
 * Time helpers. Every host in the sample logs in UTC, so the syslog stamp and
 * the ECS `@timestamp` of one moment agree without a timezone guess.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Milliseconds since the epoch for an ISO instant; throws on typos so a bad constant fails loudly. */
export function at(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad instant: ${iso}`);
  return t;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** RFC 3164 stamp, `Mar  4 03:12:45`: no year, day padded with a space, as rsyslog writes it. */
export function syslogStamp(t: number): string {
  const d = new Date(t);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${MONTHS[d.getUTCMonth()]} ${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

export function isoStamp(t: number): string {
  return new Date(t).toISOString();
}

/** Start of each UTC day that overlaps [from, to). */
export function daysBetween(from: number, to: number): number[] {
  const days: number[] = [];
  for (let d = Math.floor(from / DAY) * DAY; d < to; d += DAY) days.push(d);
  return days;
}

/** Saturday and Sunday, when the office is mostly quiet. */
export function isWeekend(t: number): boolean {
  const wd = new Date(t).getUTCDay();
  return wd === 0 || wd === 6;
}
