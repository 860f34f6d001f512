/** Times are shown in UTC everywhere: investigators correlate across hosts and zones. */

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
  return `${formatUtcShort(first)} → ${formatUtcShort(last)}${span ? ` (${span})` : ''}`;
}
