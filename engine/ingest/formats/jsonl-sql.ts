/**
 * The JSON-lines format (`jsonl.ts`) as one DuckDB statement, for a whole
 * file that DuckDB reads itself (`node/jsonl-direct.ts` says when).
 *
 * The statement reads a staging table of lines (its rowid is the line number
 * − 1) and stores every non-empty line in the events table, with the event id
 * `$first id + rowid` and the line's byte offset. A line is mapped here only
 * when the SQL gives exactly what `jsonObjectToRow` gives; any other line
 * (invalid or lenient JSON, a value that is not a plain string or integer, a
 * time that is not plain ISO 8601, surrounding blanks…) is stored as a marker:
 * `vestige.source_id` negated and only its id, line, offset and text (in
 * `message`: `raw` is JSON, and DuckDB checks what it casts to JSON), for the
 * caller to hand to the JS parser and delete. So both paths store the same rows.
 *
 * One difference is left, and documented in MAPPING.md: a record with a key
 * twice has the first copy in its core columns here, the last in JS (raw keeps both).
 */
import { CORE_COLUMNS, EVENTS_TABLE } from '../../schema/ecs';
import { ident, literal } from '../../sql/port';
import { JSONL_TIME_KEYS } from './jsonl';

const MAPPED = CORE_COLUMNS.filter((c) => !c.name.startsWith('vestige.') && c.name !== 'raw' && c.name !== 'event.id' && c.name !== '@timestamp');


/** json_transform's shape: every core column's flat key and nested path, and the time keys, as text. */
function shape(): string {
  const root: Record<string, unknown> = {};
  for (const k of JSONL_TIME_KEYS) root[k] = 'VARCHAR';
  for (const c of MAPPED) {
    root[c.name] = 'VARCHAR';
    const parts = c.name.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) {
      if (typeof (node[p] ??= {}) !== 'object') throw new Error(`core column ${c.name} clashes with ${p}`);
      node = node[p] as Record<string, unknown>;
    }
    if (parts.length > 1) node[parts[parts.length - 1]] = 'VARCHAR';
  }
  return JSON.stringify(root);
}

/** A column's value as text: the flat dotted key first, then the nested path (as `lookup` in jsonl.ts). */
function leaf(name: string): string {
  const flat = `j.${ident(name)}`;
  if (!name.includes('.')) return flat;
  return `coalesce(${flat}, j.${name.split('.').map(ident).join('.')})`;
}

/**
 * json_transform gives a string's text, and any other value as JSON text. JS
 * gives the same for strings, true, false and integers up to 15 digits; a text
 * that could be a longer or fractional number, or an object or array, is left to JS.
 */
const textOk = (x: string) =>
  `(${x} IS NULL OR CASE WHEN ascii(${x}) BETWEEN 45 AND 57 THEN regexp_full_match(${x}, '0|-?[1-9][0-9]{0,14}') OR NOT regexp_full_match(${x}, '-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?') WHEN ascii(${x}) IN (91, 123) THEN NOT json_valid(${x}) ELSE true END)`;
/** JS reads a number, or a string through Number(), and cuts it to an integer: plain digits read the same. */
const intOk = (x: string) => `(${x} IS NULL OR regexp_full_match(${x}, '-?[0-9]{1,15}'))`;

/**
 * ISO 8601 times that `parseIsoTime` reads exactly as DuckDB's cast does:
 * 'T', seconds, up to 6 fraction digits (stored to the millisecond, cut, as JS
 * does), Z or ±hh:mm or ±hhmm, years 1970–9999. Anything else goes to JS.
 */
const ISO_TIME = '(19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?(Z|[+-](0[0-9]|1[0-4]):?[0-5][0-9])';
/** Epoch seconds, milliseconds or microseconds as `parseEpoch` reads them (a number, or a string of digits). */
const EPOCH_TIME = '[0-9]{1,16}(\\.[0-9]{1,6})?';
/** parseEpoch's milliseconds: the unit told apart by magnitude, cut to an integer as Date does. */
const EPOCH_MS = `trunc(CASE WHEN n > 1e14 THEN n / 1000 WHEN n > 1e11 THEN n ELSE n * 1000 END)`;
/** Before year 10000, where toISOString's form changes. */
const MAX_MS = 253402300800000;

/**
 * Lenient JSON that yyjson reads and JSON.parse refuses: NaN and Infinity in
 * any case, trailing commas. Where it may be (the test also matches inside
 * strings), the line is left to JS. Three patterns, each led by one literal
 * character, scan several times faster than one led by a class.
 */
const NAN_INF = String.raw`[ \t\r]*[-+]?[nNiI][aAnN][nNfF]`;
const LENIENT = [String.raw`,[ \t\r]*([}\]]|[-+]?[nNiI][aAnN][nNfF])`, `:${NAN_INF}`, String.raw`\[${NAN_INF}`];

const COLS = MAPPED.map((c, i) => ({
  name: c.name,
  value: c.type === 'VARCHAR' ? `l${i}` : `TRY_CAST(l${i} AS ${c.type})`,
  ok: c.type === 'VARCHAR' ? textOk(`l${i}`) : intOk(`l${i}`),
}));

/**
 * The staging table's lines `from`..`to` (rowids, that is line numbers − 1;
 * literals, so that DuckDB skips the rest of the table), parsed, each with its
 * core columns' text (`l0`…), time text `t`, and `ok`: whether the SQL maps it
 * exactly as JS does.
 */
