import { describe, expect, it } from 'vitest';
import { MAX_SPAN_MS, MIN_SPAN_MS } from '../../../engine/views/timeline/bins';
import { needsRefetch, visibleDomain, zoomScaleExtent } from './zoom-range';

const DAY = 86_400_000;

describe('timeline zoom ranges', () => {
  it('allows zooming from centuries down to milliseconds', () => {
    const [lo, hi] = zoomScaleExtent([0, 30 * DAY]);
    expect((30 * DAY) / lo).toBeCloseTo(MAX_SPAN_MS);
    expect((30 * DAY) / hi).toBeCloseTo(MIN_SPAN_MS);
    expect(zoomScaleExtent([0, 1])).toEqual([1 / MAX_SPAN_MS, 1]);
  });

  it('maps a zoom transform back to the visible domain', () => {
    expect(visibleDomain([0, 1000], [0, 100], { k: 1, x: 0 })).toEqual([0, 1000]);
    expect(visibleDomain([0, 1000], [0, 100], { k: 2, x: 0 })).toEqual([0, 500]);
    expect(visibleDomain([0, 1000], [0, 100], { k: 2, x: -100 })).toEqual([500, 1000]);
    expect(visibleDomain([0, 1000], [0, 100], { k: 0.5, x: 25 })).toEqual([-500, 1500]);
    // A plot that starts 50 px in: zooming about its left edge keeps that edge's time.
    expect(visibleDomain([0, 1000], [50, 150], { k: 2, x: -50 })).toEqual([0, 500]);
  });

  it('refetches when the view leaves the fetched range or bins grow too coarse', () => {
    const have = { from: 0, to: 1000, binMs: 10 };
    expect(needsRefetch(null, [0, 1], 100)).toBe(true);
    expect(needsRefetch(have, [0, 1000], 300)).toBe(false);
    expect(needsRefetch(have, [-10, 500], 300)).toBe(true);
    expect(needsRefetch(have, [0, 100], 300)).toBe(true); // a bin would be 30 px wide
  });
});
