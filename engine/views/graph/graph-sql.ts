/**
 * SQL behind the entity graph, as pure builders with bound parameters. Edges
 * are co-occurrence counts (GROUP BY over events), capped per seed and edge
 * kind in SQL so a host with a million processes costs a handful of rows.
 *
 * How to add an edge kind: add a row to EDGE_KINDS (two entity columns); the
 * query, the caps and the view pick it up.
 */
import { ident, type SqlParam } from '../../sql/port';
import type { EntityRef, EntityType } from './graph-types';

export interface Sql {
  sql: string;
  params: SqlParam[];
}

export interface EntityColumn {
  type: EntityType;
  column: string;
}

export interface EdgeKind {
  kind: string;
  from: EntityColumn;
  to: EntityColumn;
}

const USER: EntityColumn = { type: 'user', column: 'user.name' };
const HOST: EntityColumn = { type: 'host', column: 'host.name' };
const SRC: EntityColumn = { type: 'ip', column: 'source.ip' };
const DST: EntityColumn = { type: 'ip', column: 'destination.ip' };
const PROC: EntityColumn = { type: 'process', column: 'process.executable' };
const FILE: EntityColumn = { type: 'file', column: 'file.path' };

export const EDGE_KINDS: readonly EdgeKind[] = [
  { kind: 'logon', from: USER, to: HOST },
  { kind: 'connects', from: SRC, to: HOST },
  { kind: 'runs', from: HOST, to: PROC },
  { kind: 'touches', from: PROC, to: FILE },
  { kind: 'flow', from: SRC, to: DST },
];

/** Every column that names an entity (an IP in two). */
export const ENTITY_COLUMNS: readonly EntityColumn[] = [USER, HOST, SRC, DST, PROC, FILE];

const LEVEL_RANK = `CASE lower(level) WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 WHEN 'informational' THEN 4 ELSE 5 END`;
export const LEVEL_BY_RANK = ['critical', 'high', 'medium', 'low', 'informational'];

const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const present = (c: string) => `${c} IS NOT NULL AND ${c} <> ''`;

/**
 * Edges of one kind that touch a seed, as (a, b, n): at most `fanOut` per seed
 * (the heaviest, ties by name so results are stable). Null when no seed has
 * either endpoint's type.
 */
export function edgesSql(k: EdgeKind, seeds: readonly EntityRef[], fanOut: number): Sql | null {
  const fromVals = seeds.filter((s) => s.type === k.from.type).map((s) => s.value);
  const toVals = seeds.filter((s) => s.type === k.to.type).map((s) => s.value);
  if (fromVals.length === 0 && toVals.length === 0) return null;
  const a = ident(k.from.column);
  const b = ident(k.to.column);
  const touch: string[] = [];
  const keep: string[] = [];
  const params: SqlParam[] = [];
  const keepParams: SqlParam[] = [];
  if (fromVals.length) {
    touch.push(`${a} IN (${list(fromVals.length)})`);
    params.push(...fromVals);
    keep.push(`(a IN (${list(fromVals.length)}) AND row_number() OVER (PARTITION BY a ORDER BY n DESC, b) <= ?)`);
    keepParams.push(...fromVals, fanOut);
  }
  if (toVals.length) {
    touch.push(`${b} IN (${list(toVals.length)})`);
    params.push(...toVals);
    keep.push(`(b IN (${list(toVals.length)}) AND row_number() OVER (PARTITION BY b ORDER BY n DESC, a) <= ?)`);
    keepParams.push(...toVals, fanOut);
  }
  const noLoop = k.from.type === k.to.type ? ` AND ${a} <> ${b}` : '';
  return {
    sql: `SELECT a, b, n FROM (
  SELECT ${a} AS a, ${b} AS b, count(*) AS n FROM events
  WHERE ${present(a)} AND ${present(b)}${noLoop} AND (${touch.join(' OR ')})
  GROUP BY 1, 2)
QUALIFY ${keep.join(' OR ')}
ORDER BY n DESC, a, b`,
    params: [...params, ...keepParams],
  };
}

/**
 * The signals that are not archived: rule title, level (and its rank) and
 * whether open. Signal nodes and the open signals' seeds come from these.
 */
export function signalsSql(): Sql {
  return {
    sql: `SELECT id, coalesce(rule_title, rule_id, id) AS title, lower(level) AS level, ${LEVEL_RANK} AS rank, status = 'open' AS open FROM signals WHERE status IS DISTINCT FROM 'archived' ORDER BY rank, id`,
    params: [],
  };
}

/**
 * Every (signal, entity) pair where the entity is named in one of the
 * signal's events, with how many of its events name it: the edges of signal
 * nodes, and (summed per entity) the marks on entity nodes. One scan of the
 * signals' events, not one per signal.
 */
export function signalLinksSql(): Sql {
  const parts = ENTITY_COLUMNS.map((c) => `SELECT id, ? AS type, se.${ident(c.column)} AS value FROM se WHERE ${present(`se.${ident(c.column)}`)}`);
  return {
    sql: `WITH u AS (SELECT id, unnest(event_ids) AS eid FROM signals WHERE status IS DISTINCT FROM 'archived'),
  se AS (SELECT u.id, ${ENTITY_COLUMNS.map((c) => `e.${ident(c.column)}`).join(', ')} FROM u JOIN events e ON e."event.id" = u.eid)
SELECT id, type, value, count(*) AS n FROM (
  ${parts.join('\n  UNION ALL ')}
) GROUP BY 1, 2, 3`,
    params: ENTITY_COLUMNS.map((c) => c.type),
  };
}
