/**
 * Replays a case's events through a stateful rule's evaluator: one query
 * fetches the rule's matching events in event-time order with the values the
 * evaluator needs, the evaluator streams over them, and its hits become
 * signals. Live events will push into the same evaluators.
 */
import { rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import type { GeoLookup } from '../../geo/geo';
import type { NewSignal } from '../signals/signal-store';
import { AnomalyEvaluator } from './anomaly-evaluator';
import { fieldExpr, groupKeyExpr, type CompiledStateful } from './compile-stateful';
import { ImpossibleTravelEvaluator } from './impossible-travel-evaluator';
import { NewValueEvaluator } from './new-value-evaluator';
import { SequenceEvaluator } from './sequence-evaluator';
import type { StatefulRule } from './stateful-rule';

export interface StatefulOptions {
  geo?: GeoLookup;
  /** Extra predicate that drops suppressed events for a rule. */
  exclude?: (ruleId: string) => { sql: string; params: SqlParam[] };
}

type Row = Record<string, unknown> & { id: bigint | number; t: number };

const iso = (ms: number) => new Date(ms).toISOString();

function signal(r: StatefulRule, groupKey: string, eventIds: number[], first: number, last: number, details: Record<string, unknown>): NewSignal {
  return { ruleId: r.id, ruleTitle: r.title, ruleType: r.type, level: r.level, tags: r.tags, groupKey, eventIds, firstTime: iso(first), lastTime: iso(last), details };
}

async function fetch(port: SqlPort, c: CompiledStateful, cols: string, where: string, params: SqlParam[], opts: StatefulOptions): Promise<Row[]> {
  const ex = opts.exclude?.(c.rule.id) ?? { sql: 'TRUE', params: [] };
  return rowsOf<Row>(
    await port.query(
      `SELECT "event.id" AS id, epoch_ms("@timestamp") AS t, ${cols} FROM events
       WHERE (${where}) AND "@timestamp" IS NOT NULL AND (${ex.sql}) ORDER BY "@timestamp", "event.id"`,
      [...params, ...ex.params],
    ),
  );
}

export async function runStateful(port: SqlPort, c: CompiledStateful, opts: StatefulOptions = {}): Promise<NewSignal[]> {
  const r = c.rule;
  const out: NewSignal[] = [];
  const [main] = c.blocks;
  switch (r.type) {
    case 'new_value': {
      const vals = r.fields.map((f) => fieldExpr(r.logsource, f, r.path));
      const rows = await fetch(port, c, `${groupKeyExpr(r.logsource, r.groupBy, r.path)} AS g, to_json([${vals.join(', ')}])::VARCHAR AS v`,
        `(${main.sql}) AND (${vals.map((v) => `${v} IS NOT NULL`).join(' OR ')})`, [...main.params], opts);
      const ev = new NewValueEvaluator(r.learningMs, (h) => {
        const values = Object.fromEntries(r.fields.map((f, i) => [f, (JSON.parse(h.value) as unknown[])[i]]));
        const key = [h.group, ...Object.entries(values).map(([k, v]) => `${k}=${String(v ?? '')}`)].filter(Boolean).join(', ');
        out.push(signal(r, key, h.eventIds, h.t, h.t, { kind: 'new_value', values, knownValues: h.known, learnedUntil: iso(h.learnedUntil) }));
      });
      for (const x of rows) ev.push({ id: Number(x.id), t: Number(x.t), group: String(x.g), value: String(x.v) });
      ev.flush();
      return out;
    }
    case 'anomaly': {
      const rows = await fetch(port, c, `${groupKeyExpr(r.logsource, r.groupBy, r.path)} AS g`, main.sql, [...main.params], opts);
      const ev = new AnomalyEvaluator({ bucketMs: r.bucketMs, k: r.deviations, minHistory: r.minHistory, minCount: r.minCount }, (h) => {
        const round = (x: number) => Math.round(x * 100) / 100;
        const buckets = h.buckets.map((b) => ({ start: iso(b.start), observed: b.observed, mean: round(b.mean), stddev: round(b.stddev), limit: round(b.limit), historyBuckets: b.history }));
        out.push(signal(r, h.group, h.eventIds, h.first, h.last, { kind: 'anomaly', bucketMs: h.bucketMs, deviations: r.deviations, buckets }));
      });
      for (const x of rows) ev.push({ id: Number(x.id), t: Number(x.t), group: String(x.g) });
      ev.flush();
      return out;
    }
    case 'impossible_travel': {
      if (!opts.geo) throw new Error(`impossible_travel rule ${r.id}: no GeoIP database available`);
      const user = fieldExpr(r.logsource, r.userField, r.path);
      const ip = fieldExpr(r.logsource, r.ipField, r.path);
      const rows = await fetch(port, c, `${user} AS u, ${ip} AS ip`, `(${main.sql}) AND ${user} IS NOT NULL AND ${ip} IS NOT NULL`, [...main.params], opts);
      const ev = new ImpossibleTravelEvaluator(opts.geo, { maxSpeedKmh: r.maxSpeedKmh, minDistanceKm: r.minDistanceKm }, (h) => {
        out.push(signal(r, `${r.userField}=${h.user}`, [...h.eventIds], h.from.t, h.to.t, { kind: 'impossible_travel', from: h.from, to: h.to, distanceKm: h.distanceKm, speedKmh: h.speedKmh }));
      });
      for (const x of rows) ev.push({ id: Number(x.id), t: Number(x.t), user: String(x.u), ip: String(x.ip) });
      ev.flush();
      return out;
    }
    case 'sequence': {
      const params: SqlParam[] = [];
      const cols = c.blocks.map((b, i) => {
        params.push(...b.params);
        return `coalesce((${b.sql}), FALSE) AS s${i}, ${groupKeyExpr(r.steps[i].logsource, r.groupBy, r.path)} AS g${i}`;
      });
      const where = c.blocks.map((b) => `(${b.sql})`).join(' OR ');
      const rows = await fetch(port, c, cols.join(', '), where, [...params, ...c.blocks.flatMap((b) => b.params)], opts);
      const ev = new SequenceEvaluator(r.withinMs, r.steps.map((s) => s.minCount), (h) => {
        const ids = [...new Set(h.stepEventIds.flat())].sort((a, b) => a - b);
        const steps = r.steps.map((s, i) => ({ name: s.name, eventIds: h.stepEventIds[i] }));
        out.push(signal(r, h.group, ids, h.first, h.last, { kind: 'sequence', steps }));
      });
      for (const x of rows) {
        const steps = c.blocks.map((_, i) => i).filter((i) => x[`s${i}`] === true).map((i) => ({ step: i, group: String(x[`g${i}`]) }));
        ev.push({ id: Number(x.id), t: Number(x.t), steps });
      }
      ev.flush();
      return out;
    }
  }
}
