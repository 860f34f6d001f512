/**
 * Per-source clock-skew correction: an analyst says "this source's clock ran
 * N ms behind"; every query then sees that source's events shifted, through
 * the `events` view. Stored events are never rewritten; removing the
 * correction (0) restores the original times.
 */
import { eventsViewDdl } from '../../schema/ecs';
import { rowsOf, type SqlPort } from '../../sql/port';

export async function sourceSkews(port: SqlPort): Promise<Map<number, number>> {
  const rows = rowsOf<{ id: number; ms: bigint }>(await port.query(`SELECT source_id AS id, skew_ms AS ms FROM source_skew WHERE skew_ms <> 0`));
  return new Map(rows.map((r) => [Number(r.id), Number(r.ms)]));
}

/** Rebuilds the `events` view from the stored corrections. */
export async function refreshEventsView(port: SqlPort): Promise<void> {
  await port.exec(eventsViewDdl(await sourceSkews(port)));
}

export async function setSourceSkew(port: SqlPort, sourceId: number, skewMs: number): Promise<void> {
  if (!Number.isSafeInteger(skewMs) || Math.abs(skewMs) > 10 * 365 * 86_400_000) throw new Error('skew must be whole milliseconds within ten years');
  const [known] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM sources WHERE id = ?`, [sourceId]));
  if (Number(known.n) === 0) throw new Error(`no source ${sourceId} in this case`);
  await port.exec(`INSERT OR REPLACE INTO source_skew VALUES (?, ?, now()::TIMESTAMP)`, [sourceId, skewMs]);
  await refreshEventsView(port);
}
