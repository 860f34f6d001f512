import { describe, expect, it } from 'vitest';
import { buildGraph, capFanOut, edgeId, mergeGraphs, nodeId, pickSeeds, type RawEdge } from './graph-shape';
import type { EntityRef } from './graph-types';

const host = (value: string): EntityRef => ({ type: 'host', value });
const user = (value: string): EntityRef => ({ type: 'user', value });
const logon = (u: string, h: string, weight: number): RawEdge => ({ kind: 'logon', from: user(u), to: host(h), weight });

describe('graph shaping', () => {
  it('ids nodes by type and value, edges by kind and ends', () => {
    expect(nodeId(host('web-01'))).toBe('host:web-01');
    expect(nodeId({ type: 'ip', value: 'web-01' })).not.toBe(nodeId(host('web-01')));
    expect(edgeId('logon', 'user:a', 'host:b')).toBe('logon:user:a>host:b');
  });

  it('caps fan-out per seed and kind, keeping the heaviest; an edge survives for either seed end', () => {
    const edges = [logon('a', 'h1', 1), logon('b', 'h1', 5), logon('c', 'h1', 3), logon('a', 'h2', 9)];
    const kept = capFanOut(edges, new Set(['host:h1']), 2);
    expect(kept.map((e) => e.from.value)).toEqual(['b', 'c']);
    const both = capFanOut(edges, new Set(['host:h1', 'user:a']), 1);
    expect(both.map((e) => `${e.from.value}-${e.to.value}`).sort()).toEqual(['a-h2', 'b-h1']);
  });

  it('builds seeds first, then heaviest edges within the node limit, with weights and marks', () => {
    const marks = new Map([['user:b', { signals: 2, level: 'high' }]]);
    const g = buildGraph({ seeds: [host('h1')], edges: [logon('a', 'h1', 1), logon('b', 'h1', 5), logon('c', 'h1', 3)], marks, limit: 3, fanOut: 10 });
    expect(g.nodes.map((n) => n.id)).toEqual(['host:h1', 'user:b', 'user:c']);
    expect(g.truncated).toBe(true);
    expect(g.nodes[0]).toMatchObject({ seed: true, weight: 8 });
    expect(g.nodes[1]).toMatchObject({ seed: false, signals: 2, level: 'high', weight: 5 });
    expect(g.edges.map((e) => e.id)).toEqual(['logon:user:b>host:h1', 'logon:user:c>host:h1']);
  });

  it('is not truncated when everything fits', () => {
    const g = buildGraph({ seeds: [host('h1')], edges: [logon('a', 'h1', 1)], marks: new Map(), limit: 10, fanOut: 10 });
    expect(g).toMatchObject({ truncated: false });
    expect(g.nodes).toHaveLength(2);
  });

  it('merges an expansion by id: no duplicates, seeds and marks kept, weights recomputed', () => {
    const a = buildGraph({ seeds: [host('h1')], edges: [logon('a', 'h1', 2)], marks: new Map(), limit: 10, fanOut: 10 });
    const b = buildGraph({ seeds: [user('a')], edges: [logon('a', 'h1', 2), logon('a', 'h2', 4)], marks: new Map([['host:h2', { signals: 1, level: 'low' }]]), limit: 10, fanOut: 10 });
    const m = mergeGraphs(a, b);
    expect(m.nodes.map((n) => n.id).sort()).toEqual(['host:h1', 'host:h2', 'user:a']);
    expect(m.edges).toHaveLength(2);
    const byId = new Map(m.nodes.map((n) => [n.id, n]));
    expect(byId.get('host:h1')).toMatchObject({ seed: true, weight: 2 });
    expect(byId.get('user:a')).toMatchObject({ seed: true, weight: 6 });
    expect(byId.get('host:h2')).toMatchObject({ signals: 1, level: 'low' });
    expect(a.nodes).toHaveLength(2); // inputs untouched
  });

  it('picks seeds round-robin across types', () => {
    const c = [host('1'), host('2'), host('3'), user('a'), { type: 'ip' as const, value: 'x' }];
    expect(pickSeeds(c, 4).map(nodeId)).toEqual(['host:1', 'user:a', 'ip:x', 'host:2']);
    expect(pickSeeds(c, 99)).toHaveLength(5);
  });
});
