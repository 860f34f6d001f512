/**
 * Rule tree → predicate IR (stage 3 of 3). Per-rule state (dialect, the
 * fields used so far, how to resolve a Sigma field name) travels in a
 * ConversionState argument, as in pySigma, so conversion is re-entrant.
 *
 * Sigma semantics encoded here: strings match case-insensitively unless
 * `cased`; `*`/`?` wildcards; a list is OR (AND with `all`); `null` is IS NULL;
 * a missing field never matches a value, and `not` turns that into a match.
 */
import type { SqlParam } from '../../../sql/port';
import { SigmaError, type SourceLoc } from '../rule/errors';
import type { ConditionNode, Detection, DetectionItem, MatchValue, StrPart } from '../rule/types';
import type { FieldTarget } from '../pipeline/types';
import type { Dialect } from './dialect';
import { MESSAGE_FIELD, RAW_TEXT_FIELD } from './fields';
import { simplify, type FieldUse, type Pred, type TplPart } from './ir';

export interface ConversionState {
  readonly dialect: Dialect;
  /** Fields used by the rule, in first-use order; predicates refer to them by index. */
  readonly fields: FieldTarget[];
  resolveField(name: string, loc: SourceLoc): FieldTarget;
}

export function useField(st: ConversionState, t: FieldTarget): number {
  const i = st.fields.findIndex((x) => x.name === t.name);
  if (i >= 0) return i;
  st.fields.push(t);
  return st.fields.length - 1;
}

/** Expands a dialect template: `{f}`/`{lf}` (and `{g}`/`{lg}`) become field uses, `?` the next parameter. */
export function tpl(template: string, f: FieldUse, params: readonly SqlParam[] = [], g?: FieldUse): Pred {
  const parts: TplPart[] = [];
  let pi = 0;
  for (const piece of template.split(/(\{l?[fg]\}|\?)/)) {
    if (piece === '') continue;
    if (piece === '{f}') parts.push({ use: f });
    else if (piece === '{lf}') parts.push({ use: { ...f, lower: true } });
    else if (piece === '{g}' && g) parts.push({ use: g });
    else if (piece === '{lg}' && g) parts.push({ use: { ...g, lower: true } });
    else if (piece === '?') parts.push({ param: params[pi++] });
    else parts.push(piece);
  }
  return { op: 'leaf', tpl: parts };
}

export function convertCondition(node: ConditionNode, detections: ReadonlyMap<string, Detection>, st: ConversionState): Pred {
  const walk = (n: ConditionNode): Pred => {
    if (n.op === 'ref') return convertDetection(detections.get(n.name)!, st);
    if (n.op === 'not') return { op: 'not', arg: walk(n.arg) };
    return { op: n.op, args: n.args.map(walk) };
  };
  return simplify(walk(node));
}

function convertDetection(d: Detection, st: ConversionState): Pred {
  if (d.kind === 'item') return convertItem(d.item, st);
  return { op: d.kind, args: d.items.map((x) => convertDetection(x, st)) };
}

function convertItem(item: DetectionItem, st: ConversionState): Pred {
  let preds: Pred[];
  if (item.field === null) {
    preds = item.values.map((v) => keywordPred(v, st, item.loc));
  } else {
    const f: FieldUse = { f: useField(st, st.resolveField(item.field, item.loc)), time: item.timePart };
    preds = item.values.map((v) => valuePred(v, f, st, item.loc));
  }
  const p: Pred = preds.length === 1 ? preds[0] : { op: item.all ? 'and' : 'or', args: preds };
  return item.neq ? { op: 'not', arg: p } : p;
}

const isStar = (p: StrPart | undefined) => p !== undefined && typeof p !== 'string' && p.wild === '*';
const isLit = (p: StrPart | undefined): p is string => typeof p === 'string';

/** LIKE pattern: `%`, `_` and the escape char are escaped, wildcards become `%` and `_`. */
function likePattern(parts: readonly StrPart[], esc: string, text: (s: string) => string): string {
  return parts
    .map((p) => (typeof p === 'string' ? text(p).replace(/[%_\\]/g, (c) => esc + c) : p.wild === '*' ? '%' : '_'))
    .join('');
}

function stringPred(parts: readonly StrPart[], cased: boolean, f: FieldUse, d: Dialect, text: (s: string) => string = (s) => s): Pred {
  const norm = (s: string) => (cased ? text(s) : text(s).toLowerCase());
  const use: FieldUse = cased ? f : { ...f, lower: true };
  const n = parts.length;
  if (n === 0) return tpl(d.eq, use, ['']);
  if (n === 1 && isStar(parts[0])) return tpl(d.notNull, f);
  if (n === 1 && isLit(parts[0])) return tpl(d.eq, use, [norm(parts[0])]);
  if (n === 3 && isStar(parts[0]) && isLit(parts[1]) && isStar(parts[2])) return tpl(d.contains, use, [norm(parts[1])]);
  if (n === 2 && isLit(parts[0]) && isStar(parts[1])) return tpl(d.startswith, use, [norm(parts[0])]);
  if (n === 2 && isStar(parts[0]) && isLit(parts[1])) return tpl(d.endswith, use, [norm(parts[1])]);
  return tpl(d.like, use, [likePattern(parts, d.likeEscape, norm)]);
}

