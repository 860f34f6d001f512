import { describe, expect, it } from 'vitest';
import { COSE_MAX_NODES, layoutFor, ringOf } from './graph-layout';

describe('graph layout choice', () => {
  it('uses force-directed cose for small graphs and concentric rings past the limit', () => {
    expect(layoutFor(10).name).toBe('cose');
    expect(layoutFor(COSE_MAX_NODES).name).toBe('cose');
    expect(layoutFor(COSE_MAX_NODES + 1)).toMatchObject({ name: 'concentric', animate: false });
  });

  it('rings seeds in the middle, signal nodes next, then entities by weight', () => {
    const node = (d: Record<string, unknown>) => ({ data: (k: string) => d[k] });
    const seed = ringOf(node({ seed: true, type: 'host', weight: 5 }));
    const signal = ringOf(node({ seed: false, type: 'signal', weight: 10_000 }));
    const heavy = ringOf(node({ seed: false, type: 'host', weight: 2 ** 40 }));
    const light = ringOf(node({ seed: false, type: 'user', weight: 1 }));
    expect(seed).toBeGreaterThan(signal);
    expect(signal).toBeGreaterThan(heavy);
    expect(heavy).toBeGreaterThan(light);
  });
});
