/** Runs the entity graph's queries through the SQL port. */
import { rowsOf, type SqlPort } from '../../sql/port';
import { EDGE_KINDS, edgesSql, signalLinksSql, signalsSql } from './graph-sql';
import { buildGraph, nodeId, pickSeeds, type RawEdge } from './graph-shape';
import { addSignalNodes, signalEntities, type SignalLink, type SignalMeta } from './graph-signals';
import { MAX_GRAPH_NODES, type EntityRef, type EntityType, type GraphData, type GraphQuery } from './graph-types';

/** Edges kept per seed and kind on the first view, and when one node is expanded. */
export const FAN_OUT = 25;
export const EXPAND_FAN_OUT = 50;
/** Default seeds: the entities of the open signals, most signals first, mixed across types. */
export const SEED_LIMIT = 60;
/** Signal nodes: at most this many, and at most a tenth of a graph's node limit; each with its SIGNAL_FAN_OUT heaviest links. */
export const MAX_SIGNAL_NODES = 60;
export const SIGNAL_FAN_OUT = 15;

interface Signals {
  meta: SignalMeta[];
  links: SignalLink[];
}

async function signalsOf(port: SqlPort): Promise<Signals> {
  const s = signalsSql();
  const meta = rowsOf<{ id: string; title: string; level: string | null; rank: number; open: boolean }>(await port.query(s.sql, s.params));
  const l = signalLinksSql();
  const links = rowsOf<{ id: string; type: EntityType; value: string; n: bigint }>(await port.query(l.sql, l.params));
  return {
    meta: meta.map((r) => ({ id: r.id, title: r.title, rank: Number(r.rank), level: r.level, open: Boolean(r.open) })),
    links: links.map((r) => ({ signal: r.id, entity: { type: r.type, value: r.value }, events: Number(r.n) })),
  };
}

async function edgesAround(port: SqlPort, seeds: readonly EntityRef[], fanOut: number): Promise<RawEdge[]> {
  const out: RawEdge[] = [];
  for (const k of EDGE_KINDS) {
    const q = edgesSql(k, seeds, fanOut);
    if (!q) continue;
    for (const r of rowsOf<{ a: string; b: string; n: bigint }>(await port.query(q.sql, q.params))) {
      out.push({ kind: k.kind, from: { type: k.from.type, value: r.a }, to: { type: k.to.type, value: r.b }, weight: Number(r.n) });
    }
  }
  return out;
}

/** Node limits for a graph with `signals` signals not archived: entities first, then everything with signal nodes. */
type Limits = (signals: number) => { entities: number; all: number };

/** The entities around `seeds` (default: the open signals' entities), then signal nodes on them. */
async function around(port: SqlPort, seeds: EntityRef[] | null, limits: Limits, fanOut: number): Promise<GraphData> {
  const sig = await signalsOf(port);
  const ents = signalEntities(sig.meta, sig.links);
  const marks = new Map(ents.map((e) => [nodeId(e), e.mark]));
  const start = seeds ?? pickSeeds(ents.filter((e) => e.open), SEED_LIMIT).map(({ type, value }) => ({ type, value }));
  const { entities, all } = limits(sig.meta.length);
  const g = buildGraph({ seeds: start, edges: await edgesAround(port, start, fanOut), marks, limit: entities, fanOut });
  return addSignalNodes(g, sig.meta, sig.links, { limit: all, fanOut: SIGNAL_FAN_OUT });
}

export function entityGraph(port: SqlPort, q: GraphQuery): Promise<GraphData> {
  const limit = Math.min(q.limit, MAX_GRAPH_NODES);
  // Room for signal nodes is kept out of the limit, so the graph never exceeds it.
  const limits: Limits = (signals) => ({ entities: limit - Math.min(signals, MAX_SIGNAL_NODES, Math.floor(limit / 10)), all: limit });
  return around(port, q.seeds?.length ? q.seeds : null, limits, FAN_OUT);
}

/** One node's neighbours (the node included) and the signals on them, for the renderer to merge into what it shows. */
export function expandEntity(port: SqlPort, ref: EntityRef): Promise<GraphData> {
  const entities = EXPAND_FAN_OUT * EDGE_KINDS.length + 1;
  return around(port, [ref], (signals) => ({ entities, all: entities + Math.min(signals, MAX_SIGNAL_NODES) }), EXPAND_FAN_OUT);
}
