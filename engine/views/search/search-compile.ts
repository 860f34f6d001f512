/**
 * SearchNode → a DuckDB predicate over `events` with bound parameters. Every
 * value and every raw field path is a `?`; the SQL holds only our own
 * templates. A missing field is NULL, which NOT must count as "no match"
 * first, so negation is `NOT coalesce(x, FALSE)`.
 */
import { DUCKDB } from '../../detect/sigma/backend/dialect';
import type { SqlParam } from '../../sql/port';
import { SearchSyntaxError, type SearchNode, type SearchTerm, type SearchValue } from './search-ast';
import { fieldSql, fieldText, fill, joinFragments, resolveField, STATUS_LEVELS, STATUS_OUTCOME, type FieldRef, type Fragment } from './search-fields';
import { likeEscape } from './search-parser';
import { asCidr, asNumber, asTime } from './search-values';
import { freeTextPatterns } from './search-words';
import type { CidrRange } from '../../detect/sigma/rule/encode';

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

/**
 * Words and phrases anywhere in the message or the original record (word
 * rules in search-words.ts). Each text is first tested for the longest
 * literal, which RE2 finds several times faster than the word pattern.
 */
function freeText(t: SearchTerm): Fragment {
  if (t.value.kind !== 'text') throw new SearchSyntaxError('a range or comparison needs a field (like @source.port:>1024)', t.start, t.end - t.start);
  const { first, test } = freeTextPatterns(t.value);
  const one = (text: string) => (first ? `(regexp_matches(${text}, ?) AND regexp_matches(${text}, ?))` : `regexp_matches(${text}, ?)`);
  const p = first ? [first, test] : [test];
  return { sql: `(${one('message')} OR ${one('CAST(raw AS VARCHAR)')})`, params: [...p, ...p] };
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
  if (cidr) return cidrMatch(fieldText(f), cidr);
  if (v.wildcard) return fill(ILIKE, fieldText(f), [v.pattern!]);
  const n = asNumber(v.text);
  if (numeric && n !== null) return fill('{f} = ?', fieldSql(f), [n]);
  if (f.kind === 'column' && f.type === 'TIMESTAMP') {
    // A time written down to any precision matches everything inside it: 2024-03-01 is that day.
    return fill("CAST({f} AS VARCHAR) LIKE ? ESCAPE '\\'", fieldSql(f), [likeEscape(v.text.replace('T', ' ').replace(/Z$/, '')) + '%']);
  }
  return fill('{lf} = ?', fieldText(f), [v.text.toLowerCase()]);
}

/** An IPv4 block's prefix length and the text of its whole octets (`185.220.` for /16). */
export function cidr4Prefix(cidr: CidrRange): { bits: number; prefix: string } {
  const lo = Number(cidr.lo);
  const bits = 32 - Math.log2(Number(cidr.hi) - lo + 1);
  const octets = Math.floor(bits / 8);
  return { bits, prefix: [24, 16, 8, 0].slice(0, octets).map((s) => String(Math.floor(lo / 2 ** s) % 256) + '.').join('') };
}

/**
 * IPv4 blocks are first narrowed by the text prefix of their whole octets
 * (a cheap starts_with); a block on an octet boundary needs nothing more.
 */
function cidrMatch(f: Fragment, cidr: CidrRange): Fragment {
  if (cidr.version === 6) return fill(DUCKDB.cidr6, f, [cidr.lo, cidr.hi]);
  const { bits, prefix } = cidr4Prefix(cidr);
  const octets = Math.floor(bits / 8);
  const exact = fill(DUCKDB.cidr4, f, [Number(cidr.lo), Number(cidr.hi)]);
  if (octets === 0 || octets === 4) return exact;
  const head = fill('starts_with({f}, ?)', f, [prefix]);
  return bits % 8 === 0 ? head : joinFragments([head, exact], ' AND ');
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
