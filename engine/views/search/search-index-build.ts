/**
 * The explorer's search index: for each source, its events cut into blocks
 * (at most BLOCK_EVENTS consecutive event ids, all stamped within one UTC
 * hour, so that a histogram whose buckets are whole hours never has a block
 * across two buckets), and for each block how many of its events hold each
 * term:
 *
 *   word          a free-text word (search-words.ts) of the message or the raw text; ASCII
 *                 words lower-cased, others as written (the lookup folds their case)
 *   @name=value   a raw field's value, `lower(json_extract_string(raw, path))`: the very
 *                 expression a field search compares, for the paths most present in a sample
 *   #column=a.b.  the first one and two dot-separated parts of source.ip and destination.ip,
 *                 which is what an IPv4 /8 or /16 CIDR search tests (starts_with)
 *
 * A search for one term then reads its counts per block instead of every
 * event (search-index-query.ts). Blocks are cut by event id and stored time,
 * so a clock-skew correction changes nothing here: the query shifts each
 * block's time span by its source's skew (a skew of no whole hours only
 * costs some reading at bucket edges).
 *
 * Built after a source's import commits, one source per transaction;
 * `dropSearchIndex` forgets sources. A case whose events are not all covered
 * by the current SEARCH_INDEX_VERSION is searched by scanning.
 */
