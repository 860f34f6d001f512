import { describe, expect, it } from 'vitest';
import { buildGraph, mergeGraphs, type RawEdge } from './graph-shape';
import { addSignalNodes, signalEntities, signalNodeId, type SignalLink, type SignalMeta } from './graph-signals';
import type { EntityRef } from './graph-types';

const host = (value: string): EntityRef => ({ type: 'host', value });
const user = (value: string): EntityRef => ({ type: 'user', value });
const ip = (value: string): EntityRef => ({ type: 'ip', value });
const logon = (u: string, h: string, weight: number): RawEdge => ({ kind: 'logon', from: user(u), to: host(h), weight });
const link = (signal: string, entity: EntityRef, events: number): SignalLink => ({ signal, entity, events });

const brute: SignalMeta = { id: 'brute', title: 'SSH Brute Force From One Source', rank: 1, level: 'high', open: true };
const spike: SignalMeta = { id: 'spike', title: 'Auth log spike', rank: 2, level: 'medium', open: false };
const miner: SignalMeta = { id: 'miner', title: 'Miner', rank: 0, level: 'critical', open: true };

// web-01 with three users logging on; db-01 off to the side.
const base = () => buildGraph({ seeds: [host('web-01')], edges: [logon('deploy', 'web-01', 5), logon('root', 'web-01', 2), logon('admin', 'web-01', 1)], marks: new Map(), limit: 100, fanOut: 10 });

describe('signal marks on entities', () => {
  it('counts signals per entity, keeps the worst level and whether an open one names it, most signals first', () => {
    const ents = signalEntities([brute, spike, miner], [link('brute', host('web-01'), 400), link('spike', host('web-01'), 900), link('brute', ip('185.220.101.47'), 400), link('spike', user('deploy'), 30), link('gone', host('db-01'), 5)]);
    expect(ents.map((e) => [e.type, e.value, e.mark.signals, e.mark.level, e.open])).toEqual([
      ['host', 'web-01', 2, 'high', true],
      ['ip', '185.220.101.47', 1, 'high', true],
      ['user', 'deploy', 1, 'medium', false],
    ]);
  });
});

describe('signal nodes', () => {
  it('adds a node per signal naming something on screen, linked to those entities only, worst level first', () => {
    const g = addSignalNodes(base(), [spike, brute, miner], [link('brute', host('web-01'), 40), link('brute', user('deploy'), 12), link('brute', ip('1.2.3.4'), 40), link('spike', user('root'), 3), link('miner', host('db-01'), 9)], { limit: 100, fanOut: 10 });
    const signals = g.nodes.filter((n) => n.type === 'signal');
    // miner names only db-01, which is not drawn: no node for it.
    expect(signals.map((n) => [n.id, n.title, n.level, n.seed])).toEqual([
      ['signal:brute', 'SSH Brute Force From One Source', 'high', false],
      ['signal:spike', 'Auth log spike', 'medium', false],
    ]);
    expect(g.edges.filter((e) => e.kind === 'signal').map((e) => [e.id, e.weight])).toEqual([
      ['signal:signal:brute>host:web-01', 40],
      ['signal:signal:brute>user:deploy', 12],
      ['signal:signal:spike>user:root', 3],
    ]);
    expect(g.nodes.some((n) => n.id === 'ip:1.2.3.4')).toBe(false);
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get('signal:brute')?.weight).toBe(52);
    expect(byId.get('host:web-01')?.weight).toBe(8 + 40);
    expect(g.truncated).toBe(false);
  });

  it('keeps each signal’s heaviest links up to the fan-out, and stops at the node limit', () => {
    const links = [link('brute', user('admin'), 1), link('brute', host('web-01'), 40), link('brute', user('deploy'), 12), link('brute', user('root'), 2)];
    const capped = addSignalNodes(base(), [brute], links, { limit: 100, fanOut: 2 });
    expect(capped.edges.filter((e) => e.kind === 'signal').map((e) => e.target)).toEqual(['host:web-01', 'user:deploy']);
    expect(capped.truncated).toBe(true);
    const full = addSignalNodes(base(), [brute, spike], [...links, link('spike', host('web-01'), 1)], { limit: 5, fanOut: 10 });
    expect(full.nodes).toHaveLength(5);
    expect(full.nodes.filter((n) => n.type === 'signal').map((n) => n.id)).toEqual(['signal:brute']);
    expect(full.truncated).toBe(true);
  });

  it('leaves its input alone, and merges with an expansion without duplicating signal nodes', () => {
    const g = base();
    const before = JSON.stringify(g);
    const a = addSignalNodes(g, [brute], [link('brute', host('web-01'), 40)], { limit: 100, fanOut: 10 });
    expect(JSON.stringify(g)).toBe(before);
    const b = addSignalNodes(buildGraph({ seeds: [user('deploy')], edges: [logon('deploy', 'web-01', 5)], marks: new Map(), limit: 100, fanOut: 10 }), [brute], [link('brute', host('web-01'), 40), link('brute', user('deploy'), 12)], { limit: 100, fanOut: 10 });
    const m = mergeGraphs(a, b);
    expect(m.nodes.filter((n) => n.id === signalNodeId('brute'))).toHaveLength(1);
    expect(m.edges.filter((e) => e.source === 'signal:brute').map((e) => e.target).sort()).toEqual(['host:web-01', 'user:deploy']);
    expect(m.nodes.find((n) => n.id === 'signal:brute')).toMatchObject({ type: 'signal', title: brute.title, weight: 52 });
  });
});
