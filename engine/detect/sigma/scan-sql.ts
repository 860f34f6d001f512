/**
 * SQL pieces for shared scans: a column registry that maps the fields of many
 * rules onto one set of extracted columns (`c0`, `c1`, … and lower-cased
 * `l0`, …), and the extraction select that reads every JSON path of a scan in
 * one multi-path `json_extract_string` call, so each record is parsed once.
 */
import { DUCKDB } from './backend/dialect';
import { candidateSql } from './backend/fields';
import type { FieldUse, RenderContext } from './backend/ir';
import type { FieldTarget } from './pipeline/types';

const fieldKey = (t: FieldTarget) => JSON.stringify(t.candidates);

export class ColumnRegistry {
  readonly targets: FieldTarget[] = [];
  readonly lowered = new Set<number>();
  private readonly byKey = new Map<string, number>();

  column(t: FieldTarget, lower = false): number {
    const k = fieldKey(t);
    let c = this.byKey.get(k);
    if (c === undefined) {
      c = this.targets.push(t) - 1;
      this.byKey.set(k, c);
    }
    if (lower) this.lowered.add(c);
    return c;
  }

  /** The column already holding target `t`, if any. */
  find(t: FieldTarget): number | undefined {
    return this.byKey.get(fieldKey(t));
  }

  /** Render context for predicates of a rule whose fields are `fields`. */
  context(fields: readonly FieldTarget[], prefix = ''): RenderContext {
    return {
      field: (u: FieldUse) => {
        const c = this.column(fields[u.f], u.lower);
        return u.lower ? `${prefix}l${c}` : `${prefix}c${c}`;
      },
      and: DUCKDB.and,
      or: DUCKDB.or,
      not: DUCKDB.not,
      true: DUCKDB.true,
      false: DUCKDB.false,
    };
  }

  /**
   * `SELECT <id, ts, c*, l*> FROM (SELECT *, j FROM <from>)` for the registered
   * fields; `known` gives columns already computed elsewhere (an expression
   * over `from`), which then cost no JSON path.
   */
  extraction(from: string, known: ReadonlyMap<number, string> = new Map()): string {
    const paths: string[] = [];
    const exprs = this.targets.map((t, col) => {
      const k = known.get(col);
      if (k !== undefined) return k;
      const parts = t.candidates.map((c) => {
        if (!('json' in c)) return candidateSql(c, DUCKDB);
        let i = paths.indexOf(c.json);
        if (i < 0) i = paths.push(c.json) - 1;
        return `j[${i + 1}]`;
      });
      return parts.length === 0 ? 'NULL' : parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`;
    });
    // Paths are pipeline data or SAFE_FIELD-checked names (no quotes): see backend/fields.ts.
    const j = paths.length > 0 ? `, json_extract_string(raw, [${paths.map((p) => `'${p}'`).join(', ')}]) AS j` : '';
    const cols = exprs.map((e, i) => `, ${e} AS c${i}`).join('');
    const lows = [...this.lowered].map((i) => `, lower(c${i}) AS l${i}`).join('');
    return (
      `WITH s0 AS (SELECT *${j} FROM ${from}),\n` +
      `s1 AS (SELECT "event.id" AS id, "@timestamp" AS ts${cols} FROM s0)\n` +
      `SELECT *${lows} FROM s1`
    );
  }
}
