/**
 * Runs a rule set over a case and stores the signals. The rule set is
 * compiled once into a catalog (`catalog/rule-catalog.ts`); rules switched
 * off in the case's settings are skipped; events matching a suppression are
 * left out before any rule sees them. Sigma rules (with correlations and
 * filters) run through `runRules`; threshold and stateful rules fetch their
 * matching events in time order and replay them through their streaming
 * evaluators, the same code that will run on live events.
 *
 * How to add a rule type: give it a `type:` key, a parser and evaluator under
 * `detect/<type>/`, an entry in `catalog/rule-catalog.ts`, and a runner call
 * in `runTyped` below.
 */
import type { GeoLookup } from '../geo/geo';
import { rowsOf, type SqlParam, type SqlPort } from '../sql/port';
import { buildCatalog, type CatalogRule, type RuleText } from './catalog/rule-catalog';
import { isRuleEnabled, loadToggles } from './catalog/rule-toggles';
import { runRules } from './sigma/run';
import type { RuleMatch } from './sigma/types';
import { prepareSuppressed, SUPPRESSED_TABLE } from './signals/suppressions';
import { pruneStaleSignals, upsertSignals, type NewSignal } from './signals/signal-store';
import { runStateful } from './stateful/run-stateful';
import { thresholdSignals } from './threshold/run-threshold';

export type { RuleText } from './catalog/rule-catalog';

export interface DetectionError {
  path: string;
  line: number | null;
  ruleId?: string;
  message: string;
}

export interface DetectionResult {
  rulesCompiled: number;
  /** Rules switched off in this case. */
  rulesDisabled: number;
  signals: number;
  /** Open, untriaged signals removed because no enabled rule produces them any more. */
  signalsRemoved: number;
  suppressedEvents: number;
  errors: DetectionError[];
  /** Rules that could not run here, and why (no GeoIP database). Not errors in the rules. */
  skipped: { ruleId: string; reason: string }[];
}

export interface DetectionOptions {
  /** GeoIP for impossible travel; a function is called only when such a rule is enabled (opening a database costs). */
  geo?: GeoLookup | (() => Promise<GeoLookup>);
  now?: Date;
}

type Exclude = (ruleId: string) => { sql: string; params: SqlParam[] };

/** Plain detections become one signal per rule and host: what a responder triages. */
async function detectionSignals(port: SqlPort, rule: CatalogRule, m: RuleMatch, exclude: Exclude): Promise<NewSignal[]> {
  if (m.eventIds.length === 0) return [];
  const ex = exclude(rule.id);
  const rows = rowsOf<{ g: string; ids: string; lo: string; hi: string }>(
    await port.query(
      `SELECT coalesce("host.name", '') AS g, CAST(to_json(list("event.id" ORDER BY "@timestamp", "event.id")) AS VARCHAR) AS ids,
         CAST(epoch_ms(min("@timestamp")) AS VARCHAR) AS lo, CAST(epoch_ms(max("@timestamp")) AS VARCHAR) AS hi
       FROM events WHERE "event.id" IN (SELECT unnest(?::BIGINT[])) AND (${ex.sql}) GROUP BY 1 ORDER BY 1`,
      [`[${m.eventIds.join(',')}]`, ...ex.params],
    ),
  );
  const iso = (v: string | null) => (v === null ? null : new Date(Number(v)).toISOString());
  return rows.map((r) => ({
    ruleId: rule.id, ruleTitle: rule.title, ruleType: 'sigma', level: rule.level, tags: rule.tags,
    groupKey: m.groupKey || (r.g ? `host.name=${r.g}` : ''),
    eventIds: JSON.parse(r.ids) as number[], firstTime: iso(r.lo), lastTime: iso(r.hi),
  }));
}

