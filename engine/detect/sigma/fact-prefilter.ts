/**
 * Drops rules that cannot match before any record is parsed for them. Many
 * rules test a fact (`EventID: 4662`, a provider name) besides their scope;
 * the facts table already holds those fields, and the few distinct fact
 * tuples tell whether any of a group's events has such a value. A rule whose
 * predicate folds to false on them (leaf-plan.ts) needs none of its other
 * fields extracted, which keeps the shared extraction's path lists short.
 */
import { rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import { DERIVED, foldPred, planLeaves, type LeafState } from './leaf-plan';
import { ColumnRegistry } from './scan-sql';
import type { Facts } from './shared-extraction';
import type { CompiledRule } from './types';

/** For each group, the rules still able to match (same order); `scopes` are the groups' scope SQL over the facts table. */
export async function liveRules(
  port: SqlPort,
  facts: Facts,
  groups: readonly (readonly CompiledRule[])[],
  scopes: readonly { sql: string; params: readonly SqlParam[] }[],
  table: string,
): Promise<CompiledRule[][]> {
  const cols = facts.reg.targets.map((_, i) => `c${i}`).concat([...facts.reg.lowered].map((i) => `l${i}`));
  await port.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT DISTINCT ${cols.join(', ')} FROM ${facts.table}`);
  try {
    const out: CompiledRule[][] = [];
    for (const [g, group] of groups.entries()) {
      const reg = new ColumnRegistry();
      const plan = planLeaves(group, reg);
      const state: LeafState[] = plan.leaves.map(() => 'mixed');
      const byFact = new Map<number, number[]>();
      plan.leaves.forEach((l, i) => {
        const f = l.col === null ? undefined : facts.reg.find(reg.targets[l.col]);
        if (f === undefined) return;
        const ids = byFact.get(f);
        if (ids) ids.push(i);
        else byFact.set(f, [i]);
      });
      for (const [f, ids] of byFact) {
        const derived = DERIVED.filter((d) => ids.some((i) => plan.leaves[i].derived.includes(d.column))).map((d) => `, ${d.sql} AS ${d.column}`);
        const dict = `(SELECT v, l${derived.join('')} FROM (SELECT DISTINCT c${f} AS v, lower(c${f}) AS l FROM ${table} WHERE ${scopes[g].sql}))`;
        const counts = ids.map((i) => `count_if(coalesce(${plan.leaves[i].sql}, false)) AS n${i}`);
        // Parameters bind in textual order: the counts come before the scope in FROM.
        const params = [...ids.flatMap((i) => plan.leaves[i].params), ...scopes[g].params];
        const [row] = rowsOf<Record<string, bigint>>(await port.query(`SELECT count(*) AS total, ${counts.join(', ')} FROM ${dict}`, params));
        for (const i of ids) state[i] = row[`n${i}`] === 0n ? 'never' : row[`n${i}`] === row.total ? 'always' : 'mixed';
      }
      out.push(group.filter((r, i) => {
        const p = foldPred(r.pred, plan.leafOf[i], (l) => state[l]);
        return !(p.op === 'const' && !p.value);
      }));
    }
    return out;
  } finally {
    await port.exec(`DROP TABLE IF EXISTS ${table}`);
  }
}
