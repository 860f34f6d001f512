/** Pure shaping for the timeline chart: lane rows, density paths, signal rows, hit-testing and pivots. */
import type { LaneMode, TimelineData, TimelineSignal } from '../../../engine/views/timeline/timeline-types';

export const LANE_HEIGHT = 44;
export const LANE_GAP = 4;
/** Signals stack in up to this many rows per lane; more overlap the last row. */
export const SIGNAL_ROWS = 3;

export interface LaneDensity {
  lane: string;
  /** Bins in time order: start, end, count, and count as a share of the lane's busiest bin. */
  bins: { start: number; end: number; count: number; share: number }[];
  max: number;
}

export function laneDensities(d: TimelineData): LaneDensity[] {
  const out: LaneDensity[] = d.lanes.map((lane) => ({ lane, bins: [], max: 0 }));
  for (let i = 0; i < d.bins.count.length; i++) {
    const l = out[d.bins.lane[i]];
    if (!l) continue;
    l.bins.push({ start: d.bins.start[i], end: d.bins.start[i] + d.binMs, count: d.bins.count[i], share: 0 });
    l.max = Math.max(l.max, d.bins.count[i]);
  }
  for (const l of out) {
    l.bins.sort((a, b) => a.start - b.start);
    // A log scale so one burst does not flatten everything else in the lane.
    for (const b of l.bins) b.share = l.max > 0 ? Math.log1p(b.count) / Math.log1p(l.max) : 0;
  }
  return out;
}

export interface PlacedSignal extends TimelineSignal {
  row: number;
}

/** Greedy interval packing per lane (on screen pixels, so touching bars do not overlap visually). */
export function packSignals(signals: readonly TimelineSignal[], x: (t: number) => number, minPx = 6): Map<string, PlacedSignal[]> {
  const byLane = new Map<string, PlacedSignal[]>();
  const ends = new Map<string, number[]>();
  for (const s of [...signals].sort((a, b) => a.first - b.first || a.id.localeCompare(b.id))) {
    const x0 = x(s.first);
    const x1 = Math.max(x(s.last), x0 + minPx);
    const rows = ends.get(s.lane) ?? [];
    let row = rows.findIndex((end) => end + 2 <= x0);
    if (row < 0) row = rows.length < SIGNAL_ROWS ? rows.length : SIGNAL_ROWS - 1;
    rows[row] = Math.max(rows[row] ?? -Infinity, x1);
    ends.set(s.lane, rows);
    byLane.set(s.lane, [...(byLane.get(s.lane) ?? []), { ...s, row }]);
  }
  return byLane;
}

const LEVEL_COLOURS: Record<string, string> = {
  critical: '#e76a6e',
  high: '#eb6847',
  medium: '#f0b726',
  low: '#4c90f0',
  informational: '#8f99a8',
};

export function levelColour(level: string): string {
  return LEVEL_COLOURS[level.toLowerCase()] ?? '#8f99a8';
}

/** The bin of a lane holding time t, if any events are there. */
export function binAt(lane: LaneDensity, t: number): LaneDensity['bins'][number] | null {
  return lane.bins.find((b) => b.start <= t && t < b.end) ?? null;
}

/** A search term matching a lane value exactly, quoted so hostile text stays one term. */
export function fieldTerm(field: string, value: string): string {
  return `${field}:"${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

export type BinPivot = { kind: 'search'; search: string } | { kind: 'signal'; signalId: string };

/**
 * What a click on a bin opens: host and user lanes search their column; a
 * tactic lane has no column, so it opens the busiest signal of that lane
 * overlapping the bin (the explorer filters by one signal's events).
 */
export function binPivot(mode: LaneMode, lane: string, bin: { start: number; end: number }, signals: readonly TimelineSignal[]): BinPivot | null {
  if (mode === 'host') return { kind: 'search', search: fieldTerm('host.name', lane) };
  if (mode === 'user') return { kind: 'search', search: fieldTerm('user.name', lane) };
  const hits = signals.filter((s) => s.lane === lane && s.first < bin.end && s.last >= bin.start).sort((a, b) => b.events - a.events);
  return hits[0] ? { kind: 'signal', signalId: hits[0].id } : null;
}

/** One SVG path of density bars for a lane: bar height is the bin's share of `height`, bottom at `base`. */
export function densityPath(bins: LaneDensity['bins'], x: (t: number) => number, base: number, height: number, clip: [number, number]): string {
  let d = '';
  for (const b of bins) {
    const x0 = Math.max(clip[0], x(b.start));
    const x1 = Math.min(clip[1], Math.max(x(b.end), x(b.start) + 1));
    if (x1 <= x0) continue;
    const h = Math.max(1, b.share * height);
    d += `M${x0.toFixed(1)},${base}V${(base - h).toFixed(1)}H${x1.toFixed(1)}V${base}Z`;
  }
  return d;
}
