import { describe, expect, it } from 'vitest';
import { parseEpoch, parseIsoTime } from './time';

describe('parseIsoTime', () => {
  it('keeps a stamp already in UTC canonical form as it is, zone Z', () => {
    expect(parseIsoTime('2026-03-01T00:00:00.250Z')).toEqual({ utc: '2026-03-01T00:00:00.250Z', zone: 'Z' });
    expect(parseIsoTime('1999-12-31T23:59:59.999Z')).toEqual({ utc: '1999-12-31T23:59:59.999Z', zone: 'Z' });
  });

  it('reads the other ISO-like forms to the same canonical UTC, keeping the zone text', () => {
    expect(parseIsoTime('2026-03-01T02:00:00.25+02:00')).toEqual({ utc: '2026-03-01T00:00:00.250Z', zone: '+02:00' });
    expect(parseIsoTime('2026-03-01 00:00:00,250z')).toEqual({ utc: '2026-03-01T00:00:00.250Z', zone: 'Z' });
    expect(parseIsoTime(' 2026-03-01T00:00:00.250123Z ')).toEqual({ utc: '2026-03-01T00:00:00.250Z', zone: 'Z' });
    expect(parseIsoTime('2026-03-01T00:00')).toEqual({ utc: '2026-03-01T00:00:00.000Z', zone: null });
    expect(parseIsoTime('2026-03-01T05:30:00-0530')).toEqual({ utc: '2026-03-01T11:00:00.000Z', zone: '-05:30' });
  });

  it('refuses a date that is not on the calendar instead of rolling it over', () => {
    // Date.parse rolls 30 February over to 2 March; the fast path sees its output differ and leaves it to the full reading.
    for (const s of ['2026-02-30T00:00:00.000Z', '2026-02-29T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-04-31T10:00:00Z', '2026-01-01T25:00:00Z', '2026-01-01T10:60:00Z', 'not a time at all, 24chZ']) {
      expect(parseIsoTime(s), s).toBeNull();
    }
    expect(parseIsoTime('2024-02-29T00:00:00.000Z')?.utc).toBe('2024-02-29T00:00:00.000Z');
  });

  it('rolls 24:00 and a leap second over as UTC means them, and reads years before 100 as written', () => {
    expect(parseIsoTime('2026-02-28T24:00:00Z')?.utc).toBe('2026-03-01T00:00:00.000Z');
    expect(parseIsoTime('2024-02-28T24:00:00Z')?.utc).toBe('2024-02-29T00:00:00.000Z');
    expect(parseIsoTime('2016-12-31T23:59:60Z')?.utc).toBe('2017-01-01T00:00:00.000Z');
    expect(parseIsoTime('2026-01-01T24:00:01Z')).toBeNull();
    expect(parseIsoTime('0050-06-01T00:00:00.000Z')?.utc).toBe('0050-06-01T00:00:00.000Z');
  });
});

describe('parseEpoch', () => {
  it('tells seconds, milliseconds and microseconds apart by magnitude', () => {
    expect(parseEpoch(1772323200)?.utc).toBe('2026-03-01T00:00:00.000Z');
    expect(parseEpoch(1772323200250)?.utc).toBe('2026-03-01T00:00:00.250Z');
    expect(parseEpoch(1772323200250000)?.utc).toBe('2026-03-01T00:00:00.250Z');
    expect(parseEpoch(-1)).toBeNull();
  });
});
