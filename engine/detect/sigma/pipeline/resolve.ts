/**
 * Applies pipelines to a rule: picks the pipeline for its logsource, builds
 * the event scope (which events the logsource means) and resolves every Sigma
 * field to candidate locations. Resolution order for a field:
 *   1. the matching logsource entries' `fields`,
 *   2. the pipeline's `fields`,
 *   3. an ECS core column of that exact name (`source.ip` works everywhere),
 *   4. the pipeline's `fallback` templates (`$.Event.EventData.{field}`, `$.{field}`),
 *      plus `$.Event.UserData.*.{field}` where the logsource says userData.
 * A dotted unknown name (`a.b`) is looked up nested (`$.a.b`) and as a flat key.
 */
import { CORE_COLUMNS } from '../../../schema/ecs';
import { SigmaError, type SourceLoc } from '../rule/errors';
import type { Logsource } from '../rule/types';
import type { Candidate, FieldTarget, LogsourceEntry, Pipeline, Scope, ScopeTerm } from './types';

const CORE = new Set<string>(CORE_COLUMNS.map((c) => c.name));
/** Field names we splice into JSON paths: anything else is refused rather than escaped. */
const SAFE_FIELD = /^[A-Za-z0-9_@.\-/:# $]+$/;

export interface Resolution {
  readonly pipeline: Pipeline;
  readonly scope: Scope;
  field(name: string, loc: SourceLoc): FieldTarget;
}

const lsMatches = (want: Logsource, have: Logsource) =>
  (Object.keys(want) as (keyof Logsource)[]).every((k) => want[k] === have[k]);

export function resolveLogsource(ls: Logsource, pipelines: readonly Pipeline[], loc: SourceLoc): Resolution {
  const sorted = [...pipelines].sort((a, b) => b.priority - a.priority);
  let chosen: Pipeline | undefined;
  let entries: LogsourceEntry[] = [];
  for (const p of sorted) {
    if (!lsMatches(p.applies, ls)) continue;
    const es = p.logsources.filter((e) => lsMatches(e.match, ls));
    const specific = Object.keys(p.applies).length > 0;
    if (specific || es.length > 0 || p.priority === Math.min(...sorted.map((x) => x.priority))) {
      chosen = p;
      entries = es;
      break;
    }
  }
  if (!chosen) throw new SigmaError('logsource', `no pipeline for logsource ${lsText(ls)}`, loc);
  const pipeline = chosen;
  // Which parts of the logsource the entries explain; the rest is handled by policy.
  const explained = new Set(entries.flatMap((e) => Object.keys(e.match)));
  const unexplained = (['category', 'service'] as const).filter((k) => ls[k] && !explained.has(k) && !(k in pipeline.applies));
  if (unexplained.length > 0 && pipeline.unknownLogsource === 'refuse') {
    throw new SigmaError('logsource', `pipeline ${pipeline.name} has no mapping for ${unexplained.map((k) => `${k}: ${ls[k]}`).join(', ')}`, loc);
  }
  const cache = new Map<string, FieldTarget>();
  const field = (name: string, at: SourceLoc): FieldTarget => {
    const hit = cache.get(name);
    if (hit) return hit;
    const t = resolveField(name, pipeline, entries, at);
    cache.set(name, t);
    return t;
  };
  const alts: Readonly<Record<string, readonly string[]>>[][] = [pipeline.when, ...entries.map((e) => e.when)].filter((w) => w.length > 0).map((w) => [...w]);
  if (Object.keys(pipeline.applies).length === 0 && entries.length === 0) alts.push(genericWhen(ls));
  // Conjunction of each source's alternatives: cross product (small: a few alternatives each).
  let terms: ScopeTerm[] = [[]];
  for (const a of alts) {
    terms = terms.flatMap((t) => a.map((alt) => [...t, ...Object.entries(alt).map(([f, values]) => ({ field: field(f, loc), values }))]));
  }
  if (alts.length === 0) terms = [];
  // `Channel: '*'` (any Windows event) is implied by a specific channel in the same alternative.
  terms = terms.map((t) => t.filter((x) => !(x.values.length === 1 && x.values[0] === '*' && t.some((y) => y !== x && y.field.name === x.field.name))));
  return { pipeline, scope: { alternatives: terms, key: `${pipeline.name}:${lsText(ls)}` }, field };
}

function lsText(ls: Logsource): string {
  return ['product', 'category', 'service'].map((k) => `${k}=${ls[k as keyof Logsource] ?? ''}`).join(',');
}

/** Logsources no pipeline knows: product → event.dataset 'product' or 'product.*' (service narrows it). */
function genericWhen(ls: Logsource): Record<string, string[]>[] {
  const out: Record<string, string[]>[] = [];
  if (ls.product) {
    const base = ls.service ? `${ls.product}.${ls.service}` : ls.product;
    out.push({ 'event.dataset': [base, `${base}.*`] });
    if (ls.category) out[0]['event.category'] = [ls.category];
  } else if (ls.service) out.push({ 'event.dataset': [ls.service, `*.${ls.service}`] });
  else if (ls.category) {
    out.push({ 'event.category': [ls.category] }, { 'event.dataset': [ls.category, `${ls.category}.*`] });
  }
  return out;
}

function resolveField(name: string, p: Pipeline, entries: readonly LogsourceEntry[], loc: SourceLoc): FieldTarget {
  for (const e of entries) if (e.fields[name]) return { name, candidates: e.fields[name] };
  if (p.fields[name]) return { name, candidates: p.fields[name] };
  if (CORE.has(name)) return { name, candidates: [{ column: name }] };
  if (!SAFE_FIELD.test(name)) throw new SigmaError('field', `field name '${name}' has characters we do not put into a JSON path`, loc);
  const out: Candidate[] = [];
  for (const c of p.fallback) {
    if ('json' in c && c.json.includes('{field}')) {
      const nested = c.json.startsWith('$.{field}') && name.includes('.');
      if (nested) out.push({ json: c.json.replace('{field}', name.split('.').map(segment).join('.')) });
      out.push({ json: c.json.replace('{field}', segment(name)) });
    } else out.push(c);
  }
  if (entries.some((e) => e.userData)) out.push({ jsonAny: `$.Event.UserData.*.${segment(name)}` });
  return { name, candidates: out };
}

/** A JSON path segment: bare when it is an identifier, else double-quoted (names are pre-checked). */
function segment(s: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? s : `"${s}"`;
}
