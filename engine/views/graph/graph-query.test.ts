/** The entity graph against a real DuckDB holding a generated case of a few hundred events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlPort } from '../../sql/port';
import { openGeneratedCase } from '../timeline/node/generated-case';
import { EXPAND_FAN_OUT, FAN_OUT, SEED_LIMIT, entityGraph, expandEntity } from './graph-query';
import { mergeGraphs } from './graph-shape';

const N = 600;
let port: SqlPort;

beforeAll(async () => {
  port = await openGeneratedCase(N);
});
afterAll(() => port?.close());

describe('entity graph on a generated case', () => {
  it('starts from the open signals, marks their entities, weights edges by event counts', async () => {
    const g = await entityGraph(port, { limit: 1000 });
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get('host:host-0')).toMatchObject({ seed: true, level: 'high' });
    const seeds = g.nodes.filter((n) => n.seed);
    expect(seeds.length).toBeLessThanOrEqual(SEED_LIMIT);
    expect(new Set(seeds.map((n) => n.type))).toEqual(new Set(['host', 'user', 'ip', 'process', 'file']));
    for (const n of seeds) expect(n.signals).toBeGreaterThanOrEqual(1);
    // host-0 ran p0 on events 0, 300 (i%20=0 and i*13%300=0): two events.
    const runs = g.edges.find((e) => e.id === 'runs:host:host-0>process:/usr/bin/p0');
    expect(runs?.weight).toBe(2);
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('caps each seed to FAN_OUT edges per kind and honours the node limit', async () => {
    const g = await entityGraph(port, { seeds: [{ type: 'host', value: 'host-1' }], limit: 1000 });
    const runs = g.edges.filter((e) => e.kind === 'runs' && e.source === 'host:host-1');
    expect(runs.length).toBe(Math.min(FAN_OUT, 15)); // host-1 has 30 events over 15 processes
    const small = await entityGraph(port, { seeds: [{ type: 'host', value: 'host-1' }], limit: 5 });
    expect(small.nodes).toHaveLength(5);
    expect(small.truncated).toBe(true);
  });

  it('expands one node to its neighbours; merging grows the graph without duplicates', async () => {
    const g = await entityGraph(port, { seeds: [{ type: 'host', value: 'host-1' }], limit: 1000 });
    const x = await expandEntity(port, { type: 'ip', value: '203.0.113.5' });
    expect(x.nodes.find((n) => n.id === 'ip:203.0.113.5')).toMatchObject({ seed: true });
    expect(x.edges.length).toBeGreaterThan(0);
    expect(x.edges.length).toBeLessThanOrEqual(EXPAND_FAN_OUT * 5);
    const m = mergeGraphs(g, x);
    expect(m.nodes.length).toBeGreaterThan(g.nodes.length);
    expect(new Set(m.nodes.map((n) => n.id)).size).toBe(m.nodes.length);
  });

  it('treats hostile values as data', async () => {
    const evil = `x'); DROP TABLE events; --`;
    await port.exec(`INSERT INTO events_raw ("event.id", "@timestamp", "host.name", "user.name") VALUES (99999, now(), ?, 'mallory')`, [evil]);
    const g = await entityGraph(port, { seeds: [{ type: 'host', value: evil }], limit: 50 });
    expect(g.edges.map((e) => e.id)).toEqual([`logon:user:mallory>host:${evil}`]);
  });
});
