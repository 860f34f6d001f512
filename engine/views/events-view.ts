/**
 * The queries behind the event explorer: a page of events, the total, a
 * histogram. Sized for a 10M-event case (engine/bench/node/explorer-bench.ts):
 * the page is a top-N (DuckDB fetches the other columns of the 200 winners
 * only), the histogram's time domain comes from the range asked for or the
 * column's bounds instead of a second filtered scan, and time bounds are plain
 * comparisons on "@timestamp" so zone maps skip row groups outside them. A
 * one-term search is answered from the search index when it covers the case
 * (search/search-index-query.ts), with the same results as these scans.
 */
import type { EventQuery, Histogram } from '../host/contract';
import { CORE_COLUMNS } from '../schema/ecs';
import { ident, rowsOf, type SqlParam, type SqlPort } from '../sql/port';
import { tableToIPC, type Table } from 'apache-arrow';
import { compileSearch, type Predicate } from './search';
import { fieldSql, resolveField, type Fragment } from './search/search-fields';
import { indexedCount, indexedHistogram, indexedPage, indexPlanFor } from './search/search-index-query';
import type { IndexPlan } from './search/search-index-plan';

export function eventFilter(q: EventQuery): Predicate {
  const p = compileSearch(q.search);
  const parts = [p.where];
  const params: SqlParam[] = [...p.params];
  if (q.from) {
    parts.push(`"@timestamp" >= ?::TIMESTAMP`);
    params.push(q.from);
  }
  if (q.to) {
    parts.push(`"@timestamp" < ?::TIMESTAMP`);
    params.push(q.to);
  }
  if (q.eventIds) {
    if (q.eventIds.length === 0) parts.push('FALSE');
    else {
      parts.push(`"event.id" IN (SELECT unnest(?::BIGINT[]))`);
      params.push(`[${q.eventIds.map((n) => Math.trunc(n)).join(',')}]`);
    }
  }
  return { where: parts.filter((x) => x !== 'TRUE').join(' AND ') || 'TRUE', params };
}

const RESERVED_SORT: Record<string, string> = { host: 'host.name', service: 'process.name', source: 'event.dataset', status: 'log.level' };

/** The value a sort field orders by: a core column, or a raw field read by a bound path. */
export function sortExpr(field: string): Fragment {
  const ref = resolveField(field);
  if (ref.kind === 'reserved') return { sql: ident(RESERVED_SORT[ref.name]), params: [] };
  return fieldSql(ref);
}

const PAGE_COLUMN_NAMES = CORE_COLUMNS.map((c) => c.name);
const PAGE_COLUMNS = PAGE_COLUMN_NAMES.map(ident).join(', ');
/** Counting stops here: past it the page says "at least", and the histogram has the exact figure. */
export const COUNT_CAP = 100_000;

