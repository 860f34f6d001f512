import { describe, expect, it } from 'vitest';
import { alignRange, BIN_PX, binCount, binSize, MAX_BINS, MAX_SPAN_MS, MIN_SPAN_MS, padExtent, resolveRange } from './bins';

const DAY = 86_400_000;

describe('timeline binning maths', () => {
  it('asks for about one bin per BIN_PX pixels, within 1..MAX_BINS', () => {
    expect(binCount(300)).toBe(300 / BIN_PX);
    expect(binCount(0)).toBe(1);
    expect(binCount(1e6)).toBe(MAX_BINS);
  });

  it('picks the smallest recognisable bin that fits the span in the bins available', () => {
    expect(binSize(30 * DAY, 300)).toBe(DAY / 2); // 30 d / 100 bins = 7.2 h → 12 h
    expect(binSize(60_000, 600)).toBe(500); // 1 min / 200 bins = 300 ms → 500 ms
    expect(binSize(10, 300)).toBe(1); // never below a millisecond
    expect(binSize(50 * 365 * DAY, 30)).toBe(5 * 365 * DAY); // beyond a year: whole years
    for (const span of [10, 1234, 3 * DAY, 400 * DAY, 80 * 365 * DAY]) expect(span / binSize(span, 900)).toBeLessThanOrEqual(binCount(900));
  });

  it('aligns ranges outward to whole epoch bins, at least one bin wide', () => {
    expect(alignRange(1050, 2950, 1000)).toEqual([1000, 3000]);
    expect(alignRange(2000, 2000, 1000)).toEqual([2000, 3000]);
    expect(alignRange(-1500, -200, 1000)).toEqual([-2000, 0]);
  });

  it('fills missing bounds from the extent and clamps the span to the zoom limits', () => {
    expect(resolveRange(null, null, [100, 900])).toEqual([100, 900]);
    expect(resolveRange(500, null, [100, 900])).toEqual([500, 900]);
    expect(resolveRange(900, 100, [0, 1])).toEqual([100, 900]);
    const [lo, hi] = resolveRange(1000, 1001, [0, 1]);
    expect(hi - lo).toBeGreaterThanOrEqual(MIN_SPAN_MS);
    expect(hi - lo).toBeLessThanOrEqual(MIN_SPAN_MS + 1);
    expect(lo).toBeLessThanOrEqual(1000);
    const [a, b] = resolveRange(-1e13, 1e13, [0, 1]);
    expect(b - a).toBeLessThanOrEqual(MAX_SPAN_MS + 1);
  });

  it('pads an extent by 2 % (at least a second) each side', () => {
    expect(padExtent(0, 100_000)).toEqual([-2000, 102_000]);
    expect(padExtent(5000, 5000)).toEqual([4000, 6000]);
  });
});
