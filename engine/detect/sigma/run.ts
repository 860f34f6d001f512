/**
 * Evaluates many compiled rules in few scans:
 *  1. facts: one pass over `events` extracts the fields logsource scopes test
 *     (Channel, EventID, dataset…);
 *  2. shared extraction (shared-extraction.ts): one more pass reads, for each
 *     record, the JSON paths of every group it belongs to (groups = rules
 *     with the same logsource scope), so `raw` is read once, not per group;
 *  3. per group (group-scan.ts): distinct values per field, each distinct
 *     atomic condition evaluated once on them, constant conditions folded,
 *     and only the rules that can still match run per row.
 * Lists travel as text (id lists as comma-separated strings) because the
 * port hands back scalar columns. Correlations run their own query over
 * their base rules' matches and are windowed in `correlation-windows.ts`.
 */
import { rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import { render } from './backend/ir';
import { ColumnRegistry } from './scan-sql';
import { prepareGroup, scanGroup } from './group-scan';
import { SharedExtraction, type Facts } from './shared-extraction';
import { liveRules } from './fact-prefilter';
import { correlationMatches, type CorrelationRow } from './correlation-windows';
import type { CompiledRule, RuleMatch } from './types';

export interface RunOptions {
  /** Rules evaluated per query inside one scope group. */
  chunkSize?: number;
  /** Include rules that are only a correlation's building blocks. */
  includeBaseRules?: boolean;
  /** Called after each group, for progress display. */
  onProgress?: (done: number, total: number) => void;
  /** Called with the seconds each phase took (facts pass, a group's extraction and evaluation), for benchmarks. */
  onTiming?: (phase: string, seconds: number) => void;
}

export async function runRules(port: SqlPort, rules: readonly CompiledRule[], opts: RunOptions = {}): Promise<RuleMatch[]> {
  const out: RuleMatch[] = [];
  const detections = rules.filter((r) => r.kind === 'detection' && (r.standalone || opts.includeBaseRules));
  const groups = new Map<string, CompiledRule[]>();
  for (const r of detections) {
    const g = groups.get(r.scope.key);
    if (g) g.push(r);
    else groups.set(r.scope.key, [r]);
  }
  const correlations = rules.filter((r) => r.kind === 'correlation');
  const total = groups.size + correlations.length;
  let done = 0;
  if (groups.size > 0) {
    const all = [...groups.values()];
    const facts = await buildFacts(port, all, 'sigma_facts', opts.onTiming);
    const shared = 'sigma_shared';
    try {
      // The logsource scope is decided on the small facts table, not by re-reading every record.
      const allScopes = all.map((g) => render(g[0].scope.pred, facts.reg.context(g[0].fields)));
      let t = performance.now();
      const live = await liveRules(port, facts, all, allScopes, 'sigma_fact_tuples');
      opts.onTiming?.('fact prefilter', (performance.now() - t) / 1000);
      const keep = live.map((g, i) => (g.length > 0 ? i : -1)).filter((i) => i >= 0);
      const list = keep.map((i) => live[i]);
      const scopes = keep.map((i) => allScopes[i]);
      // Groups left without rules are done already.
      done += all.length - list.length;
      if (list.length < all.length) opts.onProgress?.(done, total);
      const prepared = list.map(prepareGroup);
      t = performance.now();
      const x = await SharedExtraction.build(port, facts, prepared.map((p, i) => ({ reg: p.reg, scope: scopes[i] })), shared);
      opts.onTiming?.('shared extraction', (performance.now() - t) / 1000);
      for (const [i, group] of list.entries()) {
        out.push(...(await scanGroup(port, group, `sigma_scan_${i}`, prepared[i], x.select(i), { chunkSize: opts.chunkSize ?? 150, onTiming: opts.onTiming })));
        opts.onProgress?.(++done, total);
      }
    } finally {
      await port.exec(`DROP TABLE IF EXISTS ${facts.table}`);
      await port.exec(`DROP TABLE IF EXISTS ${shared}`);
    }
  }
  for (const c of correlations) {
    const table = await port.query(c.sql, c.params as SqlParam[]);
    out.push(...correlationMatches(c, rowsOf<CorrelationRow>(table)));
    opts.onProgress?.(++done, total);
  }
  return out;
}

/** One pass over `events` extracting every field any logsource scope tests (Channel, EventID, dataset…). */
async function buildFacts(port: SqlPort, groups: readonly (readonly CompiledRule[])[], table: string, onTiming?: RunOptions['onTiming']): Promise<Facts> {
  const reg = new ColumnRegistry();
  for (const g of groups) render(g[0].scope.pred, reg.context(g[0].fields));
  await port.exec(`DROP TABLE IF EXISTS ${table}`);
  const t = performance.now();
  await port.exec(`CREATE TEMP TABLE ${table} AS ${reg.extraction('events')}`);
  onTiming?.('facts', (performance.now() - t) / 1000);
  return { table, reg };
}
