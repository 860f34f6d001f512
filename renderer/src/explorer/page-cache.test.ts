import { describe, expect, it } from 'vitest';
import { missingPages, pageRequest, pagesForRange, rowAt, withPage } from './page-cache';

describe('page cache', () => {
  it('finds the pages covering a row window', () => {
    expect(pagesForRange(0, 30, 1000, 200)).toEqual([0]);
    expect(pagesForRange(190, 410, 1000, 200)).toEqual([0, 1, 2]);
    expect(pagesForRange(950, 1200, 1000, 200)).toEqual([4]);
    expect(pagesForRange(0, 10, 0, 200)).toEqual([]);
  });
  it('skips pages cached or in flight', () => {
    expect(missingPages([0, 1, 2, 3], { 0: ['a'] }, new Set([2]))).toEqual([1, 3]);
  });
  it('reads rows across pages', () => {
    const pages = { 0: ['r0', 'r1'], 1: ['r2', 'r3'] };
    expect(rowAt(pages, 3, 2)).toBe('r3');
    expect(rowAt(pages, 1, 2)).toBe('r1');
    expect(rowAt(pages, 4, 2)).toBeUndefined();
  });
  it('asks for offset/limit, trimming the last page', () => {
    expect(pageRequest(0, null, 200)).toEqual({ offset: 0, limit: 200 });
    expect(pageRequest(2, 450, 200)).toEqual({ offset: 400, limit: 50 });
  });
  it('evicts the pages farthest from the newest', () => {
    let pages = {};
    for (const p of [0, 1, 2, 3]) pages = withPage(pages, p, [p], 3);
    expect(Object.keys(pages).map(Number).sort()).toEqual([1, 2, 3]);
    pages = withPage(pages, 0, [0], 3);
    expect(Object.keys(pages).map(Number).sort()).toEqual([0, 1, 2]);
  });
});
