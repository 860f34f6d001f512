import { describe, expect, it } from 'vitest';
import { buildQuery, valueTerm, withTerm } from './event-query';

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

describe('valueTerm and withTerm', () => {
  it('quotes the value and escapes quotes and backslashes', () => {
    expect(valueTerm('host.name', 'web "01"\\x')).toBe('@host.name:"web \\"01\\"\\\\x"');
    expect(valueTerm('user.name', 'root', true)).toBe('-@user.name:"root"');
  });
  it('ANDs the term on, grouping a search with OR', () => {
    expect(withTerm('', 'a:b')).toBe('a:b');
    expect(withTerm('x', 'a:b')).toBe('x a:b');
    expect(withTerm('x OR y', 'a:b')).toBe('(x OR y) a:b');
  });
  it('carries the sort', () => {
    expect(buildQuery({ search: '', from: null, to: null, signal: null, sortField: 'user.name', order: 'desc' })).toEqual({ order: 'desc', sortField: 'user.name' });
  });
});
