/**
 * What the search index (search-index-build.ts) says about a query: the
 * index terms standing for each part of its plan, and for every candidate
 * block (one holding a term of every part, or any block of a source the plan
 * does not cover) whether its count is known (an exact plan, one matching
 * term in it, all its events inside the time range and, for a histogram,
 * inside one bucket). Known counts come back summed; the blocks to read, and
 * for a page the candidates in time order, come back as rows.
 */
import type { EventQuery } from '../../host/contract';
import { EVENTS_TABLE } from '../../schema/ecs';
import { rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import { SEARCH_INDEX_VERSION } from './search-index-build';
import { planSearch, type IndexPlan, type PlanPart } from './search-index-plan';
import { literalWord, wordLike, wordRegex } from './search-words';

/** Blocks fetched to read; past it the caller scans. */
export const MAX_BLOCKS = 4096;
/** Candidate blocks fetched in time order for a page; past them the caller scans. */
const TOP_BLOCKS = 1024;

export interface Block {
  s: number | null;
  block: number;
  lo: number;
  hi: number;
  events: number;
  n: number;
  /** The source's clock-skew correction, ms. */
  skew: number;
  /** The index knows the count (for a histogram: spanning two buckets, so one side is read). */
  known: boolean;
  /** First and last event time (µs, clock skew applied); null when no event has a time. */
  us0: bigint | null;
  us1: bigint | null;
  /** Histogram buckets of the first and last time. */
  q0: number | null;
  q1: number | null;
}

export interface Facts {
  /** Summed counts of known blocks, by bucket (0 when not a histogram). */
  sums: Map<number, number>;
  /** Blocks to read (at most MAX_BLOCKS; `readEvents` counts all). */
  read: Block[];
  readEvents: number;
  /** Candidate blocks in page order (at most TOP_BLOCKS; `more` when there were more). */
  top: Block[];
  more: boolean;
  /** Events of the case in the time range. */
  scope: number;
}

/** The plan for a query when the index can answer it: one plannable term, no event id list, every event indexed. */
export async function indexPlanFor(port: SqlPort, q: EventQuery): Promise<IndexPlan | null> {
  if (q.eventIds) return null;
  const plan = planSearch(q.search);
  return plan && (await coversCase(port)) ? plan : null;
}

/**
 * Every event is in an indexed source: counts and highest ids agree. (Sources
 * removed from the case must be removed from the index, `dropSearchIndex`.)
 */
async function coversCase(port: SqlPort): Promise<boolean> {
  const v = SEARCH_INDEX_VERSION;
  const [r] = rowsOf<{ n: bigint; hi: bigint | null; indexed: bigint | null; ihi: bigint | null }>(
    await port.query(
      `SELECT (SELECT count(*) FROM ${EVENTS_TABLE}) AS n, (SELECT max("event.id") FROM ${EVENTS_TABLE}) AS hi,
         (SELECT sum(events) FROM search_index_sources WHERE version = ?) AS indexed, (SELECT max(hi_id) FROM search_index_sources WHERE version = ?) AS ihi`,
      [v, v],
    ),
  );
  return Number(r.n) > 0 && r.indexed !== null && Number(r.indexed) === Number(r.n) && Number(r.hi) === Number(r.ihi);
}

/** Word-index keys equal to a query word under RE2 case folding (lower-cased ASCII keys by plain comparison). */
function wordLookup(part: PlanPart & { kind: 'word' }): { sql: string; params: SqlParam[] } {
  const w = part.word;
  const re = '(?i)' + wordRegex(w);
  const ascii = w.every((c) => typeof c !== 'string' || c.charCodeAt(0) < 0x80);
  const lit = literalWord(w);
  if (lit !== null) {
    const len = [...lit].length;
    return ascii
      ? { sql: '(plain AND term = ?) OR (NOT plain AND length(term) = ? AND regexp_full_match(term, ?))', params: [lit.toLowerCase(), len, re] }
      : { sql: 'length(term) = ? AND regexp_full_match(term, ?)', params: [len, re] };
  }
  return ascii
    ? { sql: "(plain AND term LIKE ? ESCAPE '\\') OR (NOT plain AND regexp_full_match(term, ?))", params: [wordLike(w), re] }
    : { sql: 'regexp_full_match(term, ?)', params: [re] };
}

/** The index terms of each part, as rows (part, term). */
function matchedTerms(plan: IndexPlan): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const sql = plan.parts
    .map((p, i) => {
      if (p.kind === 'term') {
        params.push(p.term);
        return `SELECT ${i} AS part, ?::VARCHAR AS term`;
      }
      const l = wordLookup(p);
      params.push(...l.params);
      return `SELECT DISTINCT ${i} AS part, term FROM search_index_words WHERE ${l.sql}`;
    })
    .join(' UNION ALL ');
  return { sql, params };
}

/**
 * What the index says about a query's candidate blocks (those with a term of
 * every part, and every block of a source the plan does not cover): known
 * counts summed, by histogram bucket when `bucketMs` is given; the blocks to
 * read; for a page, candidates in time order.
 */