function mappedLines(stage: string, offsets: string, from: number, to: number): string {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new Error(`line range ${from}..${to} is not a range of integers`);
  const ok = [
    `j IS NOT NULL`,
    `starts_with(line, '{') AND ends_with(line, '}')`,
    ...LENIENT.map((re) => `NOT regexp_matches(line, ${literal(re)})`),
    `(t IS NULL OR (iso AND TRY_CAST(t AS TIMESTAMPTZ) IS NOT NULL) OR (n > 0 AND ${EPOCH_MS} < ${MAX_MS}))`,
    ...COLS.map((c) => c.ok),
  ].join('\n      AND ');
  const leaves = MAPPED.map((c, i) => `${leaf(c.name)} AS l${i}`);
  return `(
  SELECT *, (${ok}) AS ok
  FROM (
    SELECT *, regexp_full_match(t, ${literal(ISO_TIME)}) AS iso, CASE WHEN regexp_full_match(t, ${literal(EPOCH_TIME)}) THEN TRY_CAST(t AS DOUBLE) END AS n
    FROM (
      SELECT r, line, off, j, coalesce(${JSONL_TIME_KEYS.map((k) => `j.${ident(k)}`).join(', ')}) AS t, ${leaves.join(', ')}
      FROM (
        SELECT s.rowid AS r, s.line, o.off, TRY(json_transform(s.line, ${literal(shape())})) AS j
        FROM ${stage} s JOIN ${offsets} o ON o.r = s.rowid
        WHERE s.line IS NOT NULL AND s.rowid BETWEEN ${from} AND ${to} AND o.r BETWEEN ${from} AND ${to}
      )
    )
  )
)`;
}

/**
 * The staging table's lines `from`..`to` → the events table. Parameters:
 * `$1` first event id (line 1's), `$2` source id, `$3` member path, `$4`
 * default dataset. `stage` has one row per line, NULL for an empty one;
 * `offsets` has each line's byte offset (`lineOffsetsSql`).
 */
export function jsonlInsertSql(stage: string, offsets: string, from: number, to: number): string {
  const tz = COLS.find((c) => c.name === 'event.timezone')!;
  const ds = COLS.find((c) => c.name === 'event.dataset')!;
  const msg = COLS.find((c) => c.name === 'message')!;
  const rest = COLS.filter((c) => c !== tz && c !== ds && c !== msg);
  const target = ['event.id', 'vestige.source_id', 'vestige.member', 'vestige.line', 'vestige.offset', 'raw', 'message', '@timestamp', 'event.timezone', 'event.dataset', ...rest.map((c) => c.name)];
  const when = (v: string) => `CASE WHEN ok THEN ${v} END`;
  const zone = `CASE WHEN t IS NULL THEN NULL WHEN n IS NOT NULL OR ends_with(t, 'Z') THEN 'Z' WHEN t[-3:-3] = ':' THEN t[-6:] ELSE t[-5:-3] || ':' || t[-2:] END`;
  return `INSERT INTO ${EVENTS_TABLE} (${target.map(ident).join(', ')})
SELECT $1 + r, CASE WHEN ok THEN $2 ELSE -$2 END, $3, r + 1, off, ${when('line')}, CASE WHEN ok THEN ${msg.value} ELSE line END,
  ${when(`CASE WHEN iso THEN epoch_ms(epoch_ms(t::TIMESTAMPTZ)) WHEN n IS NOT NULL THEN epoch_ms(${EPOCH_MS}::BIGINT) END`)},
  ${when(`coalesce(${tz.value}, ${zone})`)},
  ${when(`coalesce(${ds.value}, $4)`)},
  ${rest.map((c) => when(c.value)).join(',\n  ')}
FROM ${mappedLines(stage, offsets, from, to)}`;
}

/** How many of the lines `from`..`to` are not blank (`n`), and how many of those the SQL would leave to JS (`slow`). */
export function jsonlSlowShareSql(stage: string, offsets: string, from: number, to: number): string {
  return `SELECT count(*) AS n, count(*) FILTER (NOT ok) AS slow FROM ${mappedLines(stage, offsets, from, to)}`;
}

/**
 * Every line of a file, in order, one row each (its rowid is the line number
 * − 1, an empty line NULL), as `read_csv` reads it with no quoting and a
 * delimiter no JSON line holds (0x01: the caller checks). `gzip`: the file is
 * gzip, whatever its name.
 */
export function stageLinesSql(stage: string, path: string, gzip: boolean, maxLineBytes: number): string {
  return `CREATE TABLE ${stage} AS SELECT line FROM read_csv(${literal(path)}, columns = {'line': 'VARCHAR'}, delim = chr(1), quote = '', escape = '',
    header = false, auto_detect = false, max_line_size = ${Math.trunc(maxLineBytes)}, compression = '${gzip ? 'gzip' : 'none'}')`;
}

/**
 * Each line's byte offset, from the staging table (`$1`: bytes of the line
 * terminator). A table of its own, so that only the lengths go through the sort.
 */
export function lineOffsetsSql(stage: string, offsets: string): string {
  return `CREATE TABLE ${offsets} AS
SELECT r, coalesce(sum(n + $1) OVER (ORDER BY r ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS off
FROM (SELECT rowid AS r, coalesce(strlen(line), 0) AS n FROM ${stage})`;
}
