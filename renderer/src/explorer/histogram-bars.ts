/** Pure shaping for the time histogram: buckets → SVG rects, pixels → times. */
import type { Histogram } from '../../../engine/host/contract';

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  start: number;
  end: number;
  count: number;
}

/** One rect per non-empty bucket, heights scaled to the tallest bucket. */
export function histogramBars(h: Histogram, width: number, height: number, gap = 1): Bar[] {
  const n = h.starts.length;
  if (n === 0 || width <= 0 || height <= 0) return [];
  const max = Math.max(0, ...h.counts);
  if (max === 0) return [];
  const slot = width / n;
  const w = Math.max(1, slot - gap);
  const bars: Bar[] = [];
  for (let i = 0; i < n; i++) {
    const count = h.counts[i] ?? 0;
    if (count <= 0) continue;
    // Keep tiny counts visible next to huge ones.
    const bh = Math.max(2, (count / max) * height);
    bars.push({ x: i * slot, y: height - bh, width: w, height: bh, start: h.starts[i], end: h.starts[i] + h.bucketMs, count });
  }
  return bars;
}

/** Time span the histogram covers, or null when it has no buckets. */
export function histogramDomain(h: Histogram): [number, number] | null {
  if (h.starts.length === 0) return null;
  return [h.starts[0], h.starts[h.starts.length - 1] + h.bucketMs];
}

/** Pixel offset → time, clamped to the domain. */
export function xToTime(x: number, width: number, domain: [number, number]): number {
  const f = Math.min(1, Math.max(0, width > 0 ? x / width : 0));
  return Math.round(domain[0] + f * (domain[1] - domain[0]));
}

/** Time → pixel offset (unclamped, for drawing a selection). */
export function timeToX(t: number, width: number, domain: [number, number]): number {
  const span = domain[1] - domain[0];
  return span > 0 ? ((t - domain[0]) / span) * width : 0;
}

/**
 * A drag between two pixel offsets → an ISO [from, to) range snapped outward
 * to bucket edges, or null for a click too small to mean a range.
 */
export function dragToRange(x0: number, x1: number, width: number, h: Histogram, minPx = 3): { from: string; to: string } | null {
  const domain = histogramDomain(h);
  if (!domain || Math.abs(x1 - x0) < minPx) return null;
  const a = xToTime(Math.min(x0, x1), width, domain);
  const b = xToTime(Math.max(x0, x1), width, domain);
  const snap = (t: number, up: boolean) => {
    const k = (t - domain[0]) / h.bucketMs;
    return domain[0] + (up ? Math.ceil(k) : Math.floor(k)) * h.bucketMs;
  };
  const from = snap(a, false);
  const to = Math.max(snap(b, true), from + h.bucketMs);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
