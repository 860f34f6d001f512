/**
 * Stateful rule → what the runners need: the compiled Sigma detection of
 * each block (scope AND predicate, bound parameters) and SQL for the fields
 * the rule groups or watches, read through the same pipeline field mapping
 * as its detection, so `User` in a process_creation rule means `user.name`.
 */
import { compileSigma } from '../sigma/compile';
import { DUCKDB } from '../sigma/backend/dialect';
import { fieldSql } from '../sigma/backend/fields';
import { builtinPipelines } from '../sigma/pipeline/builtin';
import { resolveLogsource } from '../sigma/pipeline/resolve';
import type { CompiledRule } from '../sigma/types';
import { RuleError } from './rule-header';
import type { StatefulRule } from './stateful-rule';

export interface CompiledStateful {
  rule: StatefulRule;
  /** One per detection block (per step for a sequence). */
  blocks: CompiledRule[];
}

export function compileStateful(rule: StatefulRule): CompiledStateful {
  const blocks = rule.sigma.map((s) => {
    const c = compileSigma(s.text, rule.path);
    const e = c.errors[0];
    if (e || c.rules.length !== 1) {
      throw new RuleError('detection', `${rule.type} rule ${rule.id}: ${s.at.join('.')}: ${e?.message ?? 'did not compile'}`, rule.path, s.line, rule.id);
    }
    return c.rules[0];
  });
  return { rule, blocks };
}

/** SQL reading `field` for events of `logsource` (VARCHAR). Names were checked by the parser. */
export function fieldExpr(logsource: Record<string, string>, field: string, path: string): string {
  const res = resolveLogsource(logsource, builtinPipelines(), { path, line: 1, col: 1 });
  return `CAST(${fieldSql(res.field(field, { path, line: 1, col: 1 }), DUCKDB)} AS VARCHAR)`;
}

/** `a=x, b=y` (the form threshold signals use), empty for no fields. */
export function groupKeyExpr(logsource: Record<string, string>, fields: readonly string[], path: string): string {
  if (fields.length === 0) return `''`;
  return `concat_ws(', ', ${fields.map((f) => `'${f}=' || coalesce(${fieldExpr(logsource, f, path)}, '')`).join(', ')})`;
}
