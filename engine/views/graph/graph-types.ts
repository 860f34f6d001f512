/** What the entity graph asks the host for and gets back (plain data, see host/contract.ts). */

export type EntityType = 'user' | 'host' | 'ip' | 'process' | 'file';
export const ENTITY_TYPES: readonly EntityType[] = ['user', 'host', 'ip', 'process', 'file'];
/** What a graph node is: an entity, or a signal linked to the entities its events name. */
export type NodeType = EntityType | 'signal';

export interface EntityRef {
  type: EntityType;
  value: string;
}

export interface GraphQuery {
  /** Where to start; absent or empty: the entities of the open signals. */
  seeds?: EntityRef[];
  /** Most nodes to return. */
  limit: number;
}

export interface GraphNode {
  /** `type:value`, unique in a graph. */
  id: string;
  type: NodeType;
  /** The entity's value; for a signal node, the signal's id. */
  value: string;
  /** A signal node's rule title (entities have none: their value is their label). */
  title?: string;
  /** Sum of the weights of its edges in this graph. */
  weight: number;
  /** Signals (not archived) whose events name this entity, and the most severe level among them; a signal node: 0 and its own level. */
  signals: number;
  level: string | null;
  seed: boolean;
}

export interface GraphEdge {
  /** `kind:sourceId>targetId`. */
  id: string;
  /** An entity edge kind (graph-sql.ts EDGE_KINDS), or `signal`: from a signal node to an entity its events name. */
  kind: string;
  source: string;
  target: string;
  /** Events in which both entities appear (a signal edge: the signal's events naming the entity). */
  weight: number;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when edges were dropped by a fan-out cap or the node limit (signal nodes and edges included). */
  truncated: boolean;
}

export const MAX_GRAPH_NODES = 5000;

function validRef(r: unknown): boolean {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return ENTITY_TYPES.includes(o.type as EntityType) && typeof o.value === 'string' && o.value.length > 0 && o.value.length <= 4096;
}

export function validEntityRef(r: unknown): string | null {
  return validRef(r) ? null : `entity must be {type: ${ENTITY_TYPES.join('|')}, value: non-empty string}`;
}

export function validGraphQuery(q: unknown): string | null {
  if (typeof q !== 'object' || q === null) return 'query must be an object';
  const o = q as Record<string, unknown>;
  if (!(typeof o.limit === 'number' && Number.isInteger(o.limit) && o.limit > 0 && o.limit <= MAX_GRAPH_NODES)) return `limit must be 1..${MAX_GRAPH_NODES}`;
  if (o.seeds !== undefined && !(Array.isArray(o.seeds) && o.seeds.length <= 500 && o.seeds.every(validRef))) return 'seeds must be up to 500 entities';
  return null;
}
