/**
 * The SQL half of the JSON-lines fast path (see `jsonl-bulk.ts`): DuckDB splits
 * a piece of the file into lines, parses each line once (`json_transform` with
 * JSON leaves) and maps it to the core columns exactly as `jsonObjectToRow` in
 * `formats/jsonl.ts` does. Only lines whose result is certain to match the JS
 * parser are taken here ("fast"); anything unusual (invalid or lenient JSON,
 * non-objects, surrounding spaces, escapes that yyjson and JSON.parse read
 * differently, floats and objects in mapped fields, unreadable or odd times) is
 * marked "slow" and handed back to the JS parser, line by line, so the result
 * is the same row or the same rejection either way.
 *
 * When changing `jsonObjectToRow`, change this too; `jsonl-bulk.test.ts` runs
 * both over the same lines and fails on any difference.
 */
import { CORE_COLUMNS } from '../schema/ecs';
import { ident } from '../sql/port';
import { JSONL_TIME_KEYS } from './formats/jsonl';

interface Mapped {
  name: string;
  parts: string[];
  kind: 'text' | 'int32' | 'int64';
}

const MAPPED: Mapped[] = CORE_COLUMNS.filter((c) => !c.name.startsWith('vestige.') && c.name !== 'raw' && c.name !== 'event.id' && c.name !== '@timestamp').map((c) => ({
  name: c.name,
  parts: c.name.split('.'),
  kind: c.type === 'INTEGER' ? 'int32' : c.type === 'BIGINT' ? 'int64' : 'text',
}));

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The json_transform structure: every flat dotted name, every nested path and the time keys, as JSON leaves. */
function structure(): string {
  const root: Record<string, unknown> = {};
  for (const m of MAPPED) {
    root[m.name] = 'JSON';
    let cur = root;
    m.parts.forEach((p, i) => {
      if (i === m.parts.length - 1) cur[p] = 'JSON';
      else cur = (cur[p] ??= {}) as Record<string, unknown>;
    });
  }
  for (const k of JSONL_TIME_KEYS) root[k] = 'JSON';
  return JSON.stringify(root);
}

const field = (path: readonly string[]) => 'j' + path.map((p) => `[${q(p)}]`).join('');
/** JS `lookup`: the flat dotted key first, then the nested path (a flat key set to null goes slow, see LENIENT). */
const valueOf = (m: Mapped) => `CAST(${m.parts.length === 1 ? field([m.name]) : `coalesce(${field([m.name])}, ${field(m.parts)})`} AS VARCHAR)`;

// JSON text of a leaf → its JS `String(v)`, when that is certain: strings, booleans, plain integers.
const INT_TEXT = `'^-?[1-9][0-9]{0,14}$|^0$'`;
const textOk = (v: string) => `(${v} IS NULL OR starts_with(${v}, '"') OR ${v} IN ('true', 'false') OR regexp_matches(${v}, ${INT_TEXT}))`;
const textVal = (v: string) => `CASE WHEN starts_with(${v}, '"') THEN (CASE WHEN contains(${v}, '\\') THEN json_extract_string(${v}, '$') ELSE ${v}[2:-2] END) ELSE ${v} END`;
// Numeric columns: integers (or digit strings) small enough for the column; objects give null like the JS path.
const intRe = (k: Mapped['kind']) => (k === 'int32' ? `'^"?(-?[1-9][0-9]{0,8}|0)"?$'` : `'^"?(-?[1-9][0-9]{0,14}|0)"?$'`);
const intOk = (v: string, k: Mapped['kind']) => `(${v} IS NULL OR starts_with(${v}, '{') OR regexp_matches(${v}, ${intRe(k)}))`;
const intVal = (v: string, k: Mapped['kind']) => `CASE WHEN starts_with(${v}, '{') THEN NULL ELSE CAST(trim(${v}, '"') AS ${k === 'int32' ? 'INTEGER' : 'BIGINT'}) END`;

/** JS `parseIsoTime` on the JSON text of a string, for stamps without whitespace, years 1000–9998 and months 01–12. */
const ISO = `'^"([1-9][0-9]{3})-(0[1-9]|1[0-2])-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?"$'`;
/** JSON numbers and digit strings (JS `parseEpoch` after `Number`). */
const EPOCH = `'^"?[0-9]+(\\.[0-9]+)?"?$|^[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$'`;

/**
 * Lines the fast path must not take, found on the text: JSON that yyjson reads
 * but JSON.parse refuses (trailing commas, NaN/Infinity, bad escapes), escapes
 * of UTF-16 surrogates, and dotted keys set to null (JS stops at the flat key).
 */
const LENIENT = (t: string) =>
  `(contains(${t}, ',}') OR contains(${t}, ',]')
    OR ((contains(${t}, ', ') OR contains(${t}, ',' || chr(9)) OR contains(${t}, ',' || chr(13))) AND regexp_matches(${t}, ',[ \\t\\r]+[\\]}]'))
    OR regexp_matches(${t}, '[:\\[,][ \\t\\r]*[-+]?[NnIi][AaNn][NnFf]')
    OR (contains(${t}, '\\') AND regexp_matches(${t}, '(^|[^\\\\])(\\\\\\\\)*\\\\([^"\\\\/bfnrtu]|u[0-9a-fA-F]{0,3}[^0-9a-fA-F]|u[dD][89abAB])'))
    OR (contains(${t}, 'null') AND regexp_matches(${t}, '"[^"]*\\.[^"]*"[ \\t\\r]*:[ \\t\\r]*null')))`;

