import { describe, expect, it } from 'vitest';
import { parseSkewSeconds } from './skew-input';

describe('parseSkewSeconds', () => {
  it('reads signed seconds with up to millisecond precision', () => {
    expect(parseSkewSeconds('-90')).toBe(-90_000);
    expect(parseSkewSeconds(' +1.5 ')).toBe(1500);
    expect(parseSkewSeconds('0')).toBe(0);
  });
  it('refuses anything else', () => {
    expect(parseSkewSeconds('1e9')).toBeNull();
    expect(parseSkewSeconds('abc')).toBeNull();
    expect(parseSkewSeconds('1.2345')).toBeNull();
    expect(parseSkewSeconds('999999999999')).toBeNull();
  });
});
