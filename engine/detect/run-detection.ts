/**
 * Runs a rule set over a case and stores the signals. Sigma rules (with
 * correlations and filters) go through the Sigma compiler and `runRules`;
 * Vestige threshold rules compile their detection block the same way and
 * replay matches over event time through the streaming evaluator.
 *
 * How to add a rule type: give it a `type:` key, a parser beside
 * `threshold/threshold-rule.ts`, and an evaluator that turns matching events
 * into `NewSignal`s; dispatch on it in `splitRuleFiles`.
 */
import { CORE_COLUMNS } from '../schema/ecs';
import { ident, rowsOf, type SqlPort } from '../sql/port';
import { compileBatch, compileSigma } from './sigma/compile';
import { runRules } from './sigma/run';
import type { CompiledRule, RuleMatch } from './sigma/types';
import { upsertSignals, type NewSignal } from './signals/signal-store';
import { ThresholdEvaluator, type Episode } from './threshold/threshold-evaluator';
import { isThresholdRule, parseThresholdRule, type ThresholdRule } from './threshold/threshold-rule';

export interface RuleText {
  path: string;
  text: string;
}

export interface DetectionError {
  path: string;
  line: number | null;
  ruleId?: string;
  message: string;
}

export interface DetectionResult {
  rulesCompiled: number;
  signals: number;
  errors: DetectionError[];
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());

/** Plain detections become one signal per rule and host: what a responder triages. */
async function detectionSignals(port: SqlPort, rule: CompiledRule, m: RuleMatch): Promise<NewSignal[]> {
  if (m.eventIds.length === 0) return [];
  const rows = rowsOf<{ g: string; ids: string; lo: number; hi: number }>(
    await port.query(
      `SELECT coalesce("host.name", '') AS g, CAST(to_json(list("event.id" ORDER BY "@timestamp", "event.id")) AS VARCHAR) AS ids, min("@timestamp") AS lo, max("@timestamp") AS hi
       FROM events WHERE "event.id" IN (SELECT unnest(?::BIGINT[])) GROUP BY 1 ORDER BY 1`,
      [`[${m.eventIds.join(',')}]`],
    ),
  );
  return rows.map((r) => ({
    ruleId: rule.id,
    ruleTitle: rule.title,
    ruleType: 'sigma',
    level: rule.level,
    tags: rule.tags,
    groupKey: m.groupKey || (r.g ? `host.name=${r.g}` : ''),
    eventIds: JSON.parse(r.ids) as number[],
    firstTime: iso(r.lo),
    lastTime: iso(r.hi),
  }));
}

async function thresholdSignals(port: SqlPort, t: ThresholdRule, rule: CompiledRule): Promise<NewSignal[]> {
  const group = t.groupBy.length
    ? `concat_ws(', ', ${t.groupBy.map((f) => `'${f}=' || coalesce(${groupExpr(f)}, '')`).join(', ')})`
    : `''`;
  const rows = rowsOf<{ id: bigint; t: number; g: string }>(
    await port.query(
      `SELECT "event.id" AS id, epoch_ms("@timestamp") AS t, ${group} AS g FROM events
       WHERE (${rule.sql}) AND "@timestamp" IS NOT NULL ORDER BY "@timestamp", "event.id"`,
      rule.params,
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
  }));
}

const CORE = new Set<string>(CORE_COLUMNS.map((c) => c.name));

/** A group-by field: a core column, else a raw JSON path. Names were checked by `parseThresholdRule`. */
function groupExpr(field: string): string {
  if (CORE.has(field)) return `CAST(${ident(field)} AS VARCHAR)`;
  return `json_extract_string(raw, '$.${field.split('.').map((p) => `"${p}"`).join('.')}')`;
}

export async function runDetection(port: SqlPort, files: readonly RuleText[]): Promise<DetectionResult> {
  const errors: DetectionError[] = [];
  const sigmaFiles = files.filter((f) => !isThresholdRule(f.text));
  const compiled = compileBatch(sigmaFiles);
  for (const e of compiled.errors) errors.push({ path: e.loc.path, line: e.loc.line, ruleId: e.ruleRef, message: e.message });

  const signals: NewSignal[] = [];
  const byId = new Map(compiled.rules.map((r) => [r.id, r]));
  const matches = await runRules(port, compiled.rules);
  for (const m of matches) {
    const rule = byId.get(m.ruleId);
    if (!rule) continue;
    if (rule.kind === 'correlation') {
      signals.push({ ruleId: rule.id, ruleTitle: rule.title, ruleType: `correlation.${rule.correlation?.type ?? ''}`, level: rule.level, tags: rule.tags, groupKey: m.groupKey, eventIds: m.eventIds, firstTime: m.firstTime, lastTime: m.lastTime });
    } else if (rule.standalone) {
      signals.push(...(await detectionSignals(port, rule, m)));
    }
  }

  let thresholds = 0;
  for (const f of files.filter((x) => isThresholdRule(x.text))) {
    try {
      const t = parseThresholdRule(f.text, f.path);
      const c = compileSigma(t.sigmaText, f.path);
      if (c.errors.length || c.rules.length !== 1) throw new Error(c.errors[0]?.message ?? 'detection block did not compile');
      signals.push(...(await thresholdSignals(port, t, c.rules[0])));
      thresholds++;
    } catch (e) {
      errors.push({ path: f.path, line: null, message: (e as Error).message });
    }
  }
  await upsertSignals(port, signals);
  return { rulesCompiled: compiled.rules.length + thresholds, signals: signals.length, errors };
}
