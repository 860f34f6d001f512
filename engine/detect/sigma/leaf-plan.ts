/**
 * Atomic conditions shared by the rules of one scan. A leaf of a rule's
 * predicate (field + operator + value) that reads one extracted column is
 * evaluated once, on the column's distinct values (a dictionary), however
 * many rules contain it: command lines and images repeat a lot, so this is
 * where the string work shrinks. Leaves over several columns (fieldref) or
 * none are evaluated per row.
 *
 * A leaf that no distinct value satisfies is false on every row, one that
 * all satisfy is true on every row; folding those constants removes most
 * rules of a group before any per-row work (most rules match nothing).
 *
 * NULL (a missing field) may be read as false at every leaf: rules combine
 * leaves with AND/OR (monotone, so a row is TRUE under SQL's three-valued
 * logic exactly when it is TRUE with unknowns set to false) and negate with
 * `NOT coalesce(x, false)`, which already reads NULL as false.
 */
import type { SqlParam } from '../../sql/port';
import { DUCKDB } from './backend/dialect';
import { render, simplify, type FieldUse, type Pred, type RenderContext } from './backend/ir';
import type { ColumnRegistry } from './scan-sql';
import type { CompiledRule } from './types';

export interface Leaf {
  /** The one extracted column the leaf reads (a dictionary leaf), or null (a row leaf). */
  readonly col: number | null;
  /** SQL over a dictionary row (`v` and lower-cased `l`), or over the scan table (`t.c<n>`) for a row leaf. */
  readonly sql: string;
  readonly params: readonly SqlParam[];
  /** Dictionary columns (`x_<name>`, see Dialect.derived) the leaf's SQL reads. */
  readonly derived: readonly string[];
}

export interface LeafPlan {
  readonly leaves: readonly Leaf[];
  /** Per rule (same order as given): each leaf node of its predicate → index into `leaves`. */
  readonly leafOf: readonly ReadonlyMap<Pred, number>[];
}

export type LeafState = 'never' | 'always' | 'mixed';

type LeafNode = Extract<Pred, { op: 'leaf' }>;

function tokens(field: (u: FieldUse) => string): RenderContext {
  return { field, and: DUCKDB.and, or: DUCKDB.or, not: DUCKDB.not, true: DUCKDB.true, false: DUCKDB.false };
}

const DICT = tokens((u) => (u.lower ? 'l' : 'v'));

/** Dialect.derived as they read in a dictionary leaf's SQL. */
export const DERIVED = DUCKDB.derived.map((d) => ({ column: `x_${d.name}`, sql: d.tpl.replace(/\{f\}/g, 'v').replace(/\{lf\}/g, 'l') }));

function useDerived(sql: string): { sql: string; derived: string[] } {
  const derived: string[] = [];
  for (const d of DERIVED) {
    if (!sql.includes(d.sql)) continue;
    sql = sql.split(d.sql).join(d.column);
    derived.push(d.column);
  }
  return { sql, derived };
}

const paramKey = (ps: readonly SqlParam[]) => JSON.stringify(ps.map((p) => (typeof p === 'bigint' ? `${p}n` : p)));

export function forEachLeaf(p: Pred, fn: (leaf: LeafNode) => void): void {
  if (p.op === 'leaf') fn(p);
  else if (p.op === 'not') forEachLeaf(p.arg, fn);
  else if (p.op === 'and' || p.op === 'or') for (const a of p.args) forEachLeaf(a, fn);
}

function mapLeaves(p: Pred, fn: (leaf: LeafNode) => Pred): Pred {
  if (p.op === 'leaf') return fn(p);
  if (p.op === 'not') return { op: 'not', arg: mapLeaves(p.arg, fn) };
  if (p.op === 'and' || p.op === 'or') return { op: p.op, args: p.args.map((a) => mapLeaves(a, fn)) };
  return p;
}

/** Registers every column the rules read in `reg` and collects their distinct leaves. */
export function planLeaves(rules: readonly CompiledRule[], reg: ColumnRegistry): LeafPlan {
  const leaves: Leaf[] = [];
  const byKey = new Map<string, number>();
  const leafOf = rules.map((rule) => {
    const map = new Map<Pred, number>();
    const colOf = (u: FieldUse) => reg.column(rule.fields[u.f]);
    const row = tokens((u) => (u.lower ? `lower(t.c${colOf(u)})` : `t.c${colOf(u)}`));
    forEachLeaf(rule.pred, (node) => {
      const cols = new Set<number>();
      for (const part of node.tpl) if (typeof part !== 'string' && 'use' in part) cols.add(colOf(part.use));
      const col = cols.size === 1 ? [...cols][0] : null;
      const r = render(node, col === null ? row : DICT);
      const { sql, derived } = col === null ? { sql: r.sql, derived: [] } : useDerived(r.sql);
      const params = r.params;
      const key = `${col}\u0000${sql}\u0000${paramKey(params)}`;
      let i = byKey.get(key);
      if (i === undefined) {
        i = leaves.push({ col, sql, params, derived }) - 1;
        byKey.set(key, i);
      }
      map.set(node, i);
    });
    return map;
  });
  return { leaves, leafOf };
}

/** The rule's predicate with constant leaves folded; `const false` means it cannot match in this scan. */
export function foldPred(pred: Pred, leafOf: ReadonlyMap<Pred, number>, state: (leaf: number) => LeafState): Pred {
  return simplify(
    mapLeaves(pred, (node) => {
      const s = state(leafOf.get(node)!);
      return s === 'mixed' ? node : { op: 'const', value: s === 'always' };
    }),
  );
}

/** Renders a folded predicate over per-row leaf columns named by `column`. */
export function renderOverLeaves(pred: Pred, leafOf: ReadonlyMap<Pred, number>, column: (leaf: number) => string): string {
  const bound = mapLeaves(pred, (node): Pred => ({ op: 'leaf', tpl: [column(leafOf.get(node)!)] }));
  return render(bound, tokens(() => 'NULL')).sql;
}
