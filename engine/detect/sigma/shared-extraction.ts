/**
 * One pass over `events` that reads, for every record, the JSON paths of all
 * the logsource groups it belongs to, so the big `raw` column is read once
 * rather than once per group (each read costs a scan of the whole column,
 * however few records a group has).
 *
 * Records are partitioned by signature (the set of groups whose scope they
 * satisfy, decided on the facts table); each signature gets its own path
 * list, so a Sysmon record is parsed once for both `service: sysmon` and its
 * category. A group's scan table is then a cheap select over this table,
 * mapping each field to its path's position in each signature's list.
 * Groups whose fields are all facts (EventID, Channel…) never touch `raw`.
 */
import { ident, literal, rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import { DUCKDB } from './backend/dialect';
import { candidateSql } from './backend/fields';
import type { ColumnRegistry } from './scan-sql';
import type { FieldTarget } from './pipeline/types';

export interface Facts {
  table: string;
  reg: ColumnRegistry;
}

export interface GroupFields {
  /** The group's columns (`c<n>` in its scan table). */
  readonly reg: ColumnRegistry;
  /** The group's logsource scope over the facts table. */
  readonly scope: { readonly sql: string; readonly params: readonly SqlParam[] };
}

type Candidate = FieldTarget['candidates'][number];
const isJson = (c: Candidate): c is { json: string } => 'json' in c;

/**
 * A wildcard path (`$.Event.UserData.*.X`) as its fixed prefix, read with the
 * other paths in the one multi-path extraction, and the rest, applied to that
 * small subtree only where it exists: a wildcard cannot join the multi-path
 * list, and on its own it would parse the whole record again per field.
 */
function splitWildcard(c: Candidate): { prefix: string; rest: string } | null {
  if (!('jsonAny' in c)) return null;
  const i = c.jsonAny.indexOf('.*');
  return i > 1 ? { prefix: c.jsonAny.slice(0, i), rest: '$' + c.jsonAny.slice(i) } : null;
}
const pathOf = (c: Candidate) => (isJson(c) ? c.json : splitWildcard(c)?.prefix);

export class SharedExtraction {
  private constructor(
    private readonly facts: Facts,
    private readonly groups: readonly GroupFields[],
    readonly table: string | null,
    /** Per signature: its path list; per group: the signatures it appears in. */
    private readonly paths: readonly string[][],
    private readonly sigsOf: readonly number[][],
    private readonly exprs: readonly string[],
  ) {}

  /** A group reads `raw` unless every column it needs is a fact. */
  private static rawGroup(facts: Facts, g: GroupFields): boolean {
    return g.reg.targets.some((t) => facts.reg.find(t) === undefined);
  }

  static async build(port: SqlPort, facts: Facts, groups: readonly GroupFields[], table: string): Promise<SharedExtraction> {
    const raw = groups.map((g, i) => (SharedExtraction.rawGroup(facts, g) ? i : -1)).filter((i) => i >= 0);
    if (raw.length === 0) return new SharedExtraction(facts, groups, null, [], groups.map(() => []), []);
    // concat_ws skips NULLs: the signature lists the groups whose scope holds.
    const params: SqlParam[] = raw.flatMap((i) => groups[i].scope.params);
    const sigExpr = `concat_ws(',', ${raw.map((i) => `CASE WHEN ${groups[i].scope.sql} THEN '${i}' END`).join(', ')})`;
    const sigs = rowsOf<{ sig: string }>(await port.query(`SELECT DISTINCT ${sigExpr} AS sig FROM ${facts.table}`, params))
      .map((r) => r.sig)
      .filter((s) => s !== '')
      .sort();
    const sigsOf: number[][] = groups.map(() => []);
    const paths: string[][] = [];
    const exprs: string[] = [];
    const exprSigs = new Map<string, Set<number>>();
    sigs.forEach((sig, s) => {
      const ps = new Set<string>();
      for (const g of sig.split(',').map(Number)) {
        sigsOf[g].push(s);
        for (const t of groups[g].reg.targets) {
          if (facts.reg.find(t) !== undefined) continue;
          for (const c of t.candidates) {
            const path = pathOf(c);
            if (path !== undefined) ps.add(path);
            else {
              const e = candidateSql(c, DUCKDB);
              if (!exprSigs.has(e)) exprs.push(e);
              exprSigs.set(e, (exprSigs.get(e) ?? new Set()).add(s));
            }
          }
        }
      }
      paths.push([...ps]);
    });
    if (sigs.length === 0) return new SharedExtraction(facts, groups, null, [], sigsOf, []);
    const factCols = facts.reg.targets.map((_, i) => `f.c${i} AS f_c${i}`);
    // Paths are pipeline data or SAFE_FIELD-checked names (no quotes): see backend/fields.ts.
    const jCase = `CASE m.sig_no ${paths.map((p, s) => (p.length ? `WHEN ${s} THEN json_extract_string(raw, [${p.map((x) => `'${x}'`).join(', ')}])` : '')).join(' ')} END`;
    // Costly non-JSON candidates (the whole record as text, for keywords) only where a group needs them.
    const eCols = exprs.map((e, k) => `CASE WHEN m.sig_no IN (${[...exprSigs.get(e)!].join(', ')}) THEN ${e} END AS e${k}`);
    const mapping = `(VALUES ${sigs.map((s, i) => `(${literal(s)}, ${i})`).join(', ')}) AS m(sig, sig_no)`;
    await port.exec(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT f.id, f.ts, m.sig_no, ${[...factCols, `${paths.some((p) => p.length) ? jCase : 'NULL'} AS j`, ...eCols].join(', ')} ` +
        `FROM (SELECT *, ${sigExpr} AS sig FROM ${facts.table}) AS f JOIN ${mapping} ON f.sig = m.sig JOIN events ON ${ident('event.id')} = f.id`,
      params,
    );
    return new SharedExtraction(facts, groups, table, paths, sigsOf, exprs);
  }

  /** `SELECT id, ts, c0, c1, …` for group `g`'s scan table. */
  select(g: number): { sql: string; params: readonly SqlParam[] } {
    const { reg, scope } = this.groups[g];
    const known = reg.targets.map((t) => this.facts.reg.find(t));
    if (this.table === null || known.every((k) => k !== undefined)) {
      // No shared table means no event is in any raw-reading scope: a field not among the facts is NULL on the (no) rows.
      const cols = known.map((k, i) => (k === undefined ? `, NULL::VARCHAR AS c${i}` : `, c${k} AS c${i}`)).join('');
      return { sql: `SELECT id, ts${cols} FROM ${this.facts.table} WHERE ${scope.sql}`, params: scope.params };
    }
    const sigs = this.sigsOf[g];
    const cols = reg.targets.map((t, i) => {
      if (known[i] !== undefined) return `f_c${known[i]} AS c${i}`;
      const per = sigs.map((s) => {
        const parts = t.candidates.map((c) => {
          const path = pathOf(c);
          if (path === undefined) return `e${this.exprs.indexOf(candidateSql(c, DUCKDB))}`;
          const at = `j[${this.paths[s].indexOf(path) + 1}]`;
          const w = splitWildcard(c);
          // The subtree comes back as JSON text; a scalar there has no children, as with the wildcard.
          return w ? `(CASE WHEN json_valid(${at}) THEN json_extract_string(${at}, '${w.rest}')[1] END)` : at;
        });
        return parts.length === 0 ? 'NULL' : parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`;
      });
      const expr = sigs.length === 0 ? 'NULL' : sigs.length === 1 ? per[0] : `CASE sig_no ${per.map((p, k) => `WHEN ${sigs[k]} THEN ${p}`).join(' ')} END`;
      return `${expr} AS c${i}`;
    });
    const where = sigs.length === 0 ? 'false' : `sig_no IN (${sigs.join(', ')})`;
    return { sql: `SELECT id, ts${cols.map((c) => `, ${c}`).join('')} FROM ${this.table} WHERE ${where}`, params: [] };
  }
}
