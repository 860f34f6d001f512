/**
 * SearchNode → a DuckDB predicate over `events` with bound parameters. Every
 * value and every raw field path is a `?`; the SQL holds only our own
 * templates. A missing field is NULL, which NOT must count as "no match"
 * first, so negation is `NOT coalesce(x, FALSE)`.
 */
import { DUCKDB } from '../../detect/sigma/backend/dialect';
import type { SqlParam } from '../../sql/port';
import { SearchSyntaxError, type SearchNode, type SearchTerm, type SearchValue } from './search-ast';
import { likeEscape } from './search-parser';
import { fieldSql, fieldText, fill, joinFragments, resolveField, STATUS_LEVELS, STATUS_OUTCOME, type FieldRef, type Fragment } from './search-fields';
import { asCidr, asNumber, asTime } from './search-values';

type Column = FieldRef & { kind: 'column' | 'raw' };
type TextValue = SearchValue & { kind: 'text' };

const ILIKE = "{f} ILIKE ? ESCAPE '\\'";
const DATASET = { kind: 'column', name: 'event.dataset', type: 'VARCHAR' } as const;
const col = (name: string): Column => ({ kind: 'column', name, type: 'VARCHAR' });

export function compileNode(n: SearchNode, now = Date.now()): Fragment {
  switch (n.type) {
    case 'all':
      return { sql: 'TRUE', params: [] };
    case 'and':
      return joinFragments(n.items.map((x) => compileNode(x, now)), ' AND ');
    case 'or':
      return joinFragments(n.items.map((x) => compileNode(x, now)), ' OR ');
    case 'not': {
      const inner = compileNode(n.item, now);
      return { sql: `NOT coalesce(${inner.sql}, FALSE)`, params: inner.params };
    }
    case 'term':
      return compileTerm(n, now);
  }
}

function compileTerm(t: SearchTerm, now: number): Fragment {
  if (t.field === null) return freeText(t);
  const ref = resolveField(t.field, t.start);
  switch (ref.kind) {
    case 'column':
    case 'raw':
      return valueMatch(ref, t, now);
    case 'reserved':
      if (ref.name === 'host') return valueMatch(col('host.name'), t, now);
      if (ref.name === 'service') return joinFragments([valueMatch(col('process.name'), t, now), valueMatch(DATASET, t, now)], ' OR ');
      if (ref.name === 'source') return t.value.kind === 'text' && !t.value.wildcard ? dataset(t.value.text) : valueMatch(DATASET, t, now);
      return t.value.kind === 'text' ? status(t.value) : valueMatch(col('log.level'), t, now);
  }
}

/** Words and phrases anywhere in the message or the original record. */
function freeText(t: SearchTerm): Fragment {
  if (t.value.kind !== 'text') throw new SearchSyntaxError('a range or comparison needs a field (like @source.port:>1024)', t.start, t.end - t.start);
  const p = `%${t.value.pattern ?? likeEscape(t.value.text)}%`;
  return { sql: `(message ILIKE ? ESCAPE '\\' OR CAST(raw AS VARCHAR) ILIKE ? ESCAPE '\\')`, params: [p, p] };
}

function dataset(text: string): Fragment {
  const v = text.toLowerCase();
  return fill('({lf} = ? OR starts_with({lf}, ?) OR ends_with({lf}, ?))', fieldSql(DATASET), [v, v + '.', '.' + v]);
}

function status(v: TextValue): Fragment {
  const level = fieldSql(col('log.level'));
  const outcome = fieldSql(col('event.outcome'));
  if (v.wildcard) return joinFragments([fill(ILIKE, level, [v.pattern!]), fill(ILIKE, outcome, [v.pattern!])], ' OR ');
  const word = v.text.toLowerCase();
  const levels = STATUS_LEVELS[word] ?? [word];
  const levelSql = fill(`{lf} IN (${levels.map(() => '?').join(', ')})`, level, levels);
  return joinFragments([levelSql, fill('{lf} = ?', outcome, [STATUS_OUTCOME[word] ?? word])], ' OR ');
}

