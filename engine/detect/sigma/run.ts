/**
 * Evaluates many compiled rules in few scans. Detection rules are grouped by
 * logsource scope; for each group one pass over `events` extracts every field
 * any rule of the group reads (all JSON paths in one multi-path extraction,
 * so each record is parsed once) into a temporary table, then one query
 * evaluates every rule of the group against that small table (a UNION ALL of
 * per-rule filters, in chunks). Lists travel as text (id lists as
 * comma-separated strings) because the port hands back scalar columns. Correlations run their own query over their
 * base rules' matches and are windowed in `correlation-windows.ts`.
 */
import { ident, rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import { DUCKDB } from './backend/dialect';
import { candidateSql } from './backend/fields';
import { render, type FieldUse, type RenderContext } from './backend/ir';
import { inlineContext } from './compile';
import { correlationMatches, type CorrelationRow } from './correlation-windows';
import type { FieldTarget } from './pipeline/types';
import type { CompiledRule, RuleMatch } from './types';

export interface RunOptions {
  /** Rules evaluated per query inside one scope group. */
  chunkSize?: number;
  /** Include rules that are only a correlation's building blocks. */
  includeBaseRules?: boolean;
  /** Called after each group, for progress display. */
  onProgress?: (done: number, total: number) => void;
}

const ISO = "strftime({x}, '%Y-%m-%dT%H:%M:%S.%gZ')";

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
  let n = 0;
  for (const group of groups.values()) {
    out.push(...(await runGroup(port, group, `sigma_scan_${n++}`, opts.chunkSize ?? 150)));
    opts.onProgress?.(++done, total);
  }
  for (const c of correlations) {
    const table = await port.query(c.sql, c.params as SqlParam[]);
    out.push(...correlationMatches(c, rowsOf<CorrelationRow>(table)));
    opts.onProgress?.(++done, total);
  }
  return out;
}

const fieldKey = (t: FieldTarget) => JSON.stringify(t.candidates);

async function runGroup(port: SqlPort, group: readonly CompiledRule[], table: string, chunkSize: number): Promise<RuleMatch[]> {
  // Columns: one per distinct field (by where it is read from), lower-cased copies where a rule wants them.
  const columns = new Map<string, number>();
  const targets: FieldTarget[] = [];
  const lowered = new Set<number>();
  const colOf = (r: CompiledRule, u: FieldUse) => {
    const t = r.fields[u.f];
    const k = fieldKey(t);
    let c = columns.get(k);
    if (c === undefined) {
      c = targets.length;
      columns.set(k, c);
      targets.push(t);
    }
    if (u.lower) lowered.add(c);
    return c;
  };
  const ctxFor = (r: CompiledRule): RenderContext => ({
    field: (u) => (u.lower ? `l${colOf(r, u)}` : `c${colOf(r, u)}`),
    and: DUCKDB.and,
    or: DUCKDB.or,
    not: DUCKDB.not,
    true: DUCKDB.true,
    false: DUCKDB.false,
  });
  const preds = group.map((r) => render(r.pred, ctxFor(r)));
  const scope = render(group[0].scope.pred, inlineContext(group[0].fields));

  const paths: string[] = [];
  const exprs = targets.map((t) => {
    const parts = t.candidates.map((c) => {
      if ('json' in c) {
        let i = paths.indexOf(c.json);
        if (i < 0) i = paths.push(c.json) - 1;
        return `j[${i + 1}]`;
      }
      return candidateSql(c, DUCKDB);
    });
    return parts.length === 0 ? 'NULL' : parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`;
  });
  const jsonCol = paths.length > 0 ? `, json_extract_string(raw, [${paths.map((p) => `'${p}'`).join(', ')}]) AS j` : '';
  const cols = exprs.map((e, i) => `${e} AS c${i}`);
  const lows = [...lowered].map((i) => `lower(c${i}) AS l${i}`);
  await port.exec(`DROP TABLE IF EXISTS ${table}`);
  await port.exec(
    `CREATE TEMP TABLE ${table} AS WITH s0 AS (SELECT *${jsonCol} FROM events WHERE ${scope.sql}),\n` +
      `s1 AS (SELECT ${ident('event.id')} AS id, ${ident('@timestamp')} AS ts${cols.map((c) => ', ' + c).join('')} FROM s0)\n` +
      `SELECT *${lows.map((c) => ', ' + c).join('')} FROM s1`,
    scope.params,
  );
  const out: RuleMatch[] = [];
  try {
    for (let start = 0; start < group.length; start += chunkSize) {
      const idx = group.slice(start, start + chunkSize).map((_, i) => start + i);
      const params: SqlParam[] = [];
      const branches = idx.map((i) => {
        params.push(...preds[i].params);
        return `SELECT ${i} AS k, string_agg(CAST(id AS VARCHAR), ',' ORDER BY id) AS ids, ${ISO.replace('{x}', 'min(ts)')} AS first, ${ISO.replace('{x}', 'max(ts)')} AS last FROM ${table} WHERE ${preds[i].sql} HAVING count(*) > 0`;
      });
      const rows = rowsOf<{ k: number; ids: string; first: string | null; last: string | null }>(
        await port.query(branches.join('\nUNION ALL\n'), params),
      );
      for (const row of rows) {
        out.push({
          ruleId: group[Number(row.k)].id,
          groupKey: '',
          eventIds: row.ids.split(',').map(Number),
          firstTime: row.first ?? null,
          lastTime: row.last ?? null,
        });
      }
    }
  } finally {
    await port.exec(`DROP TABLE IF EXISTS ${table}`);
  }
  return out;
}
