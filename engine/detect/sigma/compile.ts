/**
 * compileSigma / compileBatch: YAML text → compiled rules, errors collected
 * per rule (a bad rule never stops the batch). Filters apply to the rules
 * they name; correlations are resolved against the rules of the same batch
 * (so pass a whole folder to `compileBatch` when rules live in other files).
 */
import type { SqlParam } from '../../sql/port';
import { splitDocuments } from './rule/documents';
import { SigmaError, wrapForeign } from './rule/errors';
import { parseDocument } from './rule/parse-rule';
import { get, str } from './rule/ynode';
import type { CorrelationRule, FilterRule, Logsource, ParsedDocument, SigmaRule } from './rule/types';
import { resolveLogsource, type Resolution } from './pipeline/resolve';
import { builtinPipelines } from './pipeline/builtin';
import type { Pipeline } from './pipeline/types';
import { DUCKDB } from './backend/dialect';
import { convertCondition, type ConversionState } from './backend/convert';
import { scopePred } from './backend/scope';
import { fieldSql } from './backend/fields';
import { render, simplify, type FieldUse, type Pred, type RenderContext } from './backend/ir';
import { compileCorrelation } from './backend/correlation';
import type { CompileOptions, CompileResult, CompiledRule } from './types';

export function compileSigma(text: string, path: string, opts: CompileOptions = {}): CompileResult {
  return compileBatch([{ path, text }], opts);
}

export function compileBatch(files: readonly { path: string; text: string }[], opts: CompileOptions = {}): CompileResult {
  const pipelines = opts.pipelines ?? builtinPipelines();
  const errors: SigmaError[] = [];
  const parsed: ParsedDocument[] = [];
  for (const file of files) {
    const { docs, errors: errs } = splitDocuments(file.text, file.path);
    errors.push(...errs);
    for (const doc of docs) {
      try {
        parsed.push(parseDocument(doc.node, doc.loc, opts));
      } catch (e) {
        const err = wrapForeign(e, doc.loc, 'while parsing');
        err.ruleRef ??= str(get(doc.node, 'id')) ?? str(get(doc.node, 'title'));
        errors.push(err);
      }
    }
  }
  const filters = parsed.filter((p): p is FilterRule => p.type === 'filter');
  const detections = new Map<string, CompiledRule>();
  const byRef = new Map<string, CompiledRule>();
  for (const rule of parsed) {
    if (rule.type !== 'rule') continue;
    try {
      const c = compileDetection(rule, filters.filter((f) => filterApplies(f, rule)), pipelines);
      detections.set(rule.id, c);
      byRef.set(rule.id, c);
      if (rule.name) byRef.set(rule.name, c);
    } catch (e) {
      const err = wrapForeign(e, { path: rule.path, line: rule.line, col: 1 }, `while compiling rule ${rule.id}`);
      err.ruleRef ??= rule.id;
      errors.push(err);
    }
  }
  const notStandalone = new Set<string>();
  const correlations: CompiledRule[] = [];
  for (const corr of parsed) {
    if (corr.type !== 'correlation') continue;
    try {
      const bases = corr.rules.map((ref) => {
        const b = byRef.get(ref);
        if (b) return b;
        const isCorr = parsed.some((p) => p.type === 'correlation' && (p.id === ref || p.name === ref));
        throw new SigmaError('correlation', isCorr ? `chained correlation '${ref}' is not supported yet` : `referenced rule '${ref}' is not in this batch (or did not compile)`, { path: corr.path, line: corr.line, col: 1 }, corr.id);
      });
      correlations.push(compileCorrelationRule(corr, bases, parsed, pipelines));
      if (!corr.generate) for (const b of bases) notStandalone.add(b.id);
    } catch (e) {
      const err = wrapForeign(e, { path: corr.path, line: corr.line, col: 1 }, `while compiling correlation ${corr.id}`);
      err.ruleRef ??= corr.id;
      errors.push(err);
    }
  }
  const rules = [...detections.values()].map((r) => (notStandalone.has(r.id) ? { ...r, standalone: false } : r));
  return { rules: [...rules, ...correlations], errors };
}

