/**
 * The total, histogram and first page of a one-term search from the search
 * index, with exactly the answers of a scan: blocks whose count the index
 * knows (search-index-facts.ts) add it; every other candidate block is read
 * and tested with the search itself, as a UNION ALL of event id ranges so
 * that zone maps skip everything else. When that would read too much, or
 * when the index does not cover every event of the case, the caller scans.
 */
import type { Table } from 'apache-arrow';
import type { EventQuery } from '../../host/contract';
import { ident, rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import type { Predicate } from '../search';
import { blockParts, HOUR_US, sourceIs } from './search-index-build';
import { facts, MAX_BLOCKS, type Block, type Facts } from './search-index-facts';
import type { IndexPlan } from './search-index-plan';

export { indexPlanFor } from './search-index-facts';

/** Reading candidate blocks stops paying past this share of the events in range (a scan reads them all, but in one pass). */
const MAX_READ_SHARE = 0.25;
/** Below this many events, reading candidates is always cheap. */
const SMALL_READ = 65_536;
const MAX_RANGES = 512;

/** Too much to read: the caller scans instead. */
function tooMuch(events: number, f: Facts): boolean {
  return events > SMALL_READ && events > MAX_READ_SHARE * f.scope;
}

interface Branch {
  s: number | null;
  skew: number;
  hour: number | null;
  range: number;
  lo: number;
  hi: number;
  /** A further condition, and a tag to tell this branch's rows apart (-1: none). */
  extra?: { sql: string; params: SqlParam[]; tag: number };
}

/**
 * Blocks as branches `SELECT <cols> FROM events WHERE id range AND source AND
 * hour AND search`, joined by UNION ALL (a block is its id range within one
 * hour: other hours' events in that range belong to other blocks). Blocks of
 * one source and hour with consecutive id ranges share a branch, unless they
 * carry a condition of their own. `cols` may use `{tag}`.
 */
function readBlocks(blocks: readonly Block[], cols: string, p: Predicate, extra: (b: Block) => Branch['extra'] | null = () => null) {
  const branches: Branch[] = blocks
    .map((b) => ({ s: b.s, skew: b.skew, ...blockParts(b.block), lo: b.lo, hi: b.hi, extra: extra(b) ?? undefined }))
    .sort((a, b) => (a.s ?? -1) - (b.s ?? -1) || (a.hour ?? Infinity) - (b.hour ?? Infinity) || a.range - b.range);
  const merged: Branch[] = [];
  for (const b of branches) {
    const last = merged[merged.length - 1];
    if (last && !b.extra && !last.extra && last.s === b.s && last.hour === b.hour && last.range === b.range - 1) {
      last.hi = b.hi;
      last.range = b.range;
    } else merged.push({ ...b });
  }
  if (merged.length > MAX_RANGES) return null;
  const params: SqlParam[] = [];
  const sql = merged
    .map((r) => {
      const src = sourceIs(r.s);
      const hour = r.hour === null ? '"@timestamp" IS NULL' : `(epoch_us("@timestamp") - ?) // ${HOUR_US} = ?`;
      params.push(r.lo, r.hi, ...src.params, ...(r.hour === null ? [] : [r.skew * 1000, r.hour]), ...p.params, ...(r.extra?.params ?? []));
      return `SELECT ${cols.replace('{tag}', String(r.extra?.tag ?? -1))} FROM events WHERE "event.id" BETWEEN ? AND ? AND ${src.sql} AND ${hour} AND (${p.where})${r.extra ? ` AND ${r.extra.sql}` : ''}`;
    })
    .join(' UNION ALL ');
  return { sql, params };
}

async function countRead(port: SqlPort, f: Facts, p: Predicate): Promise<number | null> {
  if (f.read.length === 0) return 0;
  if (tooMuch(f.readEvents, f) || f.read.length >= MAX_BLOCKS) return null;
  const r = readBlocks(f.read, '1', p);
  if (!r) return null;
  const [{ n }] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM (${r.sql})`, r.params));
  return Number(n);
}

/** Matching events, counted exactly (or found to be over `cap`); null when the caller should scan. */
export async function indexedCount(port: SqlPort, plan: IndexPlan, q: EventQuery, p: Predicate, cap: number): Promise<number | null> {
  const f = await facts(port, plan, q, {});
  const known = f.sums.get(0) ?? 0;
  if (known > cap) return known;
  const read = await countRead(port, f, p);
  return read === null ? null : known + read;
}

/** Matching events per time bucket (bucket start in epoch ms), ordered; null when the caller should scan. */
export async function indexedHistogram(port: SqlPort, plan: IndexPlan, q: EventQuery, p: Predicate, bucketMs: number): Promise<{ b: number; n: number }[] | null> {
  const f = await facts(port, plan, q, { bucketMs });
  const counts = f.sums;
  const add = (b: number, n: number) => counts.set(b, (counts.get(b) ?? 0) + n);
  if (f.read.length) {
    // A known block over two buckets: only the side holding less of its time span is read; the other gets the rest of its count.
    const side = (b: Block) => (b.known ? (b.q1! * 1000 - Number(b.us0) < Number(b.us1) - b.q1! * 1000 ? b.q0! : b.q1!) : null);
    const readEvents = f.read.reduce((s, b) => s + (b.known ? b.events / 2 : b.events), 0);
    if (tooMuch(readEvents, f) || f.read.length >= MAX_BLOCKS) return null;
    const bucket = `(epoch_ms("@timestamp") // ${bucketMs}) * ${bucketMs}`;
    const tags = new Map(f.read.map((b, i) => [b, i]));
    const r = readBlocks(f.read, `{tag} AS tag, ${bucket} AS b`, p, (b) => {
      const s = side(b);
      return s === null ? null : { sql: `${bucket} = ?`, params: [s], tag: tags.get(b)! };
    });
    if (!r) return null;
    const read = new Map<number, number>();
    for (const row of rowsOf<{ tag: number; b: bigint; n: bigint }>(await port.query(`SELECT tag, b, count(*) AS n FROM (${r.sql}) WHERE b IS NOT NULL GROUP BY 1, 2`, r.params))) {
      add(Number(row.b), Number(row.n));
      if (Number(row.tag) >= 0) read.set(Number(row.tag), Number(row.n));
    }
    f.read.forEach((b, i) => {
      const s = side(b);
      if (s !== null) add(s === b.q0 ? b.q1! : b.q0!, b.n - (read.get(i) ?? 0));
    });
  }
  return [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]).map(([b, n]) => ({ b, n }));
}

