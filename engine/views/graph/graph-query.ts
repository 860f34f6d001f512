/** Runs the entity graph's queries through the SQL port. */
import { rowsOf, type SqlPort } from '../../sql/port';
import { EDGE_KINDS, edgesSql, LEVEL_BY_RANK, signalEntitiesSql } from './graph-sql';
import { buildGraph, nodeId, pickSeeds, type Mark, type RawEdge } from './graph-shape';
import { MAX_GRAPH_NODES, type EntityRef, type EntityType, type GraphData, type GraphQuery } from './graph-types';

/** Edges kept per seed and kind on the first view, and when one node is expanded. */
export const FAN_OUT = 25;
export const EXPAND_FAN_OUT = 50;
/** Default seeds: the entities of the open signals, most signals first, mixed across types. */
export const SEED_LIMIT = 60;

interface SignalEntity extends EntityRef {
  mark: Mark;
  open: boolean;
}

async function signalEntities(port: SqlPort): Promise<SignalEntity[]> {
  const q = signalEntitiesSql();
  const rows = rowsOf<{ type: EntityType; value: string; signals: bigint; rank: number; open: boolean }>(await port.query(q.sql, q.params));
  return rows.map((r) => ({
    type: r.type,
    value: r.value,
    open: Boolean(r.open),
    mark: { signals: Number(r.signals), level: LEVEL_BY_RANK[Number(r.rank)] ?? null },
  }));
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

async function around(port: SqlPort, seeds: EntityRef[] | null, limit: number, fanOut: number): Promise<GraphData> {
  const ents = await signalEntities(port);
  const marks = new Map(ents.map((e) => [nodeId(e), e.mark]));
  const start = seeds ?? pickSeeds(ents.filter((e) => e.open), SEED_LIMIT).map(({ type, value }) => ({ type, value }));
  return buildGraph({ seeds: start, edges: await edgesAround(port, start, fanOut), marks, limit, fanOut });
}

export function entityGraph(port: SqlPort, q: GraphQuery): Promise<GraphData> {
  return around(port, q.seeds?.length ? q.seeds : null, Math.min(q.limit, MAX_GRAPH_NODES), FAN_OUT);
}

/** One node's neighbours (the node included), for the renderer to merge into what it shows. */
export function expandEntity(port: SqlPort, ref: EntityRef): Promise<GraphData> {
  return around(port, [ref], EXPAND_FAN_OUT * EDGE_KINDS.length + 1, EXPAND_FAN_OUT);
}
