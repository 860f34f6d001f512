/**
 * Correlation rules → one SQL query over the base rules' matches. Each base
 * rule's matches (with its group-by fields, resolved per rule through
 * aliases, and the value field) are unioned; a window over "@timestamp"
 * (RANGE timespan PRECEDING, per group) computes the aggregate at every match,
 * and `hit` says whether the window ending there satisfies the condition.
 * `runRules` turns consecutive hits of a group into one match (see
 * correlation-windows.ts).
 *
 * value_percentile: the share (in percent) of the window's events that have
 * the current event's value — `lte: 1` finds values rarer than 1 %.
 * temporal_ordered: the window's rule sequence is checked in TypeScript
 * (`hit` is NULL in SQL).
 */
import type { SqlParam } from '../../../sql/port';
import type { CorrelationRule, CountOp } from '../rule/types';
import type { FieldTarget } from '../pipeline/types';
import type { CompiledRule } from '../types';
import { DUCKDB } from './dialect';
import { fieldSql } from './fields';

const OPS: Record<CountOp, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=', neq: '<>' };

export function compileCorrelation(
  corr: CorrelationRule,
  bases: readonly CompiledRule[],
  fieldFor: (groupField: string, baseIndex: number) => FieldTarget,
): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const groupCols = corr.groupBy.map((_, i) => `g${i}`);
  const selects = bases.map((b, i) => {
    const groups = corr.groupBy.map((g, gi) => `${fieldSql(fieldFor(g, i), DUCKDB)} AS g${gi}`);
    const value = corr.field ? `${fieldSql(fieldFor(corr.field, i), DUCKDB)} AS v` : 'NULL::VARCHAR AS v';
    params.push(...b.params);
    return `SELECT "event.id" AS id, "@timestamp" AS ts, ${i} AS r, ${[...groups, value].join(', ')} FROM events WHERE ${b.sql}`;
  });
  const partition = groupCols.length > 0 ? `PARTITION BY ${groupCols.join(', ')} ` : '';
  params.push(corr.timespanSeconds);
  const frame = `ORDER BY ts RANGE BETWEEN INTERVAL (?) SECOND PRECEDING AND CURRENT ROW`;
  let agg: string;
  switch (corr.correlationType) {
    case 'event_count':
      agg = 'count(*) OVER win';
      break;
    case 'value_count':
      agg = 'count(DISTINCT v) OVER win';
      break;
    case 'temporal':
      agg = 'count(DISTINCT r) OVER win';
      break;
    case 'temporal_ordered':
      agg = 'CAST(to_json(list(r) OVER win) AS VARCHAR)';
      break;
    case 'value_sum':
      agg = 'sum(TRY_CAST(v AS DOUBLE)) OVER win';
      break;
    case 'value_avg':
      agg = 'avg(TRY_CAST(v AS DOUBLE)) OVER win';
      break;
    case 'value_percentile':
      params.push(corr.timespanSeconds);
      agg = `100.0 * count(*) OVER (PARTITION BY ${[...groupCols, 'v'].join(', ')} ${frame}) / count(*) OVER win`;
      break;
  }
  const conds =
    corr.condition.length > 0
      ? corr.condition
      : corr.correlationType === 'temporal'
        ? [{ op: 'gte' as const, value: bases.length }]
        : [];
  let hit = 'NULL';
  if (corr.correlationType !== 'temporal_ordered') {
    hit = conds.map((c) => `agg ${OPS[c.op]} ?`).join(' AND ') || 'true';
    for (const c of conds) params.push(c.value);
  }
  // Lists travel as JSON text: the port returns scalar columns.
  const gList = `CAST(to_json([${groupCols.map((g) => `CAST(${g} AS VARCHAR)`).join(', ')}]) AS VARCHAR)`;
  const sql =
    `WITH base AS (${selects.join(' UNION ALL ')}),\n` +
    `w AS (SELECT *, ${agg} AS agg FROM base WHERE ts IS NOT NULL WINDOW win AS (${partition}${frame}))\n` +
    `SELECT id, CAST(ts AS VARCHAR) AS ts, epoch_ms(ts) AS ms, r, ${gList} AS g, agg, ${hit} AS hit FROM w ORDER BY ${[...groupCols, 'ts', 'id'].join(', ')}`;
  return { sql, params };
}
