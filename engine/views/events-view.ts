/** The queries behind the event explorer: a page of events, the total, a histogram. */
import type { EventQuery, Histogram } from '../host/contract';
import { CORE_COLUMNS } from '../schema/ecs';
import { ident, rowsOf, type SqlParam, type SqlPort } from '../sql/port';
import { tableToIPC } from 'apache-arrow';
import { compileSearch, type Predicate } from './search';

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
  return { where: parts.join(' AND '), params };
}

const PAGE_COLUMNS = CORE_COLUMNS.map((c) => ident(c.name)).join(', ');

export async function eventPage(port: SqlPort, q: EventQuery): Promise<{ total: number; rows: Uint8Array }> {
  const f = eventFilter(q);
  const [{ n }] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM events WHERE ${f.where}`, f.params));
  const order = q.order === 'asc' ? 'ASC' : 'DESC';
  const limit = Math.min(q.limit ?? 200, 10000);
  const offset = q.offset ?? 0;
  const page = await port.query(
    `SELECT ${PAGE_COLUMNS} FROM events WHERE ${f.where} ORDER BY "@timestamp" ${order} NULLS LAST, "event.id" ${order} LIMIT ${limit} OFFSET ${offset}`,
    f.params,
  );
  return { total: Number(n), rows: tableToIPC(page, 'stream') };
}

const NICE_MS = [1, 10, 100, 1000, 5000, 15000, 60000, 300000, 900000, 3600000, 3 * 3600000, 6 * 3600000, 12 * 3600000, 86400000, 7 * 86400000, 30 * 86400000, 365 * 86400000];

export async function eventHistogram(port: SqlPort, q: EventQuery, buckets: number): Promise<Histogram> {
  const f = eventFilter(q);
  const [span] = rowsOf<{ lo: number | null; hi: number | null }>(
    await port.query(`SELECT epoch_ms(min("@timestamp")) AS lo, epoch_ms(max("@timestamp")) AS hi FROM events WHERE ${f.where}`, f.params),
  );
  if (span.lo === null || span.hi === null) return { starts: [], counts: [], bucketMs: 0 };
  const lo = Number(span.lo);
  const hi = Number(span.hi);
  const want = Math.max(1, (hi - lo) / buckets);
  const bucketMs = NICE_MS.find((b) => b >= want) ?? Math.ceil(want);
  const rows = rowsOf<{ b: number; n: bigint }>(
    await port.query(
      `SELECT (epoch_ms("@timestamp") // ${bucketMs}) * ${bucketMs} AS b, count(*) AS n FROM events WHERE ${f.where} AND "@timestamp" IS NOT NULL GROUP BY 1 ORDER BY 1`,
      f.params,
    ),
  );
  return { starts: rows.map((r) => Number(r.b)), counts: rows.map((r) => Number(r.n)), bucketMs };
}
