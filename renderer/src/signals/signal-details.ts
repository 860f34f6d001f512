/**
 * Pure shaping for triage: which signals a status filter shows, a
 * suppression query built from a signal's group key, and one line of text
 * saying why a stateful rule fired (its recorded baseline, places or steps).
 */
import type { SignalInfo } from '../../../engine/host/contract';

export type StatusFilter = 'active' | 'archived' | 'all';

export function filterByStatus<T extends Pick<SignalInfo, 'status'>>(signals: readonly T[], f: StatusFilter): T[] {
  if (f === 'all') return [...signals];
  return signals.filter((s) => (f === 'archived' ? s.status === 'archived' : s.status !== 'archived'));
}

/** `host.name=web-01, user.name=deploy` → `host.name:"web-01" user.name:"deploy"` (the explorer's search syntax). */
export function suppressionQueryFor(groupKey: string): string {
  const parts: string[] = [];
  for (const m of groupKey.matchAll(/(?:^|, )([@\w.-]+)=((?:(?!, [@\w.-]+=).)*)/g)) {
    if (m[2] !== '') parts.push(`${m[1]}:"${m[2].replace(/["\\]/g, (c) => '\\' + c)}"`);
  }
  return parts.join(' ');
}

const num = (x: unknown) => (typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(x));
const place = (p: Record<string, unknown>) => `${String(p.ip)}${p.city || p.country ? ` (${[p.city, p.country].filter(Boolean).join(', ')})` : ''}`;

export function describeDetails(d: Record<string, unknown> | null | undefined): string | null {
  if (!d) return null;
  switch (d.kind) {
    case 'anomaly': {
      const bs = (d.buckets as Record<string, unknown>[]) ?? [];
      return bs.map((b) => `${String(b.start).slice(0, 16).replace('T', ' ')}: ${num(b.observed)} events vs mean ${num(b.mean)} ± ${num(b.stddev)} (limit ${num(b.limit)}, ${num(b.historyBuckets)} buckets of history)`).join('; ');
    }
    case 'impossible_travel': {
      const speed = d.speedKmh === null || d.speedKmh === undefined ? 'at once' : `${num(d.speedKmh)} km/h`;
      return `${place(d.from as Record<string, unknown>)} → ${place(d.to as Record<string, unknown>)}: ${num(d.distanceKm)} km, ${speed}`;
    }
    case 'sequence':
      return ((d.steps as { name: string; eventIds: number[] }[]) ?? []).map((s) => `${s.name}: ${s.eventIds.length} event${s.eventIds.length === 1 ? '' : 's'}`).join(' → ');
    case 'new_value':
      return `new ${Object.entries((d.values as Record<string, unknown>) ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ')} (${num(d.knownValues)} known before; learned until ${String(d.learnedUntil).slice(0, 16).replace('T', ' ')})`;
    case 'threshold':
      return `up to ${num(d.maxCount)} events in a ${num(Number(d.timeframeMs) / 60000)}-minute window`;
    default:
      return null;
  }
}
