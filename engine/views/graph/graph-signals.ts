/**
 * Signals on the entity graph, pure: the marks on entity nodes (how many
 * signals name them, the worst level, whether an open one does) and signal
 * nodes, each linked to the entities on screen that its events name.
 *
 * Signal nodes only link what is already drawn; they never pull new entities
 * in, so they cannot grow the graph past its limit. Each keeps its
 * SIGNAL_FAN_OUT heaviest links (by events), so a wide signal (a brute force
 * naming hundreds of users) stays one node with a bounded fan, not a hairball.
 */
import { edgeId, nodeId, type Mark } from './graph-shape';
import { LEVEL_BY_RANK } from './graph-sql';
import type { EntityRef, GraphData, GraphEdge, GraphNode } from './graph-types';

export interface SignalMeta {
  id: string;
  title: string;
  /** Index into LEVEL_BY_RANK (0 critical … 4 informational, 5 unknown). */
  rank: number;
  /** The signal's own level, as the rule gave it. */
  level: string | null;
  open: boolean;
}

/** One signal naming one entity in `events` of its events. */
export interface SignalLink {
  signal: string;
  entity: EntityRef;
  events: number;
}

export interface SignalEntity extends EntityRef {
  mark: Mark;
  open: boolean;
}

export const signalNodeId = (signalId: string): string => `signal:${signalId}`;

/**
 * Every entity a signal names, with its mark, ordered as seeds are picked:
 * most signals first, then most signal events, then by type and value.
 */
export function signalEntities(signals: readonly SignalMeta[], links: readonly SignalLink[]): SignalEntity[] {
  const meta = new Map(signals.map((s) => [s.id, s]));
  const acc = new Map<string, { ref: EntityRef; signals: Set<string>; rank: number; events: number; open: boolean }>();
  for (const l of links) {
    const s = meta.get(l.signal);
    if (!s) continue;
    const id = nodeId(l.entity);
    let a = acc.get(id);
    if (!a) acc.set(id, (a = { ref: l.entity, signals: new Set(), rank: s.rank, events: 0, open: false }));
    a.signals.add(s.id);
    a.rank = Math.min(a.rank, s.rank);
    a.events += l.events;
    a.open ||= s.open;
  }
  return [...acc.values()]
    .sort((x, y) => y.signals.size - x.signals.size || y.events - x.events || x.ref.type.localeCompare(y.ref.type) || x.ref.value.localeCompare(y.ref.value))
    .map((a) => ({ type: a.ref.type, value: a.ref.value, open: a.open, mark: { signals: a.signals.size, level: LEVEL_BY_RANK[a.rank] ?? null } }));
}

export interface SignalNodeOptions {
  /** Most nodes in the result, signal nodes included. */
  limit: number;
  /** Most edges per signal node. */
  fanOut: number;
}

/**
 * Adds a node per signal that names an entity in `g`, linked to those
 * entities (heaviest first, `fanOut` at most), worst level first, then the
 * signals that link most, while the node limit allows. Entity weights grow by
 * their signal edges, as `mergeGraphs` would count them. `g` is not modified.
 */
export function addSignalNodes(g: GraphData, signals: readonly SignalMeta[], links: readonly SignalLink[], { limit, fanOut }: SignalNodeOptions): GraphData {
  const nodes = new Map<string, GraphNode>(g.nodes.map((n) => [n.id, { ...n }]));
  const bySignal = new Map<string, SignalLink[]>();
  for (const l of links) {
    if (!nodes.has(nodeId(l.entity))) continue;
    const list = bySignal.get(l.signal);
    if (list) list.push(l);
    else bySignal.set(l.signal, [l]);
  }
  const order = signals
    .filter((s) => bySignal.has(s.id))
    .sort((a, b) => a.rank - b.rank || bySignal.get(b.id)!.length - bySignal.get(a.id)!.length || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  const edges: GraphEdge[] = [...g.edges];
  let truncated = g.truncated;
  for (const s of order) {
    if (nodes.size >= limit) {
      truncated = true;
      break;
    }
    const sid = signalNodeId(s.id);
    if (nodes.has(sid)) continue;
    const ls = bySignal.get(s.id)!.sort((a, b) => b.events - a.events || nodeId(a.entity).localeCompare(nodeId(b.entity)));
    if (ls.length > fanOut) truncated = true;
    const node: GraphNode = { id: sid, type: 'signal', value: s.id, title: s.title, weight: 0, signals: 0, level: s.level, seed: false };
    nodes.set(sid, node);
    for (const l of ls.slice(0, fanOut)) {
      const target = nodes.get(nodeId(l.entity))!;
      edges.push({ id: edgeId('signal', sid, target.id), kind: 'signal', source: sid, target: target.id, weight: l.events });
      node.weight += l.events;
      target.weight += l.events;
    }
  }
  return { nodes: [...nodes.values()], edges, truncated };
}
