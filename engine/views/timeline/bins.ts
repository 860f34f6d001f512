/**
 * Binning maths for the timeline: how wide a bin is for a visible span and a
 * drawing width. Bins are aligned to the epoch so the same instant falls in
 * the same bin whatever the range asked, and zooming only splits bins.
 */

/** About one bin per this many pixels: dense enough to read, few enough to send. */
export const BIN_PX = 3;
export const MAX_BINS = 2000;
/** The narrowest view the zoom allows, and the widest (the UI clamps to these too). */
export const MIN_SPAN_MS = 10;
export const MAX_SPAN_MS = 200 * 365 * 86_400_000;

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
/** Bin widths a reader recognises, from a millisecond to a year. */
export const BIN_STEPS_MS: readonly number[] = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S,
  M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M,
  H, 2 * H, 3 * H, 6 * H, 12 * H,
  D, 2 * D, 7 * D, 14 * D, 30 * D, 91 * D, 182 * D, 365 * D,
];

export function binCount(width: number): number {
  return Math.max(1, Math.min(MAX_BINS, Math.floor(width / BIN_PX)));
}

/** The smallest recognisable bin width that covers `spanMs` in at most binCount(width) bins. */
export function binSize(spanMs: number, width: number): number {
  const want = Math.max(1, spanMs / binCount(width));
  const step = BIN_STEPS_MS.find((s) => s >= want);
  if (step !== undefined) return step;
  const year = BIN_STEPS_MS[BIN_STEPS_MS.length - 1];
  return Math.ceil(want / year) * year;
}

/** Widens [from, to) outward to whole bins. */
export function alignRange(from: number, to: number, binMs: number): [number, number] {
  const lo = Math.floor(from / binMs) * binMs;
  // `+ 0` turns the -0 of ceil(-0.2) into 0.
  const hi = Math.max(lo + binMs, Math.ceil(to / binMs) * binMs) + 0;
  return [lo, hi];
}

/**
 * The range to bin: the asked bounds (either may be absent) filled from the
 * extent, ordered, and kept within the zoom's limits around its centre.
 */
export function resolveRange(from: number | null, to: number | null, extent: [number, number]): [number, number] {
  let lo = from ?? extent[0];
  let hi = to ?? extent[1];
  if (hi < lo) [lo, hi] = [hi, lo];
  const span = hi - lo;
  if (span < MIN_SPAN_MS || span > MAX_SPAN_MS) {
    const mid = lo + span / 2;
    const half = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span)) / 2;
    lo = Math.floor(mid - half);
    hi = Math.ceil(mid + half);
  }
  return [lo, hi];
}

/** A little room either side of an extent so the first and last events are not on the edge. */
export function padExtent(lo: number, hi: number): [number, number] {
  const pad = Math.max(1000, (hi - lo) * 0.02);
  return [Math.floor(lo - pad), Math.ceil(hi + pad)];
}
