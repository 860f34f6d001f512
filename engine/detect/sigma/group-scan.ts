/**
 * One logsource group, evaluated in five steps (timed through `onTiming`):
 *  1. extract: the group's rows and fields, as a temp table `t` (id, ts,
 *     c0, c1…), selected from the shared extraction or the facts table;
 *  2. dictionaries: per column, its distinct values and their lower case
 *     (lowering once per distinct value, not per row and rule);
 *  3. leaves: every distinct atomic condition is evaluated on its column's
 *     dictionary; only "does any / every value satisfy it" comes back;
 *  4. fold: constant leaves are folded, so rules that cannot match are
 *     dropped before any per-row work (see leaf-plan.ts);
 *  5. rows: the leaves still needed become bits of a table `e` (dictionaries
 *     joined back by value), and the surviving rules run over those bits,
 *     many per query.
 */
import { rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import { DERIVED, foldPred, planLeaves, renderOverLeaves, forEachLeaf, type LeafPlan, type LeafState } from './leaf-plan';
import { ColumnRegistry } from './scan-sql';
import type { CompiledRule, RuleMatch } from './types';

export interface GroupOptions {
  /** Rules evaluated per query over the leaf table. */
  chunkSize: number;
  /** Leaves evaluated per query over a dictionary. */
  leafChunk?: number;
  onTiming?: (phase: string, seconds: number) => void;
}

const ISO = (x: string) => `strftime(${x}, '%Y-%m-%dT%H:%M:%S.%gZ')`;

/** A group's columns and leaves, planned before any scan (the shared extraction needs every group's columns). */
export function prepareGroup(group: readonly CompiledRule[]): { reg: ColumnRegistry; plan: LeafPlan } {
  const reg = new ColumnRegistry();
  return { reg, plan: planLeaves(group, reg) };
}

/** Runs `group`, whose scan table (id, ts, c0, c1…) is `source`. */
export async function scanGroup(port: SqlPort, group: readonly CompiledRule[], prefix: string, prepared: ReturnType<typeof prepareGroup>, source: { sql: string; params: readonly SqlParam[] }, opts: GroupOptions): Promise<RuleMatch[]> {
  const key = group[0].scope.key;
  let clock = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    opts.onTiming?.(`${key}: ${phase}`, (now - clock) / 1000);
    clock = now;
  };
  const { plan } = prepared;
  const t = `${prefix}_t`;
  const e = `${prefix}_e`;
  const dict = (c: number) => `${prefix}_d${c}`;
  const dictCols = [...new Set(plan.leaves.flatMap((l) => (l.col === null ? [] : [l.col])))];
  const drop = [t, e, ...dictCols.map(dict)];
  try {
    await port.exec(`CREATE OR REPLACE TEMP TABLE ${t} AS ${source.sql}`, [...source.params]);
    const [{ n }] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM ${t}`));
    lap('extract');
    if (n === 0n) return [];

    for (const c of dictCols) {
      const derived = new Set(plan.leaves.flatMap((l) => (l.col === c ? l.derived : [])));
      const extra = DERIVED.filter((d) => derived.has(d.column)).map((d) => `, ${d.sql} AS ${d.column}`);
      await port.exec(`CREATE OR REPLACE TEMP TABLE ${dict(c)} AS SELECT v, l${extra.join('')} FROM (SELECT v, lower(v) AS l FROM (SELECT DISTINCT c${c} AS v FROM ${t}))`);
    }
    lap('dictionaries');

    const state = await leafStates(port, plan.leaves, dict, opts.leafChunk ?? 400);
    lap('leaves');

    const survivors = group.map((r, i) => ({ i, pred: foldPred(r.pred, plan.leafOf[i], (l) => state[l]) })).filter((s) => !(s.pred.op === 'const' && !s.pred.value));
    if (survivors.length === 0) return [];
    const needed = new Set<number>();
    for (const s of survivors) forEachLeaf(s.pred, (node) => needed.add(plan.leafOf[s.i].get(node)!));
    const test = await buildLeafTable(port, plan.leaves, needed, t, e, dict);
    lap(`fold (${survivors.length}/${group.length} rules, ${needed.size}/${plan.leaves.length} leaves left)`);

    const out: { k: number; m: RuleMatch }[] = [];
    for (let start = 0; start < survivors.length; start += opts.chunkSize) {
      const chunk = survivors.slice(start, start + opts.chunkSize);
      const branches = chunk.map(
        (s) =>
          `SELECT ${s.i} AS k, string_agg(CAST(id AS VARCHAR), ',' ORDER BY id) AS ids, ${ISO('min(ts)')} AS first, ${ISO('max(ts)')} AS last ` +
          `FROM ${e} WHERE ${renderOverLeaves(s.pred, plan.leafOf[s.i], (l) => test.get(l)!)} HAVING count(*) > 0`,
      );
      const rows = rowsOf<{ k: number; ids: string; first: string | null; last: string | null }>(await port.query(branches.join('\nUNION ALL\n')));
      for (const row of rows) {
        const k = Number(row.k);
        out.push({ k, m: { ruleId: group[k].id, groupKey: '', eventIds: row.ids.split(',').map(Number), firstTime: row.first ?? null, lastTime: row.last ?? null } });
      }
    }
    lap('rules');
    // UNION ALL branches may come back in any order; report rules in the group's order.
    return out.sort((a, b) => a.k - b.k).map((x) => x.m);
  } finally {
    for (const x of drop) await port.exec(`DROP TABLE IF EXISTS ${x}`);
  }
}

/** Per leaf: does no / every / some value of its column satisfy it? Row leaves are always 'mixed'. */
async function leafStates(port: SqlPort, leaves: LeafPlan['leaves'], dict: (c: number) => string, chunk: number): Promise<LeafState[]> {
  const state: LeafState[] = leaves.map(() => 'mixed');
  const byCol = new Map<number, number[]>();
  leaves.forEach((l, i) => {
    if (l.col === null) return;
    const ids = byCol.get(l.col);
    if (ids) ids.push(i);
    else byCol.set(l.col, [i]);
  });
  for (const [c, ids] of byCol) {
    for (let s = 0; s < ids.length; s += chunk) {
      const part = ids.slice(s, s + chunk);
      const params: SqlParam[] = part.flatMap((i) => leaves[i].params);
      const cols = part.map((i) => `count_if(coalesce(${leaves[i].sql}, false)) AS n${i}`);
      const [row] = rowsOf<Record<string, bigint>>(await port.query(`SELECT count(*) AS total, ${cols.join(', ')} FROM ${dict(c)}`, params));
      for (const i of part) state[i] = row[`n${i}`] === 0n ? 'never' : row[`n${i}`] === row.total ? 'always' : 'mixed';
    }
  }
  return state;
}

/**
 * `e`: id, ts and the needed leaves as bits of BIGINT masks (63 per column,
 * so no sign bit): a dictionary row carries its leaves' bits, and joining a
 * few integer columns back by value is much cheaper than one boolean column
 * per leaf. Returns, per leaf, its test over `e`.
 */
async function buildLeafTable(port: SqlPort, leaves: LeafPlan['leaves'], needed: ReadonlySet<number>, t: string, e: string, dict: (c: number) => string): Promise<Map<number, string>> {
  const test = new Map<number, string>();
  const select: string[] = ['t.id', 't.ts'];
  // Parameters bind in textual order: the select list (row leaves) first, then each join's subquery.
  const params: SqlParam[] = [];
  const masks: { c: number; bits: string[]; params: SqlParam[] }[] = [];
  const maskOf = new Map<number, number>();
  for (const i of [...needed].sort((a, b) => a - b)) {
    const l = leaves[i];
    if (l.col === null) {
      select.push(`coalesce(${l.sql}, false) AS b${i}`);
      params.push(...l.params);
      test.set(i, `b${i}`);
      continue;
    }
    let m = maskOf.get(l.col);
    if (m === undefined || masks[m].bits.length === 63) {
      m = masks.push({ c: l.col, bits: [], params: [] }) - 1;
      maskOf.set(l.col, m);
      select.push(`m${m}`);
    }
    const bit = masks[m].bits.length;
    masks[m].bits.push(`CASE WHEN ${l.sql} THEN CAST(${2n ** BigInt(bit)} AS BIGINT) ELSE 0 END`);
    masks[m].params.push(...l.params);
    test.set(i, `(m${m} & ${2n ** BigInt(bit)}) <> 0`);
  }
  const byCol = new Map<number, number[]>();
  masks.forEach((m, k) => {
    const ks = byCol.get(m.c);
    if (ks) ks.push(k);
    else byCol.set(m.c, [k]);
  });
  const joins: string[] = [];
  for (const [c, ks] of byCol) {
    const cols = ks.map((k) => `CAST(${masks[k].bits.join(' + ')} AS BIGINT) AS m${k}`);
    joins.push(`LEFT JOIN (SELECT v, ${cols.join(', ')} FROM ${dict(c)}) AS j${c} ON t.c${c} IS NOT DISTINCT FROM j${c}.v`);
    for (const k of ks) params.push(...masks[k].params);
  }
  await port.exec(`CREATE OR REPLACE TEMP TABLE ${e} AS SELECT ${select.join(', ')} FROM ${t} AS t ${joins.join(' ')}`, params);
  return test;
}
