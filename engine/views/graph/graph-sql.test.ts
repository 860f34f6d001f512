import { describe, expect, it } from 'vitest';
import { EDGE_KINDS, edgesSql, ENTITY_COLUMNS, signalLinksSql, signalsSql } from './graph-sql';
import { validEntityRef, validGraphQuery } from './graph-types';

const HOSTILE = `x'); DROP TABLE events; --`;
const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;
const kind = (k: string) => EDGE_KINDS.find((e) => e.kind === k)!;

describe('graph SQL builders', () => {
  it('binds seed values on the side of their type, with the fan-out cap', () => {
    const q = edgesSql(kind('logon'), [{ type: 'host', value: 'web-01' }, { type: 'user', value: HOSTILE }, { type: 'ip', value: '1.2.3.4' }], 25)!;
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).toContain(`"user.name" IN (?)`);
    expect(q.sql).toContain(`"host.name" IN (?)`);
    expect(q.params).toEqual([HOSTILE, 'web-01', HOSTILE, 25, 'web-01', 25]);
    expect(placeholders(q.sql)).toBe(q.params.length);
  });

  it('skips a kind no seed touches, and drops self-loops for same-type kinds', () => {
    expect(edgesSql(kind('touches'), [{ type: 'user', value: 'root' }], 5)).toBeNull();
    const flow = edgesSql(kind('flow'), [{ type: 'ip', value: '10.0.0.1' }], 5)!;
    expect(flow.sql).toContain(`"source.ip" <> "destination.ip"`);
    expect(flow.params).toEqual(['10.0.0.1', '10.0.0.1', '10.0.0.1', 5, '10.0.0.1', 5]);
    expect(placeholders(flow.sql)).toBe(flow.params.length);
  });

  it('reads signal links from every entity column, types bound, archived signals left out', () => {
    const q = signalLinksSql();
    expect(q.params).toEqual(ENTITY_COLUMNS.map((c) => c.type));
    expect(placeholders(q.sql)).toBe(q.params.length);
    for (const c of ENTITY_COLUMNS) expect(q.sql).toContain(`se."${c.column}"`);
    expect(q.sql).toContain(`status IS DISTINCT FROM 'archived'`);
    expect(signalsSql().sql).toContain(`status IS DISTINCT FROM 'archived'`);
  });

  it('validates channel arguments', () => {
    expect(validGraphQuery({ limit: 300 })).toBeNull();
    expect(validGraphQuery({ limit: 300, seeds: [{ type: 'host', value: 'a' }] })).toBeNull();
    expect(validGraphQuery({ limit: 0 })).toMatch(/limit/);
    expect(validGraphQuery({ limit: 10, seeds: [{ type: 'table', value: 'a' }] })).toMatch(/seeds/);
    expect(validEntityRef({ type: 'file', value: '/etc/passwd' })).toBeNull();
    expect(validEntityRef({ type: 'file', value: '' })).toMatch(/entity/);
  });
});
