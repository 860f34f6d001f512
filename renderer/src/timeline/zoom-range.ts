/**
 * Zoom maths for the timeline: d3-zoom's scale factor k is relative to the
 * home domain (the case's extent), so its limits follow from how narrow and
 * how wide a view may be: from about 200 years down to 10 milliseconds.
 */
import { MAX_SPAN_MS, MIN_SPAN_MS } from '../../../engine/views/timeline/bins';

export type Domain = [number, number];

/** [min k, max k] for a home domain: zoom out to MAX_SPAN_MS, in to MIN_SPAN_MS (never excluding k = 1). */
export function zoomScaleExtent(home: Domain): [number, number] {
  const span = Math.max(1, home[1] - home[0]);
  return [Math.min(1, span / MAX_SPAN_MS), Math.max(1, span / MIN_SPAN_MS)];
}

/** The domain on screen for a zoom transform (x' = x·k + tx) over a home domain drawn across the pixel range [r0, r1]. */
export function visibleDomain(home: Domain, range: [number, number], t: { k: number; x: number }): Domain {
  const msPerPx = (home[1] - home[0]) / Math.max(1, range[1] - range[0]);
  const at = (p: number) => home[0] + ((p - t.x) / t.k - range[0]) * msPerPx;
  return [Math.round(at(range[0])), Math.round(at(range[1]))];
}

/**
 * Whether bins for `have` (the range fetched, at binMs) still serve `want`:
 * the view is inside it and not zoomed in so far that bins became coarse.
 */
export function needsRefetch(have: { from: number; to: number; binMs: number } | null, want: Domain, width: number): boolean {
  if (!have) return true;
  if (want[0] < have.from || want[1] > have.to) return true;
  const pxPerBin = (have.binMs / (want[1] - want[0])) * width;
  return pxPerBin > 12;
}