export async function facts(port: SqlPort, plan: IndexPlan, q: EventQuery, opts: { bucketMs?: number; order?: 'asc' | 'desc' }): Promise<Facts> {
  const m = matchedTerms(plan);
  const skew = 'to_milliseconds(coalesce(k.skew_ms, 0))';
  const [t0, t1] = [`b.min_ts + ${skew}`, `b.max_ts + ${skew}`];
  const range: SqlParam[] = [q.from, q.to].filter((x): x is string => !!x);
  const outside = [q.from ? `coalesce(${t1} < ?::TIMESTAMP, TRUE)` : '', q.to ? `coalesce(${t0} >= ?::TIMESTAMP, TRUE)` : ''].filter(Boolean).join(' OR ') || 'FALSE';
  const inside = [q.from ? `${t0} >= ?::TIMESTAMP` : '', q.to ? `${t1} < ?::TIMESTAMP` : ''].filter(Boolean).join(' AND ') || 'TRUE';
  const B = opts.bucketMs;
  const bucket = (t: string) => (B ? `(epoch_ms(${t}) // ${B}) * ${B}` : '0');
  const covered = plan.field ? 'EXISTS (SELECT 1 FROM search_index_fields f WHERE f.source_id IS NOT DISTINCT FROM b.source_id AND f.name = ?)' : 'TRUE';
  // Known: the block's count is the answer for it. A histogram also needs every event timed and in one bucket (or two: then one side is read).
  let known = plan.exact ? 'covered AND keys = 1' : 'FALSE';
  if (q.from || q.to) known += ' AND inside AND timed = events';
  if (B) known += ' AND timed = events AND q0 = q1';
  const split = B && plan.exact ? `covered AND keys = 1 AND timed = events AND q1 = q0 + ${B}${q.from || q.to ? ' AND inside' : ''}` : 'FALSE';
  const key = opts.order === 'asc' ? 'us0 ASC' : 'us1 DESC';
  const cols = 's, block, lo, hi, events, n, skew, us0, us1, q0, q1';
  const sql = `
    WITH m AS (${m.sql}),
    h AS (SELECT t.source_id, t.block, count(DISTINCT m.part) AS parts, count(*) AS keys, sum(t.n) AS n
          FROM search_index_terms t JOIN m ON t.term = m.term GROUP BY 1, 2),
    x AS (SELECT b.source_id AS s, b.block, b.lo_id AS lo, b.hi_id AS hi, b.events, b.timed,
            coalesce(h.parts, 0) AS parts, coalesce(h.keys, 0) AS keys, coalesce(h.n, 0) AS n, ${outside} AS outside, ${inside} AS inside,
            ${covered} AS covered, coalesce(k.skew_ms, 0) AS skew, epoch_us(${t0}) AS us0, epoch_us(${t1}) AS us1, ${bucket(t0)} AS q0, ${bucket(t1)} AS q1
          FROM search_index_blocks b
          LEFT JOIN h ON h.source_id IS NOT DISTINCT FROM b.source_id AND h.block = b.block
          LEFT JOIN source_skew k ON k.source_id = b.source_id AND k.skew_ms <> 0),
    y AS (SELECT *, ${known} AS known, ${split} AS split FROM x WHERE (parts = ? OR NOT covered) AND NOT outside${B ? ' AND us1 IS NOT NULL' : ''})
    SELECT 0 AS kind, NULL AS s, NULL AS block, NULL AS lo, NULL AS hi, NULL AS events, sum(n) AS n, NULL AS skew, NULL AS us0, NULL AS us1, q0, NULL AS q1,
      FALSE AS known, NULL AS total FROM y WHERE known GROUP BY q0
    UNION ALL SELECT 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, FALSE, sum(events) FROM x WHERE NOT outside
    UNION ALL (SELECT 1, ${cols}, split, sum(events) OVER () FROM y WHERE NOT known LIMIT ${MAX_BLOCKS})
    ${opts.order ? `UNION ALL (SELECT 2, ${cols}, known, count(*) OVER () FROM y ORDER BY ${key} NULLS LAST, s, block LIMIT ${TOP_BLOCKS})` : ''}`;
  const params = [...m.params, ...range, ...range, ...(plan.field ? [plan.field] : []), plan.parts.length];
  const rows = rowsOf<Record<string, unknown>>(await port.query(sql, params));
  const f: Facts = { sums: new Map(), read: [], readEvents: 0, top: [], more: false, scope: 0 };
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  for (const r of rows) {
    const kind = Number(r.kind);
    if (kind === 0) f.sums.set(Number(r.q0), Number(r.n));
    if (kind === 3) f.scope = Number(r.total ?? 0);
    if (kind === 0 || kind === 3) continue;
    const b: Block = {
      s: num(r.s),
      block: Number(r.block),
      lo: Number(r.lo),
      hi: Number(r.hi),
      events: Number(r.events),
      n: Number(r.n),
      skew: Number(r.skew),
      known: Boolean(r.known),
      us0: r.us0 === null ? null : BigInt(r.us0 as bigint),
      us1: r.us1 === null ? null : BigInt(r.us1 as bigint),
      q0: num(r.q0),
      q1: num(r.q1),
    };
    if (kind === 1) {
      f.read.push(b);
      f.readEvents = Number(r.total);
    } else {
      f.top.push(b);
      f.more = Number(r.total) > TOP_BLOCKS;
    }
  }
  return f;
}