/**
 * The total and the page (`columns` of its events, in time order, then id),
 * or null to scan. Candidate blocks are read newest first (oldest for
 * ascending) until they hold the page; then every block whose time span
 * reaches the page's last time is read too, so nothing outside can rank
 * inside the page.
 */
export async function indexedPage(
  port: SqlPort,
  plan: IndexPlan,
  q: EventQuery,
  p: Predicate,
  page: { limit: number; offset: number; columns: readonly string[] },
  cap: number,
): Promise<{ total: number; rows: Table } | null> {
  const desc = q.order !== 'asc';
  const f = await facts(port, plan, q, { order: desc ? 'desc' : 'asc' });
  const known = f.sums.get(0) ?? 0;
  const read = known > cap ? 0 : await countRead(port, f, p);
  if (read === null) return null;
  const rows = await pageRows(port, f, p, desc, page);
  return rows && { total: known + read, rows };
}

async function pageRows(port: SqlPort, f: Facts, p: Predicate, desc: boolean, page: { limit: number; offset: number; columns: readonly string[] }): Promise<Table | null> {
  const key = (b: Block) => (desc ? b.us1 : b.us0);
  const blocks = f.top;
  const need = page.offset + page.limit;
  const dir = desc ? 'DESC' : 'ASC';
  // The order needs the time and the id, asked for or not.
  const cols = [...new Set([...page.columns, '@timestamp', 'event.id'])].map(ident).join(', ');
  let take = 0;
  for (let est = 0; take < blocks.length && est < need; take++) est += blocks[take].n > 0 ? blocks[take].n : blocks[take].events;
  for (;;) {
    const slice = blocks.slice(0, take);
    if (tooMuch(slice.reduce((s, b) => s + b.events, 0), f)) return null;
    const r = readBlocks(slice, cols, p);
    if (!r) return null;
    const t = await port.query(
      take === 0
        ? `SELECT ${cols}, NULL::BIGINT AS __us FROM events WHERE FALSE`
        : `SELECT *, epoch_us("@timestamp") AS __us FROM (${r.sql}) ORDER BY "@timestamp" ${dir} NULLS LAST, "event.id" ${dir} LIMIT ${need}`,
      take === 0 ? [] : r.params,
    );
    const done = () => t.select(page.columns as string[]).slice(page.offset);
    const last = t.numRows < need ? undefined : (t.getChild('__us')!.get(need - 1) as bigint | null);
    const cut = last === undefined || last === null ? null : BigInt(last);
    const below = (b: Block | undefined) => cut !== null && b !== undefined && key(b) !== null && (desc ? key(b)! < cut : key(b)! > cut);
    if (take === blocks.length) {
      // Blocks past those fetched come later in time order than the last one: they matter only if it reaches the page.
      return !f.more || below(blocks[blocks.length - 1]) ? done() : null;
    }
    if (t.numRows < need) {
      take = Math.min(blocks.length, take * 2);
      continue;
    }
    let next = take;
    if (cut === null) next = blocks.length;
    else while (next < blocks.length && key(blocks[next]) !== null && (desc ? key(blocks[next])! >= cut : key(blocks[next])! <= cut)) next++;
    if (next === take) return done();
    take = next;
  }
}
