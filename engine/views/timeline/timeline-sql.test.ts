import { describe, expect, it } from 'vitest';
import { TACTICS } from '../../detect/attack';
import { binsSql, laneNamesSql, NO_TACTIC, signalsSql, tacticMap } from './timeline-sql';
import { validTimelineQuery } from './timeline-types';

const HOSTILE = `web'); DROP TABLE events; --`;
const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

describe('timeline SQL builders', () => {
  it('binds lane values, range and bin width; never splices them into the SQL', () => {
    const q = binsSql('host', ['web-01', HOSTILE], 1000, 5000, 500);
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).not.toContain('web-01');
    expect(q.sql).toContain(`"host.name" IN (?, ?)`);
    expect(q.params).toEqual([500, 500, new Date(1000).toISOString(), new Date(5000).toISOString(), 'web-01', HOSTILE]);
    expect(placeholders(q.sql)).toBe(q.params.length);
  });

  it('reads user lanes from user.name', () => {
    expect(binsSql('user', ['root'], 0, 10, 1).sql).toContain(`"user.name" IN (?)`);
    expect(laneNamesSql('user', 7)).toMatchObject({ params: [7] });
    expect(laneNamesSql('host').sql).toContain('"host.name"');
  });

  it('maps every attack.<tactic> tag to its lane name through bound VALUES', () => {
    const m = tacticMap();
    expect(m.params.length).toBe(Object.keys(TACTICS).length * 2);
    expect(m.params.slice(0, 2)).toEqual(['attack.reconnaissance', 'Reconnaissance']);
    expect(placeholders(m.sql)).toBe(m.params.length);
    const b = binsSql('tactic', [], 0, 10, 1);
    expect(b.params).toContain(NO_TACTIC);
    expect(placeholders(b.sql)).toBe(b.params.length);
  });

  it('asks for signals overlapping the range: first <= to and last >= from', () => {
    const s = signalsSql('host', ['a'], 100, 200);
    expect(s.params).toEqual(['a', 200, 100]);
    expect(placeholders(s.sql)).toBe(s.params.length);
    const t = signalsSql('tactic', [], 100, 200);
    expect(t.params.slice(-2)).toEqual([200, 100]);
  });

  it('builds an always-empty query when no lane is shown', () => {
    expect(binsSql('host', [], 0, 1, 1)).toMatchObject({ params: [] });
    expect(binsSql('host', [], 0, 1, 1).sql).toContain('WHERE FALSE');
  });

  it('validates the channel argument', () => {
    expect(validTimelineQuery({ lane: 'host', width: 800 })).toBeNull();
    expect(validTimelineQuery({ lane: 'tactic', from: '2024-01-01T00:00:00Z', to: null, width: 1 })).toBeNull();
    expect(validTimelineQuery({ lane: 'ip', width: 800 })).toMatch(/lane/);
    expect(validTimelineQuery({ lane: 'host', width: 0 })).toMatch(/width/);
    expect(validTimelineQuery({ lane: 'host', width: 10, from: 'yesterday' })).toMatch(/ISO/);
    expect(validTimelineQuery(null)).toMatch(/object/);
  });
});
