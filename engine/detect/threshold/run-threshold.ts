/** Replays a threshold rule's matching events over event time through `ThresholdEvaluator`. */
import { CORE_COLUMNS } from '../../schema/ecs';
import { ident, rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import type { CompiledRule } from '../sigma/types';
import type { NewSignal } from '../signals/signal-store';
import { ThresholdEvaluator, type Episode } from './threshold-evaluator';
import type { ThresholdRule } from './threshold-rule';

const CORE = new Set<string>(CORE_COLUMNS.map((c) => c.name));

/** A group-by field: a core column, else a raw JSON path. Names were checked by `parseThresholdRule`. */
function groupExpr(field: string): string {
  if (CORE.has(field)) return `CAST(${ident(field)} AS VARCHAR)`;
  return `json_extract_string(raw, '$.${field.split('.').map((p) => `"${p}"`).join('.')}')`;
}

export async function thresholdSignals(port: SqlPort, t: ThresholdRule, rule: CompiledRule, exclude: { sql: string; params: SqlParam[] }): Promise<NewSignal[]> {
  const group = t.groupBy.length
    ? `concat_ws(', ', ${t.groupBy.map((f) => `'${f}=' || coalesce(${groupExpr(f)}, '')`).join(', ')})`
    : `''`;
  const rows = rowsOf<{ id: bigint; t: number; g: string }>(
    await port.query(
      `SELECT "event.id" AS id, epoch_ms("@timestamp") AS t, ${group} AS g FROM events
       WHERE (${rule.sql}) AND "@timestamp" IS NOT NULL AND (${exclude.sql}) ORDER BY "@timestamp", "event.id"`,
      [...rule.params, ...exclude.params],
    ),
  );
  const episodes: Episode[] = [];
  const ev = new ThresholdEvaluator(t.timeframeMs, t.cases, (e) => episodes.push(e));
  for (const r of rows) ev.push({ id: Number(r.id), t: Number(r.t), group: r.g });
  ev.flush();
  return episodes.map((e) => ({
    ruleId: t.id,
    ruleTitle: t.title,
    ruleType: 'threshold',
    level: e.level,
    tags: t.tags,
    groupKey: e.group,
    eventIds: e.eventIds,
    firstTime: new Date(e.first).toISOString(),
    lastTime: new Date(e.last).toISOString(),
    details: { kind: 'threshold', maxCount: e.maxCount, timeframeMs: t.timeframeMs },
  }));
}
