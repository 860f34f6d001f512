/** The field sidebar: the most frequent values of a few fields among the events of a query. */
import type { EventQuery } from '../../host/contract';
import { rowsOf, type SqlPort } from '../../sql/port';
import { eventFilter, sortExpr } from '../events-view';
import type { FieldTopValues } from './explorer-channels';

export async function topValues(port: SqlPort, q: EventQuery, fields: readonly string[], limit: number): Promise<FieldTopValues[]> {
  const f = eventFilter(q);
  const out: FieldTopValues[] = [];
  // One grouped scan per field: each is a small hash aggregate, and a slow field (a raw path) does not hold up the others' SQL.
  for (const field of fields) {
    const e = sortExpr(field);
    const rows = rowsOf<{ v: string; n: bigint; present: bigint | number }>(
      await port.query(
        `SELECT v, n, sum(n) OVER () AS present FROM (
           SELECT CAST(${e.sql} AS VARCHAR) AS v, count(*) AS n FROM events WHERE ${f.where} GROUP BY 1
         ) WHERE v IS NOT NULL AND v <> '' ORDER BY n DESC, v LIMIT ${Math.trunc(limit)}`,
        [...e.params, ...f.params],
      ),
    );
    out.push({ field, values: rows.map((r) => ({ value: r.v, count: Number(r.n) })), present: rows.length ? Number(rows[0].present) : 0 });
  }
  return out;
}
