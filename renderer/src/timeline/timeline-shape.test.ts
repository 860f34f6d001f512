import { describe, expect, it } from 'vitest';
import type { TimelineData, TimelineSignal } from '../../../engine/views/timeline/timeline-types';
import { binAt, binPivot, densityPath, fieldTerm, laneDensities, levelColour, packSignals, SIGNAL_ROWS } from './timeline-shape';

const data: TimelineData = {
  lane: 'host', from: 0, to: 100, binMs: 10, extent: [0, 100], lanes: ['a', 'b'],
  bins: { lane: [1, 0, 0], start: [20, 30, 10], count: [5, 9, 1] },
  signals: [],
};
const sig = (id: string, lane: string, first: number, last: number, events = 1): TimelineSignal => ({ id, title: id, level: 'high', lane, first, last, events });

describe('timeline shaping', () => {
  it('groups bins per lane in time order with a log share of the lane maximum', () => {
    const [a, b] = laneDensities(data);
    expect(a.bins.map((x) => x.start)).toEqual([10, 30]);
    expect(a.max).toBe(9);
    expect(a.bins[1].share).toBe(1);
    expect(a.bins[0].share).toBeCloseTo(Math.log(2) / Math.log(10));
    expect(b.bins).toEqual([{ start: 20, end: 30, count: 5, share: 1 }]);
    expect(binAt(a, 35)?.count).toBe(9);
    expect(binAt(a, 25)).toBeNull();
  });

  it('packs overlapping signals into rows, capped at SIGNAL_ROWS', () => {
    const x = (t: number) => t;
    const placed = packSignals([sig('1', 'a', 0, 50), sig('2', 'a', 10, 20), sig('3', 'a', 60, 70), sig('4', 'b', 10, 20)], x);
    expect(placed.get('a')!.map((s) => [s.id, s.row])).toEqual([['1', 0], ['2', 1], ['3', 0]]);
    expect(placed.get('b')![0].row).toBe(0);
    const many = packSignals([0, 1, 2, 3, 4].map((i) => sig(String(i), 'a', 0, 100)), x).get('a')!;
    expect(Math.max(...many.map((s) => s.row))).toBe(SIGNAL_ROWS - 1);
  });

  it('pivots host and user bins to a quoted field search, tactic bins to the busiest overlapping signal', () => {
    expect(binPivot('host', 'web-01', { start: 0, end: 10 }, [])).toEqual({ kind: 'search', search: 'host.name:"web-01"' });
    expect(binPivot('user', 'a"b\\', { start: 0, end: 10 }, [])).toEqual({ kind: 'search', search: 'user.name:"a\\"b\\\\"' });
    const sigs = [sig('small', 'Execution', 0, 50, 2), sig('big', 'Execution', 5, 8, 40), sig('other', 'Impact', 0, 50, 99), sig('late', 'Execution', 20, 30, 500)];
    expect(binPivot('tactic', 'Execution', { start: 0, end: 10 }, sigs)).toEqual({ kind: 'signal', signalId: 'big' });
    expect(binPivot('tactic', 'Persistence', { start: 0, end: 10 }, sigs)).toBeNull();
    expect(fieldTerm('host.name', 'x y')).toBe('host.name:"x y"');
  });

  it('colours by level, grey for unknown', () => {
    expect(levelColour('HIGH')).toBe(levelColour('high'));
    expect(levelColour('weird')).toBe('#8f99a8');
  });
});

describe('density path', () => {
  it('draws one bar per bin, at least a pixel wide and high, clipped to the plot', () => {
    const bins = [
      { start: 0, end: 10, count: 1, share: 0.5 },
      { start: 10, end: 10.2, count: 1, share: 0 },
      { start: 90, end: 120, count: 4, share: 1 },
    ];
    const d = densityPath(bins, (t) => t, 20, 10, [0, 100]);
    expect(d).toBe('M0.0,20V15.0H10.0V20ZM10.0,20V19.0H11.0V20ZM90.0,20V10.0H100.0V20Z');
    expect(densityPath(bins, (t) => t + 500, 20, 10, [0, 100])).toBe('');
  });
});
