/**
 * What a field name in a search points at. Core ECS columns are read
 * directly; the four reserved attributes (Datadog's host, service, source,
 * status) map to ECS columns; any other name is a path into `raw`, bound as
 * a parameter, never spliced into SQL.
 *
 *   host     → host.name
 *   service  → process.name or event.dataset (either matches)
 *   source   → event.dataset, by name, prefix (`linux` ⊃ linux.auth) or last part (`auth` = linux.auth)
 *   status   → log.level (with synonyms: error = err, crit, alert, emerg, fatal…) or event.outcome
 *              (error ⇒ failure, ok ⇒ success)
 *
 * `@name` always means an attribute (core column if there is one, else raw);
 * a bare reserved word means the reserved attribute.
 */
import { CORE_COLUMNS, type CoreType } from '../../schema/ecs';
import { ident, type SqlParam } from '../../sql/port';
import { SearchSyntaxError } from './search-ast';

/** A piece of SQL and the parameters its `?` take, in order. */
export interface Fragment {
  sql: string;
  params: SqlParam[];
}

export type Reserved = 'host' | 'service' | 'source' | 'status';
export const RESERVED: readonly Reserved[] = ['host', 'service', 'source', 'status'];

export type FieldRef = { kind: 'column'; name: string; type: CoreType } | { kind: 'raw'; path: string; name: string } | { kind: 'reserved'; name: Reserved };

const CORE = new Map<string, CoreType>(CORE_COLUMNS.map((c) => [c.name, c.type]));

/** Status words → the log levels they stand for. */
export const STATUS_LEVELS: Readonly<Record<string, readonly string[]>> = {
  emergency: ['emergency', 'emerg'],
  alert: ['alert'],
  critical: ['critical', 'crit', 'fatal'],
  error: ['error', 'err', 'critical', 'crit', 'alert', 'emerg', 'emergency', 'fatal', 'severe'],
  warn: ['warn', 'warning'],
  warning: ['warn', 'warning'],
  notice: ['notice'],
  info: ['info', 'informational', 'information', 'notice'],
  debug: ['debug', 'trace'],
  ok: ['ok'],
  success: ['ok'],
};
/** Status words → event.outcome. */
export const STATUS_OUTCOME: Readonly<Record<string, string>> = { error: 'failure', ok: 'success', success: 'success', failure: 'failure' };

/** `$."a"."b"`: a JSON path DuckDB reads with names taken literally. */
export function jsonPath(name: string): string {
  return '$.' + name.split('.').map((p) => `"${p}"`).join('.');
}

export function resolveField(written: string, at = 0): FieldRef {
  const type = CORE.get(written);
  if (type) return { kind: 'column', name: written, type };
  const attr = written.startsWith('@');
  const name = attr ? written.slice(1) : written;
  const core = CORE.get(name);
  if (core) return { kind: 'column', name, type: core };
  if (!attr && (RESERVED as readonly string[]).includes(name)) return { kind: 'reserved', name: name as Reserved };
  if (!/^[\w@-]+(\.[\w@-]+)*$/.test(name)) throw new SearchSyntaxError(`invalid field name '${written}'`, at, written.length);
  return { kind: 'raw', path: jsonPath(name), name };
}

/** The field's value as SQL (raw fields as text). */
export function fieldSql(f: FieldRef & { kind: 'column' | 'raw' }): Fragment {
  return f.kind === 'column' ? { sql: ident(f.name), params: [] } : { sql: 'json_extract_string(raw, ?)', params: [f.path] };
}

/** The field's value as text, for patterns. */
export function fieldText(f: FieldRef & { kind: 'column' | 'raw' }): Fragment {
  const e = fieldSql(f);
  return f.kind === 'column' && f.type !== 'VARCHAR' ? { sql: `CAST(${e.sql} AS VARCHAR)`, params: e.params } : e;
}

/**
 * Fills a template: `{f}` is the field, `{lf}` lower(field), `?` the next
 * value. A field used twice brings its own parameters twice.
 */
export function fill(tpl: string, f: Fragment, values: readonly SqlParam[] = []): Fragment {
  let sql = '';
  const params: SqlParam[] = [];
  let vi = 0;
  for (const piece of tpl.split(/(\{l?f\}|\?)/)) {
    if (piece === '{f}') {
      sql += f.sql;
      params.push(...f.params);
    } else if (piece === '{lf}') {
      sql += `lower(${f.sql})`;
      params.push(...f.params);
    } else if (piece === '?') {
      sql += '?';
      params.push(values[vi++]);
    } else sql += piece;
  }
  return { sql, params };
}

export function joinFragments(parts: readonly Fragment[], op: ' AND ' | ' OR '): Fragment {
  if (parts.length === 1) return parts[0];
  return { sql: `(${parts.map((p) => p.sql).join(op)})`, params: parts.flatMap((p) => p.params) };
}
