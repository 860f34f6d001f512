import { describe, expect, it } from 'vitest';
import type { Histogram } from '../../../engine/host/contract';
import { dragToRange, histogramBars, histogramDomain, timeToX, xToTime } from './histogram-bars';

const T0 = Date.UTC(2024, 0, 1);
const h: Histogram = { starts: [T0, T0 + 60_000, T0 + 120_000, T0 + 180_000], counts: [10, 0, 5, 1000], bucketMs: 60_000 };

describe('histogramBars', () => {
  it('draws one rect per non-empty bucket, scaled to the tallest', () => {
    const bars = histogramBars(h, 400, 100, 0);
    expect(bars.map((b) => b.count)).toEqual([10, 5, 1000]);
    expect(bars.map((b) => b.x)).toEqual([0, 200, 300]);
    expect(bars[2]).toMatchObject({ y: 0, height: 100, width: 100, start: T0 + 180_000, end: T0 + 240_000 });
  });
  it('keeps tiny counts visible', () => {
    const bars = histogramBars(h, 400, 100);
    expect(bars[1].height).toBe(2);
    expect(bars[1].y).toBe(98);
    expect(bars[0].width).toBe(99);
  });
  it('draws nothing for empty or all-zero histograms', () => {
    expect(histogramBars({ starts: [], counts: [], bucketMs: 1 }, 100, 100)).toEqual([]);
    expect(histogramBars({ starts: [T0], counts: [0], bucketMs: 1 }, 100, 100)).toEqual([]);
  });
});

describe('pixel/time mapping', () => {
  it('maps both ways over the domain', () => {
    const d = histogramDomain(h)!;
    expect(d).toEqual([T0, T0 + 240_000]);
    expect(xToTime(200, 400, d)).toBe(T0 + 120_000);
    expect(xToTime(-50, 400, d)).toBe(T0);
    expect(xToTime(999, 400, d)).toBe(T0 + 240_000);
    expect(timeToX(T0 + 60_000, 400, d)).toBe(100);
  });
  it('turns a drag into a bucket-aligned range, either direction', () => {
    const r = { from: new Date(T0 + 60_000).toISOString(), to: new Date(T0 + 180_000).toISOString() };
    expect(dragToRange(150, 250, 400, h)).toEqual(r);
    expect(dragToRange(250, 150, 400, h)).toEqual(r);
  });
  it('ignores clicks', () => {
    expect(dragToRange(100, 101, 400, h)).toBeNull();
  });
});