async function count(port: SqlPort, q: EventQuery, f: Predicate, plan: IndexPlan | null): Promise<{ total: number; capped: boolean }> {
  const indexed = plan ? await indexedCount(port, plan, q, f, COUNT_CAP) : null;
  if (indexed !== null) return { total: Math.min(indexed, COUNT_CAP + 1), capped: indexed > COUNT_CAP };
  // Without a search the count is cheap (zone maps, no predicate to evaluate): always exact.
  const bounded = q.search?.trim() ? ` LIMIT ${COUNT_CAP + 1}` : '';
  const [{ n }] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE ${f.where}${bounded})`, f.params));
  return { total: Number(n), capped: bounded !== '' && Number(n) > COUNT_CAP };
}

function pageOrder(q: EventQuery): { order: string; sort: Fragment | null } {
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const sort = q.sortField && q.sortField !== '@timestamp' ? sortExpr(q.sortField) : null;
  return { order: `${sort ? `${sort.sql} ${dir} NULLS LAST, ` : ''}"@timestamp" ${dir} NULLS LAST, "event.id" ${dir}`, sort };
}

/**
 * The page's rows: a top-N over the sort keys and event.id only, then the
 * full rows of those ids. In time order with a search, the newest (or oldest)
 * slice of time is tried first, growing eightfold until it holds the page:
 * zone maps on "@timestamp" skip everything outside the slice, so a common
 * term does not cost a scan of the whole case.
 */
async function pageRows(port: SqlPort, q: EventQuery, f: Predicate, limit: number, offset: number): Promise<Table> {
  const { order, sort } = pageOrder(q);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const sp = sort?.params ?? [];
  const run = (slice: string, sliceParams: SqlParam[]) =>
    port.query(
      `SELECT ${PAGE_COLUMNS} FROM events WHERE "event.id" IN (SELECT "event.id" FROM events WHERE ${f.where}${slice} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) ORDER BY ${order}`,
      [...f.params, ...sliceParams, ...sp, ...sp],
    );
  if (sort || !q.search?.trim()) return run('', []);
  const span = await timeSpan(port, q);
  if (!span) return run('', []);
  const [lo, hi] = span;
  for (let w = Math.max(1000, (hi - lo) / 256); ; w *= 8) {
    if (w >= hi - lo) return run('', []);
    const edge = new Date(dir === 'DESC' ? hi - w : lo + w).toISOString();
    const t = await run(dir === 'DESC' ? ` AND "@timestamp" >= ?::TIMESTAMP` : ` AND "@timestamp" <= ?::TIMESTAMP`, [edge]);
    if (t.numRows >= limit) return t;
  }
}

export async function eventPage(port: SqlPort, q: EventQuery): Promise<{ total: number; totalCapped: boolean; rows: Uint8Array }> {
  const f = eventFilter(q);
  const limit = Math.min(q.limit ?? 200, 10000);
  const offset = q.offset ?? 0;
  const plan = await indexPlanFor(port, q);
  // A one-term search in time order: total and page from the search index when it covers the case.
  const indexed = plan && !pageOrder(q).sort ? await indexedPage(port, plan, q, f, { limit, offset, columns: PAGE_COLUMN_NAMES }, COUNT_CAP) : null;
  if (indexed) return { total: Math.min(indexed.total, COUNT_CAP + 1), totalCapped: indexed.total > COUNT_CAP, rows: tableToIPC(indexed.rows, 'stream') };
  const { total, capped } = await count(port, q, f, plan);
  const page = await pageRows(port, q, f, limit, offset);
  return { total, totalCapped: capped, rows: tableToIPC(page, 'stream') };
}

/** The first and last event time within the query's range (from column statistics: no predicate). */
async function timeSpan(port: SqlPort, q: EventQuery): Promise<[number, number] | null> {
  const scoped = eventFilter({ from: q.from, to: q.to, eventIds: q.eventIds });
  const [span] = rowsOf<{ lo: number | null; hi: number | null }>(
    await port.query(`SELECT epoch_ms(min("@timestamp")) AS lo, epoch_ms(max("@timestamp")) AS hi FROM events WHERE ${scoped.where}`, scoped.params),
  );
  return span.lo === null || span.hi === null ? null : [Number(span.lo), Number(span.hi)];
}

const NICE_MS = [1, 10, 100, 1000, 5000, 15000, 60000, 300000, 900000, 3600000, 3 * 3600000, 6 * 3600000, 12 * 3600000, 86400000, 7 * 86400000, 30 * 86400000, 365 * 86400000];

/**
 * The histogram's time span. A range asked for is used as is; a signal's
 * events (few) are measured; otherwise the column's bounds over the range,
 * which need no search predicate (and so no second scan of a slow search).
 */
async function histogramSpan(port: SqlPort, q: EventQuery): Promise<[number, number] | null> {
  if (q.from && q.to && !q.eventIds) return [Date.parse(q.from), Date.parse(q.to) - 1];
  return timeSpan(port, q);
}

export async function eventHistogram(port: SqlPort, q: EventQuery, buckets: number): Promise<Histogram> {
  const f = eventFilter(q);
  const span = await histogramSpan(port, q);
  if (!span) return { starts: [], counts: [], bucketMs: 0 };
  const [lo, hi] = span;
  const want = Math.max(1, (hi - lo) / buckets);
  const bucketMs = NICE_MS.find((b) => b >= want) ?? Math.ceil(want);
  const plan = await indexPlanFor(port, q);
  const indexed = plan ? await indexedHistogram(port, plan, q, f, bucketMs) : null;
  if (indexed) return { starts: indexed.map((r) => r.b), counts: indexed.map((r) => r.n), bucketMs };
  const rows = rowsOf<{ b: number; n: bigint }>(
    await port.query(
      `SELECT (epoch_ms("@timestamp") // ${bucketMs}) * ${bucketMs} AS b, count(*) AS n FROM events WHERE ${f.where} AND "@timestamp" IS NOT NULL GROUP BY 1 ORDER BY 1`,
      f.params,
    ),
  );
  return { starts: rows.map((r) => Number(r.b)), counts: rows.map((r) => Number(r.n)), bucketMs };
}
