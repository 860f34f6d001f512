import { describe, expect, it } from 'vitest';
import { buildQuery } from './event-query';

describe('buildQuery', () => {
  it('leaves out what is not set', () => {
    expect(buildQuery({ search: '  ', from: null, to: null, signal: null })).toEqual({ order: 'asc' });
  });
  it('carries search, range and a signal’s events', () => {
    expect(buildQuery({ search: ' sshd ', from: 'a', to: 'b', signal: { eventIds: [3, 4] } })).toEqual({
      order: 'asc', search: 'sshd', from: 'a', to: 'b', eventIds: [3, 4],
    });
  });
  it('keeps an empty signal filter (matches nothing) rather than dropping it', () => {
    expect(buildQuery({ search: '', from: null, to: null, signal: { eventIds: [] } }).eventIds).toEqual([]);
  });
});
