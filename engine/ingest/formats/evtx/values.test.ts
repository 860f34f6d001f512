import { describe, expect, it } from 'vitest';
import { utf16Value } from './bytes';
import { crc32 } from './crc32';
import { ArrayValue, formatFiletime, formatGuid, formatSid, formatSystemtime, readValue } from './values';

const le = (...words: [number, number][]): Uint8Array => {
  const out = new Uint8Array(words.reduce((n, [, size]) => n + size, 0));
  let o = 0;
  for (const [v, size] of words) {
    for (let i = 0; i < size; i++) out[o + i] = Number((BigInt(v) >> BigInt(8 * i)) & 0xffn);
    o += size;
  }
  return out;
};
const utf16 = (s: string): Uint8Array => new Uint8Array(new Uint16Array(s.split('').map((c) => c.charCodeAt(0))).buffer);

describe('value formatting', () => {
  it('prints FILETIME as ISO UTC with microseconds, truncating the 100 ns digit', () => {
    const ticks = 131_975_120_658_039_217n; // 2019-03-19T23:34:25.8039217Z
    const b = new Uint8Array(new BigUint64Array([ticks]).buffer);
    expect(formatFiletime(b, 0)).toBe('2019-03-19T23:34:25.803921Z');
    expect(formatFiletime(new Uint8Array(8), 0)).toBe('1601-01-01T00:00:00.000000Z');
  });

  it('prints SYSTEMTIME with milliseconds widened to microseconds', () => {
    const b = new Uint8Array(new Uint16Array([2020, 9, 1, 21, 13, 29, 18, 7]).buffer);
    expect(formatSystemtime(b, 0)).toBe('2020-09-21T13:29:18.007000Z');
  });

  it('prints GUIDs upper-case without braces, mixed-endian as Windows stores them', () => {
    const b = Uint8Array.from([0x5f, 0x38, 0x70, 0x57, 0x2a, 0xc2, 0xe0, 0x43, 0xbf, 0x4c, 0x06, 0xf5, 0x69, 0x8f, 0xfb, 0xd9]);
    expect(formatGuid(b, 0)).toBe('5770385F-C22A-43E0-BF4C-06F5698FFBD9');
  });

  it('prints SIDs with a big-endian authority and little-endian sub-authorities', () => {
    const b = Uint8Array.from([1, 2, 0, 0, 0, 0, 0, 5, 0x20, 0, 0, 0, 0x20, 0x02, 0, 0]);
    expect(formatSid(b, 0, b.length)).toEqual(['S-1-5-32-544', 16]);
    expect(readValue(Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]), 0, 12, 0x13)).toBe('S-1-5-18');
  });

  it('keeps integers as numbers and prints hex types as lower-case 0x without padding', () => {
    expect(readValue(le([4624, 2]), 0, 2, 0x06)).toBe(4624);
    expect(readValue(le([0xffff, 2]), 0, 2, 0x05)).toBe(-1);
    expect(readValue(le([0x376c3, 4]), 0, 4, 0x14)).toBe('0x376c3');
    expect(readValue(le([0x8000000000000000 as number, 8]), 0, 8, 0x15)).toBe('0x8000000000000000');
    expect(readValue(le([0, 8]), 0, 8, 0x15)).toBe('0x0');
    expect(readValue(le([1, 4]), 0, 4, 0x0d)).toBe(true);
  });

  it('prints binary as upper-case hex and drops empty values', () => {
    expect(readValue(Uint8Array.from([0xde, 0xad, 0x0b]), 0, 3, 0x0e)).toBe('DEAD0B');
    expect(readValue(new Uint8Array(0), 0, 0, 0x0e)).toBeNull();
    expect(readValue(utf16('\0'), 0, 2, 0x01)).toBeNull();
  });

  it('cuts UTF-16 strings at the first NUL and trims trailing whitespace like the reference JSON', () => {
    expect(utf16Value(utf16('ab\0cd'), 0, 10)).toBe('ab');
    expect(readValue(utf16('cmd.exe /c  \0'), 0, 26, 0x01)).toBe('cmd.exe /c');
    expect(readValue(utf16('é😀x'), 0, 8, 0x01)).toBe('é😀x');
  });

  it('splits string arrays on NULs and reads fixed-size arrays item by item', () => {
    const strings = readValue(utf16('a\0bc\0'), 0, 10, 0x81);
    expect(strings).toEqual(new ArrayValue(['a', 'bc']));
    expect((strings as ArrayValue).text()).toBe('a,bc');
    expect(readValue(le([1, 4], [2, 4]), 0, 8, 0x88)).toEqual(new ArrayValue([1, 2]));
  });

  it('rejects unknown value types instead of guessing', () => {
    expect(() => readValue(new Uint8Array(4), 0, 4, 0x7e)).toThrow(/unsupported value type/);
  });

  it('computes the IEEE CRC-32 EVTX checksums use, across chained ranges', () => {
    const b = new TextEncoder().encode('123456789');
    expect(crc32(b, 0, b.length)).toBe(0xcbf43926);
    expect(crc32(b, 4, 9, crc32(b, 0, 4))).toBe(0xcbf43926);
  });
});
