/**
 * The explorer's search box, compiled to a SQL predicate with bound
 * parameters. Terms are ANDed:
 *   word / "quoted phrase"   full text over message and the raw record (case-insensitive)
 *   field:value              a core column (`host.name:web-01`, `@user.name:root`) or a raw field (`sshd.method:password`)
 *   field:val*  field:*val*  wildcards
 *   -term                    exclusion
 * Unknown field names are looked up in `raw` by JSON path, never spliced into SQL.
 */
import { CORE_COLUMNS } from '../schema/ecs';
import { ident, type SqlParam } from '../sql/port';

export interface Predicate {
  where: string;
  params: SqlParam[];
}

const CORE = new Set<string>(CORE_COLUMNS.map((c) => c.name));
const TOKEN = /(-?)(?:([@\w.-]+):)?(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;

function likePattern(v: string): string {
  return v.replace(/[\\%_]/g, (c) => '\\' + c).replace(/\*/g, '%');
}

function fieldExpr(name: string, params: SqlParam[]): string {
  const n = name.startsWith('@') && name !== '@timestamp' ? name.slice(1) : name;
  if (CORE.has(n)) return `CAST(${ident(n)} AS VARCHAR)`;
  if (!/^[\w.-]+$/.test(n)) throw new Error(`invalid field name: ${name}`);
  params.push('$.' + n.split('.').map((p) => `"${p}"`).join('.'));
  return `json_extract_string(raw, ?)`;
}

export function compileSearch(search: string | undefined | null): Predicate {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  if (!search) return { where: 'TRUE', params };
  for (const m of search.matchAll(TOKEN)) {
    const [, neg, field, quoted, bare] = m;
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
    if (value === undefined || value === '') continue;
    let sql: string;
    if (field) {
      const expr = fieldExpr(field, params);
      if (value.includes('*')) {
        sql = `${expr} ILIKE ? ESCAPE '\\'`;
        params.push(likePattern(value));
      } else {
        sql = `lower(${expr}) = lower(?)`;
        params.push(value);
      }
    } else {
      sql = `(message ILIKE ? ESCAPE '\\' OR CAST(raw AS VARCHAR) ILIKE ? ESCAPE '\\')`;
      const p = `%${likePattern(value)}%`;
      params.push(p, p);
    }
    parts.push(neg ? `NOT coalesce(${sql}, FALSE)` : `coalesce(${sql}, FALSE)`);
  }
  return { where: parts.length ? parts.join(' AND ') : 'TRUE', params };
}
