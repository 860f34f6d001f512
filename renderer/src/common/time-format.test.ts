import { describe, expect, it } from 'vitest';
import { formatDuration, formatSpan, formatUtc, formatUtcShort } from './time-format';

describe('time formatting', () => {
  it('formats epoch ms and ISO strings as UTC ISO', () => {
    expect(formatUtc(Date.UTC(2024, 2, 1, 12, 0, 5, 7))).toBe('2024-03-01T12:00:05.007Z');
    expect(formatUtc('2024-03-01T13:00:05+01:00')).toBe('2024-03-01T12:00:05.000Z');
  });
  it('returns empty for absent values and the input for unparseable ones', () => {
    expect(formatUtc(null)).toBe('');
    expect(formatUtc(undefined)).toBe('');
    expect(formatUtc('not a time')).toBe('not a time');
  });
  it('shortens to date and seconds', () => {
    expect(formatUtcShort(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02 03:04:05');
  });
  it('formats durations with the two largest units', () => {
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000)).toBe('3d 4h');
    expect(formatDuration(12 * 60_000 + 5000)).toBe('12m 5s');
    expect(formatDuration(86_400_000 + 30_000)).toBe('1d');
    expect(formatDuration(-1)).toBe('');
  });
  it('formats a span with its length', () => {
    expect(formatSpan('2024-01-01T00:00:00Z', '2024-01-02T06:00:00Z')).toBe('2024-01-01 00:00:00 → 2024-01-02 06:00:00 (1d 6h)');
    expect(formatSpan(null, '2024-01-02T06:00:00Z')).toBe('');
  });
});

describe('display zone', () => {
  it('formats in UTC by default and in a chosen zone with its offset', async () => {
    const { formatTime, formatTimeShort } = await import('./time-format');
    const t = Date.UTC(2026, 2, 14, 3, 12, 45, 7);
    expect(formatTime(t)).toBe('2026-03-14T03:12:45.007Z');
    expect(formatTime(t, 'Europe/Berlin')).toBe('2026-03-14T04:12:45.007+01:00');
    expect(formatTime(t, 'America/New_York')).toBe('2026-03-13T23:12:45.007-04:00');
    expect(formatTimeShort(t, 'Asia/Tokyo')).toBe('2026-03-14 12:12:45');
  });
});
