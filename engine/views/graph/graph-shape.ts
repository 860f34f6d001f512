/**
 * Pure graph shaping: ids, the per-seed fan-out cap, the node limit, signal
 * marks and merging an expansion into a graph. Shared by the host (building)
 * and the renderer (merging), so both agree on ids.
 */
import type { EntityRef, GraphData, GraphEdge, GraphNode } from './graph-types';

export interface RawEdge {
  kind: string;
  from: EntityRef;
  to: EntityRef;
  weight: number;
}

export interface Mark {
  signals: number;
  level: string | null;
}

export const nodeId = (r: EntityRef): string => `${r.type}:${r.value}`;
export const edgeId = (kind: string, source: string, target: string): string => `${kind}:${source}>${target}`;

/** Keeps, for every seed and edge kind, only the `fanOut` heaviest edges; an edge stays if it survives for either end. */
export function capFanOut(edges: readonly RawEdge[], seeds: ReadonlySet<string>, fanOut: number): RawEdge[] {
  const sorted = [...edges].sort((a, b) => b.weight - a.weight || nodeId(a.to).localeCompare(nodeId(b.to)) || nodeId(a.from).localeCompare(nodeId(b.from)));
  const used = new Map<string, number>();
  const take = (seed: string, kind: string) => {
    const key = `${kind}\u0000${seed}`;
    const n = used.get(key) ?? 0;
    if (n >= fanOut) return false;
    used.set(key, n + 1);
    return true;
  };
  return sorted.filter((e) => {
    const a = nodeId(e.from);
    const b = nodeId(e.to);
    // Both ends are charged (no short-circuit) so each seed's count is its own.
    const fromOk = seeds.has(a) && take(a, e.kind);
    const toOk = seeds.has(b) && take(b, e.kind);
    return fromOk || toOk;
  });
}

export interface BuildInput {
  seeds: readonly EntityRef[];
  edges: readonly RawEdge[];
  marks: ReadonlyMap<string, Mark>;
  limit: number;
  fanOut: number;
}

/** Seeds first, then the heaviest edges while their new endpoints fit under the node limit. */
export function buildGraph({ seeds, edges, marks, limit, fanOut }: BuildInput): GraphData {
  const nodes = new Map<string, GraphNode>();
  const add = (r: EntityRef, seed: boolean) => {
    const id = nodeId(r);
    const had = nodes.get(id);
    if (had) return had;
    const m = marks.get(id);
    const n: GraphNode = { id, type: r.type, value: r.value, weight: 0, signals: m?.signals ?? 0, level: m?.level ?? null, seed };
    nodes.set(id, n);
    return n;
  };
  for (const s of seeds.slice(0, limit)) add(s, true);
  const seedIds = new Set(seeds.map(nodeId));
  const capped = capFanOut(edges, seedIds, fanOut);
  let truncated = capped.length < edges.length || seeds.length > limit;
  const out = new Map<string, GraphEdge>();
  for (const e of capped) {
    const a = nodeId(e.from);
    const b = nodeId(e.to);
    const fresh = (nodes.has(a) ? 0 : 1) + (nodes.has(b) ? 0 : 1);
    if (nodes.size + fresh > limit) {
      truncated = true;
      continue;
    }
    const src = add(e.from, false);
    const dst = add(e.to, false);
    const id = edgeId(e.kind, a, b);
    if (out.has(id)) continue;
    out.set(id, { id, kind: e.kind, source: a, target: b, weight: e.weight });
    src.weight += e.weight;
    dst.weight += e.weight;
  }
  return { nodes: [...nodes.values()], edges: [...out.values()], truncated };
}

/** The union of two graphs by id: an expansion added to what is on screen. Node weights are recomputed from the merged edges. */
export function mergeGraphs(a: GraphData, b: GraphData): GraphData {
  const nodes = new Map<string, GraphNode>();
  for (const n of [...a.nodes, ...b.nodes]) {
    const had = nodes.get(n.id);
    nodes.set(n.id, had ? { ...had, seed: had.seed || n.seed, signals: Math.max(had.signals, n.signals), level: had.level ?? n.level } : { ...n });
  }
  const edges = new Map<string, GraphEdge>();
  for (const e of [...a.edges, ...b.edges]) {
    const had = edges.get(e.id);
    edges.set(e.id, had && had.weight >= e.weight ? had : e);
  }
  for (const n of nodes.values()) n.weight = 0;
  for (const e of edges.values()) {
    nodes.get(e.source)!.weight += e.weight;
    nodes.get(e.target)!.weight += e.weight;
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: a.truncated || b.truncated };
}

/** Up to `limit` seeds taken round-robin by entity type (each list in its given order), so one busy type cannot crowd out the rest. */
export function pickSeeds<T extends EntityRef>(candidates: readonly T[], limit: number): T[] {
  const byType = new Map<string, T[]>();
  for (const c of candidates) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);
  const queues = [...byType.values()];
  const out: T[] = [];
  for (let i = 0; out.length < limit && queues.some((q) => i < q.length); i++) {
    for (const q of queues) if (i < q.length && out.length < limit) out.push(q[i]);
  }
  return out;
}