/** A filter applies to a rule it names (or to all with `any`) whose logsource contains the filter's. */
function filterApplies(f: FilterRule, rule: SigmaRule): boolean {
  const named = f.rules.includes('any') || f.rules.includes(rule.id) || (rule.name !== undefined && f.rules.includes(rule.name));
  const keys = Object.keys(f.logsource) as (keyof Logsource)[];
  return named && keys.every((k) => f.logsource[k] === rule.logsource[k]);
}

export function inlineContext(fields: readonly import('./pipeline/types').FieldTarget[]): RenderContext {
  const d = DUCKDB;
  const cache = fields.map((t) => fieldSql(t, d));
  return {
    field: (u: FieldUse) => (u.lower ? d.lower.replace('{x}', cache[u.f]) : cache[u.f]),
    and: d.and,
    or: d.or,
    not: d.not,
    true: d.true,
    false: d.false,
  };
}

function newState(res: Resolution): ConversionState {
  return { dialect: DUCKDB, fields: [], resolveField: (name, loc) => res.field(name, loc) };
}

function compileDetection(rule: SigmaRule, filters: readonly FilterRule[], pipelines: readonly Pipeline[]): CompiledRule {
  const loc = { path: rule.path, line: rule.line, col: 1 };
  const res = resolveLogsource(rule.logsource, pipelines, loc);
  const st = newState(res);
  const scope = simplify(scopePred(res.scope, st));
  let pred = convertCondition(rule.condition, rule.detections, st);
  for (const f of filters) {
    // Sigma filters v2.1: a filter exists "to suppress matches", and the spec's own example
    // (`selection: User|startswith: 'adm_'`, `condition: selection`, "the valid administrator
    // account") names the events to drop. So its condition is excluded: rule AND NOT filter.
    pred = simplify({ op: 'and', args: [pred, { op: 'not', arg: convertCondition(f.condition, f.detections, st) }] });
  }
  const { sql, params } = render(simplify({ op: 'and', args: [scope, pred] }), inlineContext(st.fields));
  return {
    kind: 'detection',
    ...meta(rule),
    logsource: rule.logsource,
    sql,
    params,
    fields: st.fields,
    scope: { key: res.scope.key, pred: scope },
    pred,
    standalone: true,
  };
}

function meta(r: ParsedDocument) {
  return {
    id: r.id,
    ...(r.name ? { name: r.name } : {}),
    title: r.title,
    level: r.level,
    status: r.status,
    description: r.description,
    tags: r.tags,
    falsepositives: r.falsepositives,
    path: r.path,
    line: r.line,
  };
}

function compileCorrelationRule(corr: CorrelationRule, bases: CompiledRule[], parsed: readonly ParsedDocument[], pipelines: readonly Pipeline[]): CompiledRule {
  const loc = { path: corr.path, line: corr.line, col: 1 };
  const baseRules = bases.map((b) => parsed.find((p): p is SigmaRule => p.type === 'rule' && p.id === b.id)!);
  const resolutions = baseRules.map((r) => resolveLogsource(r.logsource, pipelines, loc));
  const fieldFor = (alias: string, i: number) => {
    const m = corr.aliases.get(alias);
    const name = m ? (m.get(baseRules[i].name ?? '') ?? m.get(baseRules[i].id) ?? alias) : alias;
    return resolutions[i].field(name, loc);
  };
  const { sql, params } = compileCorrelation(corr, bases, fieldFor);
  const first = bases[0];
  const noPred: Pred = { op: 'const', value: true };
  return {
    kind: 'correlation',
    ...meta(corr),
    logsource: first.logsource,
    sql,
    params: params as SqlParam[],
    fields: [],
    scope: { key: `correlation:${corr.id}`, pred: noPred },
    pred: noPred,
    standalone: true,
    correlation: {
      type: corr.correlationType,
      timespanSeconds: corr.timespanSeconds,
      condition: corr.condition,
      groupBy: corr.groupBy,
      ruleIds: bases.map((b) => b.id),
      sql,
      params,
    },
  };
}
