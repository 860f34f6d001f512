/**
 * Applies a field's modifier chain to its YAML values, producing typed match
 * values. Order matters as in pySigma: `|wide|base64offset|contains` encodes,
 * then shifts, then wraps in wildcards.
 *
 * How to add a modifier: add its name to MODIFIERS, handle it in
 * `applyModifiers` (value transformation or item flag), teach the backend its
 * SQL if it produces a new MatchValue kind, and add a golden test.
 */
import { SigmaError, type SourceLoc } from './errors';
import { base64, base64Offsets, parseCidr, utf16Bytes, utf8Bytes } from './encode';
import type { CmpOp, MatchValue, StrPart, TimePart } from './types';
import type { YNode } from './ynode';

const TRANSFORMS = ['contains', 'startswith', 'endswith', 'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'windash'] as const;
const TYPE_MODS = ['re', 'cidr', 'exists', 'expand', 'fieldref', 'lt', 'lte', 'gt', 'gte'] as const;
const FLAGS = ['all', 'cased', 'neq'] as const;
const TIME: readonly TimePart[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];
const RE_FLAGS = ['i', 'm', 's'] as const;
export const MODIFIERS: readonly string[] = [...TRANSFORMS, ...TYPE_MODS, ...FLAGS, ...TIME, ...RE_FLAGS];

/** Value being transformed: a wildcard string, raw bytes (after utf16), or alternatives. */
type Work = { k: 'str'; parts: StrPart[] } | { k: 'bytes'; bytes: Uint8Array } | { k: 'any'; items: Work[] };

export interface ModifiedItem {
  values: MatchValue[];
  all: boolean;
  neq: boolean;
  timePart?: TimePart;
}

export interface ModifierOptions {
  /** Values for `%name%` placeholders used with `|expand`; absent → refused. */
  placeholders?: Readonly<Record<string, readonly string[]>>;
}

/** Parses Sigma wildcard syntax: `*`, `?`, and `\` escaping `*`, `?`, `\`; any other `\x` stays literal. */
export function parseSigmaString(s: string): StrPart[] {
  const parts: StrPart[] = [];
  let lit = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && (s[i + 1] === '*' || s[i + 1] === '?' || s[i + 1] === '\\')) {
      lit += s[++i];
    } else if (c === '*' || c === '?') {
      if (lit) parts.push(lit);
      lit = '';
      parts.push({ wild: c });
    } else lit += c;
  }
  if (lit) parts.push(lit);
  return parts;
}

const hasWild = (parts: readonly StrPart[]) => parts.some((p) => typeof p !== 'string');
const plainText = (parts: readonly StrPart[]) => parts.map((p) => (typeof p === 'string' ? p : p.wild)).join('');
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

export function applyModifiers(mods: readonly string[], nodes: readonly YNode[], loc: SourceLoc, opts: ModifierOptions): ModifiedItem {
  const fail = (cls: 'modifier' | 'value' | 'placeholder' | 'regex', msg: string, at: SourceLoc = loc) => new SigmaError(cls, msg, at);
  for (const m of mods) if (!MODIFIERS.includes(m)) throw fail('modifier', `unknown modifier '${m}'`);
  const has = (m: string) => mods.includes(m);
  const all = has('all');
  const neq = has('neq');
  const cased = has('cased');
  const timeMods = mods.filter((m): m is TimePart => (TIME as readonly string[]).includes(m));
  if (timeMods.length > 1) throw fail('modifier', `only one time modifier allowed, got ${timeMods.join(', ')}`);
  const reFlags = mods.filter((m) => (RE_FLAGS as readonly string[]).includes(m));
  if (reFlags.length > 0 && !has('re')) throw fail('modifier', `modifiers ${reFlags.join(', ')} only apply to |re`);
  const typeMods = mods.filter((m) => (TYPE_MODS as readonly string[]).includes(m));
  const cmp = typeMods.filter((m) => m === 'lt' || m === 'lte' || m === 'gt' || m === 'gte');
  if (typeMods.length - cmp.length > 1 || cmp.length > 1) throw fail('modifier', `conflicting modifiers: ${typeMods.join(', ')}`);
  const transforms = mods.filter((m) => (TRANSFORMS as readonly string[]).includes(m));
  const kind = typeMods[0];
  if (kind && kind !== 'fieldref' && kind !== 'expand' && transforms.length > 0) {
    throw fail('modifier', `|${kind} cannot be combined with ${transforms.map((t) => '|' + t).join('')}`);
  }

  const values: MatchValue[] = [];
  for (const node of nodes) {
    if (node.kind !== 'scalar') throw fail('value', 'a value must be a scalar', node.loc);
    const v = node.value;
    const at = node.loc;
    if (kind === 'exists') {
      if (typeof v !== 'boolean') throw fail('value', '|exists needs true or false', at);
      values.push({ t: 'exists', value: v });
      continue;
    }
    if (cmp.length === 1) {
      const n = typeof v === 'number' ? v : Number(v);
      if (v === null || v === '' || !Number.isFinite(n)) throw fail('value', `|${cmp[0]} needs a number, got '${node.src}'`, at);
      values.push({ t: 'cmp', op: cmp[0] as CmpOp, value: n });
      continue;
    }
    if (v === null) {
      if (transforms.length > 0 || kind) throw fail('value', 'null cannot be combined with modifiers', at);
      values.push({ t: 'null' });
      continue;
    }
    const text = typeof v === 'string' ? v : node.src;
    if (kind === 're') {
      values.push({ t: 're', pattern: text, flags: reFlags.join('') });
      continue;
    }
    if (kind === 'cidr') {
      const r = parseCidr(text);
      if (!r) throw fail('value', `not a CIDR range: '${text}'`, at);
      values.push({ t: 'cidr', version: r.version, lo: r.lo, hi: r.hi, text });
      continue;
    }
    if (kind === 'fieldref') {
      const mode = has('contains') ? 'contains' : has('startswith') ? 'startswith' : has('endswith') ? 'endswith' : 'eq';
      if (transforms.some((t) => !['contains', 'startswith', 'endswith'].includes(t))) throw fail('modifier', '|fieldref only combines with contains, startswith, endswith');
      values.push({ t: 'fieldref', field: text, mode, cased });
      continue;
    }
    if (typeof v === 'boolean' && transforms.length === 0) {
      values.push({ t: 'bool', value: v });
      continue;
    }
    if (typeof v === 'number' && transforms.length === 0 && kind !== 'expand') {
      values.push({ t: 'num', value: v, text: node.src });
      continue;
    }
    let work: Work;
    if (kind === 'expand') {
      work = expandPlaceholders(text, opts, at);
    } else work = { k: 'str', parts: parseSigmaString(text) };
    for (const t of transforms) work = transform(work, t, at);
    values.push(toMatch(work, cased));
  }
  // The spec forbids |all on a single value; it means the same as without, so it is accepted.
  return { values, all, neq, timePart: timeMods[0] };
}

