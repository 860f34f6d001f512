/**
 * The condition grammar: `and`, `or`, `not`, parentheses, `1 of x*`,
 * `all of x*`, `1 of them`, `all of them`. Precedence: not > and > or.
 * Quantifiers are expanded against the rule's search identifiers here, so the
 * backend only ever sees and/or/not over named detections. `them` skips
 * identifiers that start with `_` (pySigma's convention for helpers).
 * Sigma v1 aggregations (`| count() by x`) and `near` are refused: they are
 * expressed as correlation rules in Sigma v2.
 */
import { SigmaError, type SourceLoc } from './errors';
import type { ConditionNode } from './types';

type Tok = { t: 'word' | 'lp' | 'rp' | 'pipe'; v: string; at: number };

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  for (const m of text.matchAll(/\(|\)|\||[^\s()|]+/g)) {
    const v = m[0];
    out.push({ t: v === '(' ? 'lp' : v === ')' ? 'rp' : v === '|' ? 'pipe' : 'word', v, at: m.index ?? 0 });
  }
  return out;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them']);

function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
}

export function parseCondition(text: string, identifiers: readonly string[], loc: SourceLoc): ConditionNode {
  const toks = tokenize(text);
  let i = 0;
  const err = (msg: string) => new SigmaError('condition', `${msg} in condition '${text}'`, loc);
  const peek = () => toks[i];
  const isWord = (v: string) => peek()?.t === 'word' && peek().v.toLowerCase() === v;
  const pipe = toks.find((t) => t.t === 'pipe');
  if (pipe) throw new SigmaError('unsupported', `Sigma v1 aggregation '${text.slice(pipe.at).trim()}' in the condition: write it as a correlation rule`, loc);
  if (toks.some((t) => t.t === 'word' && t.v.toLowerCase() === 'near')) {
    throw new SigmaError('unsupported', `the 'near' operator is Sigma v1: write it as a temporal correlation rule`, loc);
  }

  function parseOr(): ConditionNode {
    const args = [parseAnd()];
    while (isWord('or')) {
      i++;
      args.push(parseAnd());
    }
    return args.length === 1 ? args[0] : { op: 'or', args };
  }
  function parseAnd(): ConditionNode {
    const args = [parseNot()];
    while (isWord('and')) {
      i++;
      args.push(parseNot());
    }
    return args.length === 1 ? args[0] : { op: 'and', args };
  }
  function parseNot(): ConditionNode {
    if (isWord('not')) {
      i++;
      return { op: 'not', arg: parseNot() };
    }
    return parsePrimary();
  }
  function parsePrimary(): ConditionNode {
    const tok = peek();
    if (!tok) throw err('unexpected end');
    if (tok.t === 'lp') {
      i++;
      const inner = parseOr();
      if (peek()?.t !== 'rp') throw err('missing )');
      i++;
      return inner;
    }
    if (tok.t !== 'word') throw err(`unexpected '${tok.v}'`);
    const next = toks[i + 1];
    if (next?.t === 'word' && next.v.toLowerCase() === 'of') {
      const q = tok.v.toLowerCase();
      if (q !== '1' && q !== 'all' && q !== 'any') throw err(`quantifier must be '1 of' or 'all of', got '${tok.v} of'`);
      const target = toks[i + 2];
      if (!target || target.t !== 'word') throw err(`'${tok.v} of' needs an identifier pattern or 'them'`);
      i += 3;
      const names =
        target.v.toLowerCase() === 'them'
          ? identifiers.filter((n) => !n.startsWith('_'))
          : identifiers.filter((n) => globToRegExp(target.v).test(n));
      if (names.length === 0) throw err(`'${tok.v} of ${target.v}' matches no search identifier`);
      const refs: ConditionNode[] = names.map((name) => ({ op: 'ref', name }));
      if (refs.length === 1) return refs[0];
      return { op: q === 'all' ? 'and' : 'or', args: refs };
    }
    if (KEYWORDS.has(tok.v.toLowerCase())) throw err(`unexpected '${tok.v}'`);
    if (!identifiers.includes(tok.v)) throw err(`unknown search identifier '${tok.v}'`);
    i++;
    return { op: 'ref', name: tok.v };
  }

  const node = parseOr();
  if (i < toks.length) throw err(`unexpected '${toks[i].v}'`);
  return node;
}
