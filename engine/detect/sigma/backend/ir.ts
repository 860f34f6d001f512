/**
 * A compiled predicate kept as plain data (it crosses worker boundaries), so
 * that the same rule renders two ways: standalone over `events` (field
 * expressions inlined) and inside the runner's shared scan (fields read from
 * columns extracted once for all rules of a logsource).
 */
import type { SqlParam } from '../../../sql/port';
import type { TimePart } from '../rule/types';

/** A reference to field `f` (index into the rule's fields), optionally lower-cased or reduced to a date part. */
export interface FieldUse {
  readonly f: number;
  readonly lower?: boolean;
  readonly time?: TimePart;
}

export type TplPart = string | { readonly use: FieldUse } | { readonly param: SqlParam };

export type Pred =
  | { readonly op: 'and' | 'or'; readonly args: readonly Pred[] }
  | { readonly op: 'not'; readonly arg: Pred }
  | { readonly op: 'leaf'; readonly tpl: readonly TplPart[] }
  | { readonly op: 'const'; readonly value: boolean };

export interface RenderContext {
  /** SQL for a field use (inlined expression or a column of the shared scan). */
  field(use: FieldUse): string;
  readonly and: string;
  readonly or: string;
  readonly not: string;
  readonly true: string;
  readonly false: string;
}

/** Renders to SQL text and the parameters in textual order. */
export function render(p: Pred, ctx: RenderContext): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const walk = (q: Pred, top: boolean): string => {
    switch (q.op) {
      case 'const':
        return q.value ? ctx.true : ctx.false;
      case 'leaf':
        return q.tpl
          .map((part) => {
            if (typeof part === 'string') return part;
            if ('use' in part) return ctx.field(part.use);
            params.push(part.param);
            return '?';
          })
          .join('');
      case 'not':
        return ctx.not.replace('{x}', walk(q.arg, true));
      case 'and':
      case 'or': {
        const s = q.args.map((a) => walk(a, false)).join(q.op === 'and' ? ctx.and : ctx.or);
        return top || q.args.length === 1 ? s : `(${s})`;
      }
    }
  };
  const sql = walk(p, true);
  return { sql, params };
}

/** Simplifies constant sub-trees and flattens nested and/or. */
export function simplify(p: Pred): Pred {
  if (p.op === 'not') {
    const a = simplify(p.arg);
    if (a.op === 'const') return { op: 'const', value: !a.value };
    return { op: 'not', arg: a };
  }
  if (p.op !== 'and' && p.op !== 'or') return p;
  const absorbing = p.op === 'or';
  const out: Pred[] = [];
  for (const a0 of p.args) {
    const a = simplify(a0);
    if (a.op === 'const') {
      if (a.value === absorbing) return a;
      continue;
    }
    if (a.op === p.op) out.push(...a.args);
    else out.push(a);
  }
  if (out.length === 0) return { op: 'const', value: !absorbing };
  return out.length === 1 ? out[0] : { op: p.op, args: out };
}
