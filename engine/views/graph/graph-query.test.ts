/** The entity graph against a real DuckDB holding a generated case of a few hundred events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlPort } from '../../sql/port';
import { openGeneratedCase } from '../timeline/node/generated-case';
import { EXPAND_FAN_OUT, FAN_OUT, MAX_SIGNAL_NODES, SEED_LIMIT, SIGNAL_FAN_OUT, entityGraph, expandEntity } from './graph-query';
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

  it('draws the signals as nodes linked to the entities their events name', async () => {
    const g = await entityGraph(port, { limit: 1000 });
    const signals = g.nodes.filter((n) => n.type === 'signal');
    expect(signals.map((n) => [n.id, n.title, n.level]).sort()).toEqual([
      ['signal:sig-brute', 'Brute force', 'high'],
      ['signal:sig-exec', 'Odd binary', 'medium'],
      ['signal:sig-untagged', 'Untagged', 'low'],
      ['signal:sig-wide', 'Bulk copy', 'low'],
    ]);
    const from = (id: string) => g.edges.filter((e) => e.source === id);
    // Brute force: host-0's events among the first tenth (ids < 60): 3 of them, i = 0, 20, 40.
    expect(from('signal:sig-brute').find((e) => e.target === 'host:host-0')).toMatchObject({ kind: 'signal', weight: 3 });
    // Odd binary: every event of /usr/bin/p7 (i*13 % 300 = 7 → i = 139 and 439).
    expect(from('signal:sig-exec').find((e) => e.target === 'process:/usr/bin/p7')).toMatchObject({ kind: 'signal', weight: 2 });
    for (const s of signals) {
      expect(from(s.id).length).toBeGreaterThan(0);
      expect(from(s.id).length).toBeLessThanOrEqual(SIGNAL_FAN_OUT);
    }
    expect(g.nodes.length).toBeLessThanOrEqual(1000);
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('leaves archived signals out, and keeps signal nodes within the limit', async () => {
    await port.exec(`UPDATE signals SET status = 'archived', status_reason = 'test' WHERE id = 'sig-exec'`);
    try {
      const g = await entityGraph(port, { limit: 1000 });
      expect(g.nodes.some((n) => n.id === 'signal:sig-exec')).toBe(false);
      expect(g.nodes.find((n) => n.id === 'process:/usr/bin/p7')?.level ?? null).not.toBe('medium');
    } finally {
      await port.exec(`UPDATE signals SET status = 'open', status_reason = NULL WHERE id = 'sig-exec'`);
    }
    const small = await entityGraph(port, { limit: 20 });
    expect(small.nodes.length).toBeLessThanOrEqual(20);
    // A tenth of the limit is kept for signal nodes.
    expect(small.nodes.filter((n) => n.type === 'signal').length).toBeLessThanOrEqual(Math.min(MAX_SIGNAL_NODES, 2));
    expect(small.nodes.filter((n) => n.type === 'signal').length).toBeGreaterThan(0);
  });

  it('brings the signals on an expanded node along', async () => {
    const x = await expandEntity(port, { type: 'process', value: '/usr/bin/p7' });
    expect(x.edges.find((e) => e.id === 'signal:signal:sig-exec>process:/usr/bin/p7')?.weight).toBe(2);
  });

  it('treats hostile values as data', async () => {
    const evil = `x'); DROP TABLE events; --`;
    await port.exec(`INSERT INTO events_raw ("event.id", "@timestamp", "host.name", "user.name") VALUES (99999, now(), ?, 'mallory')`, [evil]);
    const g = await entityGraph(port, { seeds: [{ type: 'host', value: evil }], limit: 50 });
    expect(g.edges.map((e) => e.id)).toEqual([`logon:user:mallory>host:${evil}`]);
  });
});