function valuePred(v: MatchValue, f: FieldUse, st: ConversionState, loc: SourceLoc): Pred {
  const d = st.dialect;
  if (f.time) {
    const fd: FieldUse = { f: f.f };
    const timeTpl = (inner: string) => inner.replace(/\{f\}/g, d.timePart.replace('{part}', f.time!));
    const asNum = v.t === 'num' ? v.value : v.t === 'str' && v.parts.length === 1 && isLit(v.parts[0]) ? Number(v.parts[0]) : NaN;
    if (v.t === 'cmp') return tpl(timeTpl(d.cmp[v.op]), fd, [v.value]);
    if (!Number.isFinite(asNum)) throw new SigmaError('value', `a time modifier compares numbers, got ${JSON.stringify(v)}`, loc);
    return tpl(timeTpl(d.eq), fd, [asNum]);
  }
  switch (v.t) {
    case 'str':
      return stringPred(v.parts, v.cased, f, d);
    case 'num':
      return tpl(d.eq, f, [v.text]);
    case 'bool':
      return tpl(d.eq, { ...f, lower: true }, [String(v.value)]);
    case 'null':
      return tpl(d.isNull, f);
    case 're':
      return tpl(d.regex, f, [regexWithFlags(v.pattern, v.flags, loc)]);
    case 'cidr':
      return v.version === 4 ? tpl(d.cidr4, f, [Number(v.lo), Number(v.hi)]) : tpl(d.cidr6, f, [v.lo, v.hi]);
    case 'cmp':
      return tpl(d.cmp[v.op], f, [v.value]);
    case 'exists':
      return tpl(v.value ? d.notNull : d.isNull, f);
    case 'fieldref': {
      const g: FieldUse = { f: useField(st, st.resolveField(v.field, loc)) };
      const t = { eq: d.refEq, contains: d.refContains, startswith: d.refStartswith, endswith: d.refEndswith }[v.mode];
      return v.cased ? tpl(t, f, [], g) : tpl(t, { ...f, lower: true }, [], { ...g, lower: true });
    }
    case 'any':
      return { op: 'or', args: v.values.map((x) => valuePred(x, f, st, loc)) };
  }
}

/** JSON text escaping, so a keyword with `\` or `"` matches the record as stored. */
const jsonEscape = (s: string) => JSON.stringify(s).slice(1, -1);

function keywordPred(v: MatchValue, st: ConversionState, loc: SourceLoc): Pred {
  const d = st.dialect;
  const raw: FieldUse = { f: useField(st, RAW_TEXT_FIELD) };
  const msg: FieldUse = { f: useField(st, MESSAGE_FIELD) };
  const text: MatchValue = v.t === 'num' ? { t: 'str', parts: [v.text], cased: false } : v;
  if (text.t === 'str') {
    // Keywords match anywhere in the record: implicit wildcards on both ends.
    const parts: StrPart[] = [...(isStar(text.parts[0]) ? [] : [{ wild: '*' as const }]), ...text.parts];
    if (!isStar(parts[parts.length - 1])) parts.push({ wild: '*' });
    return { op: 'or', args: [stringPred(parts, text.cased, msg, d), stringPred(parts, text.cased, raw, d, jsonEscape)] };
  }
  if (text.t === 're') {
    const re = regexWithFlags(text.pattern, text.flags, loc);
    return { op: 'or', args: [tpl(d.regex, msg, [re]), tpl(d.regex, raw, [re])] };
  }
  if (text.t === 'any') return { op: 'or', args: text.values.map((x) => keywordPred(x, st, loc)) };
  throw new SigmaError('value', `keyword search needs text, got ${text.t}`, loc);
}

/** Sigma regexes are PCRE-flavoured; DuckDB uses RE2, so refuse what RE2 lacks and pass flags inline. */
export function regexWithFlags(pattern: string, flags: string, loc: SourceLoc): string {
  if (/\(\?<?[=!]/.test(pattern)) throw new SigmaError('regex', `lookaround in regex '${pattern}' is not supported by RE2`, loc);
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(pattern)) throw new SigmaError('regex', `back-reference in regex '${pattern}' is not supported by RE2`, loc);
  if (/\(\?>|[*+?}][+]/.test(pattern)) throw new SigmaError('regex', `atomic group or possessive quantifier in regex '${pattern}' is not supported by RE2`, loc);
  try {
    // JS lacks RE2's inline flag groups; drop them for this syntax check only.
    new RegExp(pattern.replace(/\(\?[imsU]+\)/g, '').replace(/\(\?[imsU]+:/g, '(?:'));
  } catch (e) {
    throw new SigmaError('regex', `invalid regex '${pattern}': ${(e as Error).message}`, loc);
  }
  return flags ? `(?${[...new Set(flags)].join('')})${pattern}` : pattern;
}