function valueMatch(f: Column, t: SearchTerm, now: number): Fragment {
  const v = t.value;
  if (v.kind === 'exists') {
    if (f.kind === 'raw') return { sql: 'json_extract(raw, ?) IS NOT NULL', params: [f.path] };
    return fill(f.type === 'VARCHAR' ? "({f} IS NOT NULL AND {f} <> '')" : '{f} IS NOT NULL', fieldSql(f));
  }
  if (v.kind === 'range') return range(f, v, t, now);
  const numeric = f.kind === 'column' && (f.type === 'BIGINT' || f.type === 'INTEGER');
  const cidr = v.quoted || numeric ? null : asCidr(v.text);
  if (cidr) return fill(cidr.version === 4 ? DUCKDB.cidr4 : DUCKDB.cidr6, fieldText(f), cidr.version === 4 ? [Number(cidr.lo), Number(cidr.hi)] : [cidr.lo, cidr.hi]);
  if (v.wildcard) return fill(ILIKE, fieldText(f), [v.pattern!]);
  const n = asNumber(v.text);
  if (numeric && n !== null) return fill('{f} = ?', fieldSql(f), [n]);
  if (f.kind === 'column' && f.type === 'TIMESTAMP') {
    // A time written down to any precision matches everything inside it: 2024-03-01 is that day.
    return fill("CAST({f} AS VARCHAR) LIKE ? ESCAPE '\\'", fieldSql(f), [likeEscape(v.text.replace('T', ' ').replace(/Z$/, '')) + '%']);
  }
  return fill('{lf} = ?', fieldText(f), [v.text.toLowerCase()]);
}

function range(f: Column, v: SearchValue & { kind: 'range' }, t: SearchTerm, now: number): Fragment {
  const bounds = [v.lo, v.hi].filter((b): b is string => b !== null);
  const numbers = bounds.map(asNumber);
  const times = bounds.map((b) => asTime(b, now));
  const isNum = bounds.length > 0 && numbers.every((x) => x !== null);
  const isTime = bounds.length > 0 && times.every((x) => x !== null);
  const where = (why: string) => new SearchSyntaxError(why, t.start, t.end - t.start);
  if (bounds.length === 0) return valueMatch(f, { ...t, value: { kind: 'exists' } }, now);

  let expr: Fragment;
  let conv: (b: string) => SqlParam;
  let cast = '?';
  if (f.kind === 'column' && f.type === 'TIMESTAMP') {
    if (!isTime) throw where(`${t.field} needs times (like 2024-03-01T10:00:00Z or now-1h)`);
    [expr, conv, cast] = [fieldSql(f), (b) => asTime(b, now), '?::TIMESTAMP'];
  } else if (f.kind === 'column' && f.type !== 'VARCHAR' && f.type !== 'JSON') {
    if (!isNum) throw where(`${t.field} needs numbers`);
    [expr, conv] = [fieldSql(f), (b) => asNumber(b)];
  } else if (isNum) {
    [expr, conv] = [fill('TRY_CAST({f} AS DOUBLE)', fieldSql(f)), (b) => asNumber(b)];
  } else if (isTime) {
    [expr, conv, cast] = [fill('TRY_CAST({f} AS TIMESTAMP)', fieldSql(f)), (b) => asTime(b, now), '?::TIMESTAMP'];
  } else {
    [expr, conv] = [fieldText(f), (b) => b];
  }
  const parts: Fragment[] = [];
  if (v.lo !== null) parts.push(fill(`{f} ${v.loIncl ? '>=' : '>'} ${cast}`, expr, [conv(v.lo)]));
  if (v.hi !== null) parts.push(fill(`{f} ${v.hiIncl ? '<=' : '<'} ${cast}`, expr, [conv(v.hi)]));
  return joinFragments(parts, ' AND ');
}