/**
 * SQL over one piece (bytes of whole lines). Parameters: $1 the piece (BLOB),
 * $2 its first line number, $3 its first byte offset, $4 the event id of line 1
 * of the member (ids are that plus line − 1, so pieces are stored in parallel
 * and a rejected line leaves a gap), $5 the source id, $6 the member path.
 *  - 'insert': stores the fast lines in `events` (fails on any invalid JSON:
 *    the caller then runs 'insert-safe', which checks every line first);
 *  - 'slow': the lines for the JS parser (line, off, text).
 */
export function pieceSql(mode: 'insert' | 'insert-safe' | 'slow', defaultDataset: string): string {
  const cols = MAPPED.map((m, i) => `${valueOf(m)} AS v${i}`).join(', ');
  const oks = MAPPED.map((m, i) => (m.kind === 'text' ? textOk(`v${i}`) : intOk(`v${i}`, m.kind))).join(' AND ');
  const outs = MAPPED.map((m, i) => {
    const v = `v${i}`;
    const e = m.kind === 'text' ? textVal(v) : intVal(v, m.kind);
    if (m.name === 'event.timezone') return `coalesce(${e}, tz)`;
    if (m.name === 'event.dataset') return `coalesce(${e}, ${q(defaultDataset)})`;
    return e;
  });
  const tv = `CAST(coalesce(${JSONL_TIME_KEYS.map((k) => field([k])).join(', ')}) AS VARCHAR)`;
  const int = (x: string) => `CAST(nullif(${x}, '') AS INTEGER)`;
  const zoneMin = `(CASE WHEN iso.z IN ('', 'Z', 'z') THEN 0 ELSE (CASE WHEN iso.z[1] = '-' THEN -1 ELSE 1 END) * (CAST(iso.z[2:3] AS INTEGER) * 60 + coalesce(${int(`replace(iso.z[4:], ':', '')`)}, 0)) END)`;
  const valid = mode === 'insert' ? '' : 'json_valid(text) AND ';
  const head = mode === 'slow'
    ? ''
    : `INSERT INTO events (${ident('event.id')}, ${FAST_COLUMNS.map(ident).join(', ')}, ${ident('vestige.source_id')}, ${ident('vestige.member')}, ${ident('vestige.offset')}, ${ident('vestige.line')})\n`;
  const tailSql = mode === 'slow'
    ? `SELECT line, off, text FROM w WHERE cls = 'slow' ORDER BY line`
    : `SELECT $4::BIGINT + line - 1, epoch_ms(ms), ${outs.join(', ')}, text, $5::INTEGER, $6::VARCHAR, off, line FROM w WHERE cls = 'fast'`;
  return `${head}WITH s AS (SELECT string_split(decode($1::BLOB), chr(10)) AS parts, $2::BIGINT AS line0, $3::BIGINT AS off0),
l AS (SELECT line0 + i - 1 AS line, off0 + coalesce(sum(strlen(t) + 1) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS off, t, i, n
      FROM (SELECT unnest(parts) AS t, generate_subscripts(parts, 1) AS i, len(parts) AS n, line0, off0 FROM s)),
c AS (SELECT line, off, CASE WHEN suffix(t, chr(13)) THEN t[:-2] ELSE t END AS text FROM l WHERE i < n OR t <> ''),
p AS (SELECT line, off, text,
        CASE WHEN starts_with(text, '{') AND suffix(text, '}') AND ${valid}NOT ${LENIENT('text')} THEN json_transform(text, ${q(structure())}) END AS j
      FROM c),
v AS (SELECT line, off, text, j, ${cols}, ${tv} AS tv FROM p),
t AS (SELECT *, CASE WHEN tv IS NULL THEN 'none' WHEN regexp_matches(tv, ${ISO}) THEN 'iso' WHEN regexp_matches(tv, ${EPOCH}) THEN 'epoch' ELSE 'slow' END AS tk FROM v),
x AS (SELECT *,
        CASE WHEN tk = 'iso' THEN regexp_extract(tv, ${ISO}, ['y', 'mo', 'd', 'h', 'mi', 'se', 'fr', 'z']) END AS iso,
        CASE WHEN tk = 'epoch' THEN TRY_CAST(trim(tv, '"') AS DOUBLE) END AS ep
      FROM t),
u AS (SELECT *,
        CASE WHEN tk = 'iso' THEN
            ((epoch(make_date(${int('iso.y')}, ${int('iso.mo')}, 1))::BIGINT // 86400 + ${int('iso.d')} - 1) * 86400000
             + ${int('iso.h')} * 3600000 + ${int('iso.mi')} * 60000 + coalesce(${int('iso.se')}, 0) * 1000
             + CAST(rpad(iso.fr, 3, '0')[1:3] AS INTEGER) - ${zoneMin} * 60000)
          WHEN tk = 'epoch' AND ep > 0 AND ep < 1e19 THEN CAST(trunc(CASE WHEN ep > 1e14 THEN ep / 1000 WHEN ep > 1e11 THEN ep ELSE ep * 1000 END) AS BIGINT)
        END AS ms,
        CASE WHEN tk = 'iso' THEN (CASE WHEN upper(iso.z) = 'Z' THEN 'Z' WHEN iso.z = '' THEN NULL ELSE iso.z[1:3] || ':' || coalesce(nullif(replace(iso.z[4:], ':', ''), ''), '00') END)
             WHEN tk = 'epoch' THEN 'Z' END AS tz
      FROM x),
w AS (SELECT *, CASE WHEN text = '' THEN 'blank'
                     WHEN j IS NULL OR tk = 'slow' OR (tk <> 'none' AND (ms IS NULL OR abs(ms) > 8640000000000000)) OR NOT (${oks}) THEN 'slow'
                     ELSE 'fast' END AS cls FROM u)
${tailSql}`;
}

/** Every stored core column of the fast path, in the temp table's names. */
export const FAST_COLUMNS: readonly string[] = ['@timestamp', ...MAPPED.map((m) => m.name), 'raw'];