/** A correlation's events minus suppressed ones; it fires only if some remain. */
async function correlationSignal(port: SqlPort, rule: CatalogRule, m: RuleMatch, suppressing: boolean): Promise<NewSignal[]> {
  let ids = m.eventIds;
  if (suppressing) {
    const [{ v }] = rowsOf<{ v: string }>(await port.query(
      `SELECT CAST(to_json(coalesce(list(id ORDER BY id), [])) AS VARCHAR) AS v FROM (SELECT unnest(?::BIGINT[]) AS id) WHERE id NOT IN (SELECT id FROM ${SUPPRESSED_TABLE} WHERE rule_id IS NULL OR rule_id = ?)`,
      [`[${ids.join(',')}]`, rule.id],
    ));
    ids = JSON.parse(v) as number[];
  }
  if (ids.length === 0) return [];
  const type = `correlation.${rule.sigma?.correlation?.type ?? ''}`;
  return [{ ruleId: rule.id, ruleTitle: rule.title, ruleType: type, level: rule.level, tags: rule.tags, groupKey: m.groupKey, eventIds: ids, firstTime: m.firstTime, lastTime: m.lastTime }];
}

async function runTyped(port: SqlPort, r: CatalogRule, exclude: Exclude, geo: GeoLookup | undefined): Promise<NewSignal[]> {
  if (r.threshold) return thresholdSignals(port, r.threshold, r.blocks[0], exclude(r.id));
  if (r.stateful) return runStateful(port, r.stateful, { geo, exclude });
  return [];
}

async function openGeo(opts: DetectionOptions, rules: readonly CatalogRule[]): Promise<{ geo?: GeoLookup; why?: string }> {
  if (!opts.geo) return { why: 'no GeoIP database' };
  if (!rules.some((r) => r.type === 'impossible_travel')) return {};
  try {
    return { geo: typeof opts.geo === 'function' ? await opts.geo() : opts.geo };
  } catch (e) {
    return { why: `GeoIP database did not open: ${(e as Error).message}` };
  }
}

export async function runDetection(port: SqlPort, files: readonly RuleText[], opts: DetectionOptions = {}): Promise<DetectionResult> {
  const catalog = buildCatalog(files);
  const errors: DetectionError[] = catalog.errors.map((e) => ({ path: e.path, line: e.line, ruleId: e.ruleId, message: e.message }));
  const skipped: DetectionResult['skipped'] = [];
  const toggles = await loadToggles(port);
  const enabled = catalog.rules.filter((r) => isRuleEnabled(toggles, r));
  const supp = await prepareSuppressed(port, opts.now);
  const signals: NewSignal[] = [];
  const sigma = enabled.filter((r) => r.sigma);
  const byId = new Map(sigma.map((r) => [r.id, r]));
  for (const m of await runRules(port, sigma.map((r) => r.sigma!))) {
    const rule = byId.get(m.ruleId);
    if (!rule) continue;
    if (rule.type === 'correlation') signals.push(...(await correlationSignal(port, rule, m, supp.count > 0)));
    else if (rule.standalone) signals.push(...(await detectionSignals(port, rule, m, supp.exclude)));
  }
  const geo = await openGeo(opts, enabled);
  for (const r of enabled.filter((x) => !x.sigma)) {
    if (r.type === 'impossible_travel' && !geo.geo) {
      skipped.push({ ruleId: r.id, reason: geo.why ?? 'no GeoIP database' });
      continue;
    }
    try {
      signals.push(...(await runTyped(port, r, supp.exclude, geo.geo)));
    } catch (e) {
      errors.push({ path: r.path, line: r.line, ruleId: r.id, message: `while running ${r.type} rule ${r.id}: ${(e as Error).message}` });
    }
  }
  await upsertSignals(port, signals);
  const failed = new Set(errors.map((e) => e.ruleId));
  // A rule that failed this time keeps its old signals: an error is not evidence of absence.
  const ran = catalog.rules.filter((r) => !failed.has(r.id) && !skipped.some((s) => s.ruleId === r.id)).map((r) => r.id);
  const removed = await pruneStaleSignals(port, ran, signals);
  await port.exec(`DROP TABLE IF EXISTS ${SUPPRESSED_TABLE}`);
  return {
    rulesCompiled: catalog.rules.length, rulesDisabled: catalog.rules.length - enabled.length, signals: signals.length,
    signalsRemoved: removed, suppressedEvents: supp.count, errors, skipped,
  };
}