import { CORE_COLUMNS, EVENTS_TABLE } from '../../schema/ecs';
import { ident, rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import { jsonPath } from './search-fields';
import { WORD_CHARS } from './search-words';

/** Bumped when what the index holds changes: older indexes are then ignored and rebuilt. */
export const SEARCH_INDEX_VERSION = 1;
/** Events per block: few enough that a histogram re-reads little at bucket edges, enough that a common word costs one row per block. */
export const BLOCK_EVENTS = 1024;
export const HOUR_US = 3_600_000_000;
/** Hours are offset into [0, 2^33) (DuckDB's whole timestamp range); 2^33 - 1 marks events without a time. */
const HOURS = 2 ** 33;
/** A block's key: its id range, then its hour. */
const BLOCK_KEY = `("event.id" // ${BLOCK_EVENTS}) * ${HOURS} + coalesce(epoch_us("@timestamp") // ${HOUR_US} + ${HOURS / 2}, ${HOURS - 1})`;
/** Blocks counted per statement, which bounds the memory of the word count. */
const CHUNK_BLOCKS = 512;
/** Raw field values longer than this (UTF-8 bytes, lower-cased) are not indexed: a search for one scans. */
export const MAX_VALUE_BYTES = 128;
/** Raw field paths indexed per source: the most frequent in a sample of its events. */
const MAX_FIELDS = 64;
const SAMPLE_EVENTS = 1000;
/** Fields with more distinct values than this share of the sample are not indexed. */
const MAX_DISTINCT_SHARE = 0.5;
/** Columns whose IPv4 /8 and /16 prefixes are indexed, for CIDR searches. */
export const PREFIX_COLUMNS: readonly string[] = ['source.ip', 'destination.ip'];

/** A block key's id range and hour (epoch hours, as DuckDB's integer division truncates them; null: events without a time). */
export function blockParts(key: number): { range: number; hour: number | null } {
  const h = key % HOURS;
  return { range: Math.floor(key / HOURS), hour: h === HOURS - 1 ? null : h - HOURS / 2 };
}

export const fieldTerm = (name: string, lowerValue: string): string => `@${name}=${lowerValue}`;
export const prefixTerm = (column: string, prefix: string): string => `#${column}=${prefix}`;

const CORE = new Set<string>(CORE_COLUMNS.map((c) => c.name));

/** `"vestige.source_id" = ?` (or IS NULL) with its parameter, over `column`. */
export function sourceIs(id: number | null, column = ident('vestige.source_id')): { sql: string; params: SqlParam[] } {
  return id === null ? { sql: `${column} IS NULL`, params: [] } : { sql: `${column} = ?`, params: [id] };
}

/** The column is one of the ids (NULL included when listed). */
function sourceIn(ids: readonly (number | null)[], column = ident('vestige.source_id')): { sql: string; params: SqlParam[] } {
  const known = [...new Set(ids.filter((x): x is number => x !== null))];
  // A short list stays a list of constants, which DuckDB checks against zone maps.
  const list = known.length <= 256 ? `IN (${known.map(() => '?').join(', ')})` : 'IN (SELECT unnest(?::INTEGER[]))';
  const parts = known.length ? [`${column} ${list}`] : [];
  if (ids.some((x) => x === null)) parts.push(`${column} IS NULL`);
  const params = known.length <= 256 ? known : [`[${known.join(',')}]`];
  return { sql: `(${parts.join(' OR ') || 'FALSE'})`, params };
}

/**
 * Indexes the given sources (all sources with events and no current index
 * when omitted), replacing what the index held for them, in one transaction
 * and shared statements (an archive's members, or many small files, cost
 * about what one source does). Call it outside a transaction.
 */
export async function buildSearchIndex(port: SqlPort, sourceIds?: readonly (number | null)[]): Promise<{ sources: number; events: number }> {
  const ids = sourceIds ?? (await unindexedSources(port));
  if (ids.length === 0) return { sources: 0, events: 0 };
  await port.exec('BEGIN TRANSACTION');
  try {
    await dropSearchIndex(port, ids);
    const r = await indexSources(port, ids);
    await port.exec('COMMIT');
    return r;
  } catch (e) {
    await port.exec('ROLLBACK').catch(() => undefined);
    throw new Error(`while indexing sources ${ids.join(', ')} for search: ${(e as Error).message}`);
  }
}

/** Removes sources from the index (when their events are removed from the case). */
export async function dropSearchIndex(port: SqlPort, sourceIds: readonly (number | null)[]): Promise<void> {
  const s = sourceIn(sourceIds, 'source_id');
  for (const t of ['search_index_sources', 'search_index_fields', 'search_index_blocks', 'search_index_terms', 'search_index_words']) {
    await port.exec(`DELETE FROM ${t} WHERE ${s.sql}`, s.params);
  }
}

async function unindexedSources(port: SqlPort): Promise<(number | null)[]> {
  const rows = rowsOf<{ id: number | null }>(
    await port.query(
      `SELECT "vestige.source_id" AS id FROM ${EVENTS_TABLE} EXCEPT SELECT source_id FROM search_index_sources WHERE version = ? ORDER BY 1`,
      [SEARCH_INDEX_VERSION],
    ),
  );
  return rows.map((r) => (r.id === null ? null : Number(r.id)));
}

interface SourceSpan {
  id: number | null;
  n: number;
  lo: number;
  hi: number;
}

async function indexSources(port: SqlPort, ids: readonly (number | null)[]): Promise<{ sources: number; events: number }> {
  const all = sourceIn(ids);
  const spans = rowsOf<{ id: number | null; n: bigint; ided: bigint; lo: bigint | null; hi: bigint | null }>(
    await port.query(
      `SELECT "vestige.source_id" AS id, count(*) AS n, count("event.id") AS ided, min("event.id") AS lo, max("event.id") AS hi
       FROM ${EVENTS_TABLE} WHERE ${all.sql} GROUP BY 1`,
      all.params,
    ),
  )
    // Events without ids cannot be placed in blocks: such a source stays unindexed, so it is scanned.
    .filter((r) => Number(r.ided) === Number(r.n))
    .map((r): SourceSpan => ({ id: r.id === null ? null : Number(r.id), n: Number(r.n), lo: Number(r.lo), hi: Number(r.hi) }));
  if (spans.length === 0) return { sources: 0, events: 0 };
  const src = sourceIn(spans.map((x) => x.id));
  const id = ident('vestige.source_id');
  await port.exec(
    `INSERT INTO search_index_blocks SELECT ${id}, ${BLOCK_KEY}, min("event.id"), max("event.id"), count(*), count("@timestamp"),
       min("@timestamp"), max("@timestamp") FROM ${EVENTS_TABLE} WHERE ${src.sql} GROUP BY 1, 2`,
    src.params,
  );
  const fields = await sampleFields(port, spans);
  const lo = Math.min(...spans.map((x) => x.lo));
  const hi = Math.max(...spans.map((x) => x.hi));
  for (let b = Math.floor(lo / BLOCK_EVENTS); b <= Math.floor(hi / BLOCK_EVENTS); b += CHUNK_BLOCKS) {
    const where = `${src.sql} AND "event.id" BETWEEN ? AND ?`;
    const params = [...src.params, b * BLOCK_EVENTS, (b + CHUNK_BLOCKS) * BLOCK_EVENTS - 1];
    await insertWords(port, where, params);
    await insertFields(port, fields, where, params);
    await insertPrefixes(port, where, params);
  }
  const own = sourceIn(spans.map((x) => x.id), 'source_id');
  await port.exec(
    `INSERT INTO search_index_words SELECT term, source_id, strlen(term) = length(term) AND term = lower(term) FROM search_index_terms
     WHERE ${own.sql} AND NOT starts_with(term, '@') AND NOT starts_with(term, '#') GROUP BY term, source_id ORDER BY source_id, term`,
    own.params,
  );
  // One insert per table: a statement per source and field cost 15 s for a folder of 300 EVTX exports.
  const pairs = spans.flatMap((x) => fields.map((name) => ({ id: x.id, name })));
  if (pairs.length) {
    await port.insertColumns('search_index_fields', [
      { name: 'source_id', kind: 'int32', values: pairs.map((p) => p.id) },
      { name: 'name', kind: 'utf8', values: pairs.map((p) => p.name) },
    ]);
  }
  await port.insertColumns('search_index_sources', [
    { name: 'source_id', kind: 'int32', values: spans.map((x) => x.id) },
    { name: 'version', kind: 'int32', values: spans.map(() => SEARCH_INDEX_VERSION) },
    { name: 'events', kind: 'int64', values: spans.map((x) => x.n) },
    { name: 'hi_id', kind: 'int64', values: spans.map((x) => x.hi) },
    { name: 'built_at', kind: 'timestamp', values: spans.map(() => Date.now() * 1000) },
  ]);
  return { sources: spans.length, events: spans.reduce((n, x) => n + x.n, 0) };
}

const SEPARATORS = `[^${WORD_CHARS}]+`;

/**
 * Words of the message and the raw text (joined by \x01, a separator, so no
 * word spans the two), counted once per event with a bitmap of the block's
 * offsets (cheaper than count(DISTINCT)). A message that the raw record holds
 * as a whole JSON string (JSON lines) has no word of its own, so it is not
 * split twice. ASCII words are lower-cased, which is exactly ASCII case
 * folding; words with other letters keep their case, since lower() of some
 * (İ → i) is not what RE2's case folding does. A whole ASCII text, the common
 * case, is lower-cased and split at once.
 */
async function insertWords(port: SqlPort, where: string, params: SqlParam[]): Promise<void> {
  await port.exec(
    `INSERT INTO search_index_terms
     SELECT term, s, block, bit_count(bitstring_agg(o, 0, ${BLOCK_EVENTS - 1})) FROM (
       SELECT s, block, o, unnest(CASE WHEN strlen(t) = length(t) THEN string_split_regex(lower(t), '[^0-9a-z_]+')
         ELSE list_transform(string_split_regex(t, '${SEPARATORS}'), lambda w: CASE WHEN strlen(w) = length(w) THEN lower(w) ELSE w END) END) AS term
       FROM (SELECT "vestige.source_id" AS s, ${BLOCK_KEY} AS block, CAST("event.id" % ${BLOCK_EVENTS} AS INTEGER) AS o,
               CASE WHEN contains(CAST(raw AS VARCHAR), '"' || message || '"') THEN CAST(raw AS VARCHAR)
                    ELSE coalesce(message, '') || chr(1) || coalesce(CAST(raw AS VARCHAR), '') END AS t
             FROM ${EVENTS_TABLE} WHERE ${where}))
     WHERE term <> '' GROUP BY term, s, block ORDER BY term, s, block`,
    params,
  );
}

/** Raw field values, as `lower(json_extract_string(raw, path))` (one value per path and event). */
async function insertFields(port: SqlPort, fields: readonly string[], where: string, params: SqlParam[]): Promise<void> {
  if (fields.length === 0) return;
  const list = `[${fields.map(() => '?').join(', ')}]`;
  await port.exec(
    `INSERT INTO search_index_terms
     SELECT '@' || name || '=' || v AS term, s, block, count(*) FROM (
       SELECT s, block, name, lower(v) AS v FROM (
         SELECT "vestige.source_id" AS s, ${BLOCK_KEY} AS block, unnest(${list}) AS name, unnest(json_extract_string(raw, ${list})) AS v
         FROM ${EVENTS_TABLE} WHERE ${where})
       WHERE v IS NOT NULL)
     WHERE strlen(v) <= ${MAX_VALUE_BYTES} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [...fields, ...fields.map(jsonPath), ...params],
  );
}

/** The text up to the first and the second dot of each address column (what starts_with('a.' / 'a.b.') tests). */
async function insertPrefixes(port: SqlPort, where: string, params: SqlParam[]): Promise<void> {
  const terms = PREFIX_COLUMNS.flatMap((c) => {
    const x = ident(c);
    return [
      `? || CASE WHEN contains(${x}, '.') THEN split_part(${x}, '.', 1) || '.' END`,
      `? || CASE WHEN strlen(${x}) - strlen(replace(${x}, '.', '')) >= 2 THEN split_part(${x}, '.', 1) || '.' || split_part(${x}, '.', 2) || '.' END`,
    ];
  });
  await port.exec(
    `INSERT INTO search_index_terms
     SELECT term, s, block, count(*) FROM (
       SELECT "vestige.source_id" AS s, ${BLOCK_KEY} AS block, unnest([${terms.join(', ')}]) AS term FROM ${EVENTS_TABLE} WHERE ${where})
     WHERE term IS NOT NULL GROUP BY term, s, block ORDER BY term, s, block`,
    [...PREFIX_COLUMNS.flatMap((c) => [prefixTerm(c, ''), prefixTerm(c, '')]), ...params],
  );
}

/**
 * Raw field names worth indexing for the sources (up to SAMPLE_EVENTS events
 * sampled from each): scalar leaves reached through objects only (a search
 * path cannot step into an array), named the way a search writes them, not
 * shadowed by a core column, not nearly unique per event, most frequent
 * first. Only a choice of what to index (every source of the call gets every
 * chosen field, for all its events): a field left out is searched by scanning.
 */
async function sampleFields(port: SqlPort, spans: readonly SourceSpan[]): Promise<string[]> {
  const ids = new Set<number>();
  for (const x of spans) {
    const step = Math.max(1, (x.hi - x.lo) / SAMPLE_EVENTS);
    for (let i = 0; i < SAMPLE_EVENTS && x.lo + i * step <= x.hi; i++) ids.add(Math.round(x.lo + i * step));
  }
  const src = sourceIn(spans.map((x) => x.id));
  const rows = rowsOf<{ raw: string | null }>(
    await port.query(`SELECT CAST(raw AS VARCHAR) AS raw FROM ${EVENTS_TABLE} WHERE ${src.sql} AND "event.id" IN (SELECT unnest(?::BIGINT[]))`, [
      ...src.params,
      `[${[...ids].join(',')}]`,
    ]),
  );
  const seen = new Map<string, { n: number; values: Set<string> }>();
  const walk = (v: unknown, name: string) => {
    if (v === null || Array.isArray(v)) return;
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (/^[\w@-]+$/.test(k)) walk(x, name ? `${name}.${k}` : k);
    } else if (name && !CORE.has(name)) {
      const s = seen.get(name) ?? { n: 0, values: new Set<string>() };
      s.n++;
      s.values.add(String(v).toLowerCase());
      seen.set(name, s);
    }
  };
  for (const r of rows) {
    try {
      walk(r.raw === null ? null : JSON.parse(r.raw), '');
    } catch {
      // Not JSON (it always is, but a bad record costs only its own sample).
    }
  }
  // A field whose values are mostly distinct (addresses, ports, times, ids) would cost an index row per event.
  return [...seen]
    .filter(([, s]) => s.values.size <= Math.max(16, MAX_DISTINCT_SHARE * s.n))
    .sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_FIELDS)
    .map(([k]) => k);
}
