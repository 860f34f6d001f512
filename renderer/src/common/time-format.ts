/**
 * Times are shown in UTC by default: investigators correlate across hosts and
 * zones. The analyst may switch the display zone (local or any IANA zone);
 * stored data is always UTC and never rewritten.
 */

let zone = 'UTC';

/** 'UTC', 'local', or an IANA zone name such as 'Europe/Berlin'. */
export function setDisplayZone(z: string): void {
  zone = z;
}

export function displayZone(): string {
  return zone;
}

/** Zones offered in the picker: UTC, the browser's own, and a few common ones. */
export function zoneChoices(): string[] {
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return [...new Set(['UTC', local, 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'])];
}

function partsIn(d: Date, tz: string): Record<string, string> {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz === 'local' ? undefined : tz,
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23', timeZoneName: 'longOffset',
  });
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

/** A time in the display zone: ISO-like with the zone's offset (`2024-03-01T14:00:00.000+02:00`), or ISO UTC. */
export function formatTime(value: number | string | Date | null | undefined, tz = zone): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  if (!Number.isFinite(d.getTime())) return String(value);
  if (tz === 'UTC') return d.toISOString();
  const p = partsIn(d, tz);
  const off = (p.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
  const ms = String(d.getUTCMilliseconds()).padStart(3, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${ms}${off}`;
}

/** Compact display-zone form for narrow places: `2024-03-01 12:00:05`. */
export function formatTimeShort(value: number | string | null | undefined, tz = zone): string {
  const s = formatTime(value, tz);
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(s);
  return m ? `${m[1]} ${m[2]}` : s;
}

/** ms since epoch, ISO string or Date → `2024-03-01T12:00:00.000Z`; '' when absent or invalid. */
export function formatUtc(value: number | string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  const t = d.getTime();
  return Number.isFinite(t) ? d.toISOString() : String(value);
}

/** Compact form for narrow places: `2024-03-01 12:00:05`. */
export function formatUtcShort(value: number | string | null | undefined): string {
  const iso = formatUtc(value);
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

/** A duration as the two largest units: `3d 4h`, `12m 5s`, `250ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  // The largest non-zero unit and the one just below it, so `1d 0h 0m 30s` reads `1d`.
  const top = units.findIndex(([, size]) => ms >= size);
  const parts: string[] = [];
  let rest = ms;
  for (const [name, size] of units.slice(top, top + 2)) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${name}`);
    rest -= n * size;
  }
  return parts.join(' ');
}

/** `first → last (span)` for the case bar; '' when the case has no timed events. */
export function formatSpan(first: string | null, last: string | null): string {
  if (!first || !last) return '';
  const a = Date.parse(first);
  const b = Date.parse(last);
  const span = Number.isFinite(a) && Number.isFinite(b) ? formatDuration(b - a) : '';
  return `${formatTimeShort(first)} → ${formatTimeShort(last)}${span ? ` (${span})` : ''}`;
}
