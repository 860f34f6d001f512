/**
 * Which rules can fire on this case: a rule's logsource means a scope of
 * events (auth.log lines, CloudTrail records…), decided by the pipelines.
 * All distinct scopes are counted in one scan; a rule whose scope holds no
 * event cannot fire here, whatever its detection says. A correlation needs
 * its building blocks' scopes, a sequence every step's.
 */
import { rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import { render } from '../sigma/backend/ir';
import { inlineContext } from '../sigma/compile';
import type { CompiledRule } from '../sigma/types';
import type { CatalogRule } from './rule-catalog';

export interface Coverage {
  /** Events in the rule's logsource scope (sum over its blocks' distinct scopes). */
  eventsInScope: number;
  /** Every block has events in scope. */
  canFire: boolean;
}

export function scopeSql(r: CompiledRule): { sql: string; params: SqlParam[] } {
  return render(r.scope.pred, inlineContext(r.fields));
}

function blocksOf(rule: CatalogRule, byId: ReadonlyMap<string, CatalogRule>): readonly CompiledRule[] {
  if (rule.type !== 'correlation') return rule.blocks;
  return (rule.sigma?.correlation?.ruleIds ?? []).flatMap((id) => byId.get(id)?.blocks ?? []);
}

export async function ruleCoverage(port: SqlPort, rules: readonly CatalogRule[]): Promise<Map<string, Coverage>> {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const scopes = new Map<string, CompiledRule>();
  for (const r of rules) for (const b of blocksOf(r, byId)) if (!scopes.has(b.scope.key)) scopes.set(b.scope.key, b);
  const keys = [...scopes.keys()];
  const counts = new Map<string, number>();
  // DuckDB handles a few dozen FILTER aggregates in one pass; chunk to keep each statement small.
  for (let i = 0; i < keys.length; i += 40) {
    const chunk = keys.slice(i, i + 40);
    const params: SqlParam[] = [];
    const cols = chunk.map((k, j) => {
      const s = scopeSql(scopes.get(k)!);
      params.push(...s.params);
      return `count(*) FILTER (WHERE ${s.sql}) AS c${j}`;
    });
    const [row] = rowsOf<Record<string, bigint>>(await port.query(`SELECT ${cols.join(', ')} FROM events`, params));
    chunk.forEach((k, j) => counts.set(k, Number(row[`c${j}`])));
  }
  const out = new Map<string, Coverage>();
  for (const r of rules) {
    const bs = blocksOf(r, byId);
    const distinct = [...new Set(bs.map((b) => b.scope.key))];
    const n = distinct.map((k) => counts.get(k) ?? 0);
    out.set(r.id, { eventsInScope: n.reduce((a, b) => a + b, 0), canFire: n.length > 0 && n.every((x) => x > 0) });
  }
  return out;
}
