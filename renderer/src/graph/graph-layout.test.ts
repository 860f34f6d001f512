import { describe, expect, it } from 'vitest';
import { COSE_MAX_NODES, layoutFor } from './graph-layout';

describe('graph layout choice', () => {
  it('uses force-directed cose for small graphs and concentric rings past the limit', () => {
    expect(layoutFor(10).name).toBe('cose');
    expect(layoutFor(COSE_MAX_NODES).name).toBe('cose');
    expect(layoutFor(COSE_MAX_NODES + 1)).toMatchObject({ name: 'concentric', animate: false });
  });
});