function toMatch(w: Work, cased: boolean): MatchValue {
  if (w.k === 'any') return { t: 'any', values: w.items.map((i) => toMatch(i, cased)) };
  if (w.k === 'bytes') return { t: 'str', parts: [latin1(w.bytes)], cased };
  return { t: 'str', parts: w.parts, cased };
}

function transform(w: Work, mod: string, at: SourceLoc): Work {
  if (w.k === 'any') return { k: 'any', items: w.items.map((i) => transform(i, mod, at)) };
  const asBytes = (x: Work): Uint8Array => {
    if (x.k === 'bytes') return x.bytes;
    if (x.k === 'str' && hasWild(x.parts)) throw new SigmaError('value', `|${mod} cannot encode a value with wildcards`, at);
    return utf8Bytes(x.k === 'str' ? plainText(x.parts) : '');
  };
  const asText = (x: Work): string => {
    if (x.k === 'bytes') return latin1(x.bytes);
    if (x.k === 'str' && hasWild(x.parts)) throw new SigmaError('value', `|${mod} cannot encode a value with wildcards`, at);
    return x.k === 'str' ? plainText(x.parts) : '';
  };
  switch (mod) {
    case 'contains':
    case 'startswith':
    case 'endswith': {
      const parts = w.k === 'bytes' ? [latin1(w.bytes)] : [...w.parts];
      const star = { wild: '*' as const };
      const isStar = (p: StrPart | undefined) => p !== undefined && typeof p !== 'string' && p.wild === '*';
      if (mod !== 'startswith' && !isStar(parts[0])) parts.unshift(star);
      if (mod !== 'endswith' && !isStar(parts[parts.length - 1])) parts.push(star);
      return { k: 'str', parts };
    }
    case 'wide':
    case 'utf16le':
      return { k: 'bytes', bytes: utf16Bytes(asText(w), 'le', false) };
    case 'utf16be':
      return { k: 'bytes', bytes: utf16Bytes(asText(w), 'be', false) };
    case 'utf16':
      return { k: 'bytes', bytes: utf16Bytes(asText(w), 'le', true) };
    case 'base64':
      return { k: 'str', parts: [base64(asBytes(w))] };
    case 'base64offset':
      return { k: 'any', items: base64Offsets(asBytes(w)).map((s) => ({ k: 'str', parts: [s] })) };
    case 'windash':
      return windash(w);
  }
  return w;
}

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];

/** Every permutation of dash characters at option-like positions (a dash not preceded by a word character). */
function windash(w: Work): Work {
  if (w.k !== 'str') return w;
  let variants: StrPart[][] = [[]];
  let prevWord = false;
  for (const p of w.parts) {
    if (typeof p !== 'string') {
      variants = variants.map((v) => [...v, p]);
      prevWord = false;
      continue;
    }
    for (let i = 0; i < p.length; i++) {
      const ch = p[i];
      const isDash = (ch === '-' || ch === '/') && /\w/.test(p[i + 1] ?? '');
      const next = variants.length;
      if (isDash && !prevWord && next * DASHES.length <= 4096) {
        variants = variants.flatMap((v) => DASHES.map((d) => [...v, d]));
      } else variants = variants.map((v) => [...v, ch]);
      prevWord = /\w/.test(ch);
    }
  }
  const merged = variants.map((v) => mergeLiterals(v));
  return merged.length === 1 ? { k: 'str', parts: merged[0] } : { k: 'any', items: merged.map((parts) => ({ k: 'str', parts })) };
}

function mergeLiterals(parts: StrPart[]): StrPart[] {
  const out: StrPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}

function expandPlaceholders(text: string, opts: ModifierOptions, at: SourceLoc): Work {
  const names = [...text.matchAll(/%([A-Za-z0-9_.-]+)%/g)].map((m) => m[1]);
  if (names.length === 0) return { k: 'str', parts: parseSigmaString(text) };
  let variants = [text];
  for (const name of new Set(names)) {
    const vals = opts.placeholders?.[name];
    if (!vals || vals.length === 0) {
      throw new SigmaError('placeholder', `placeholder %${name}% has no values (pass them in options.placeholders)`, at);
    }
    variants = variants.flatMap((v) => vals.map((x) => v.split(`%${name}%`).join(x)));
  }
  const items: Work[] = variants.map((v) => ({ k: 'str', parts: parseSigmaString(v) }));
  return items.length === 1 ? items[0] : { k: 'any', items };
}
