/**
 * `views.processTree`: one SQL scan of process events, linked in JS, spoofed
 * parents flagged, signals attached to the processes whose start they name.
 */
import { rowsOf, type SqlPort } from '../../sql/port';
import { linkProcesses } from './link-processes';
import { flagParentSpoofing } from './parent-spoofing';
import { processHosts, selectProcessRecords } from './process-records';
import { shapeForest } from './shape-forest';
import type { NodeSignal, ProcessForest, ProcessTreeQuery } from './tree-types';

async function signalsByEvent(port: SqlPort, host: string | null | undefined): Promise<Map<number, NodeSignal[]>> {
  const hostWhere = host ? ` AND "host.name" = ?` : '';
  const rows = rowsOf<{ id: string; title: string | null; level: string | null; eid: bigint }>(
    await port.query(
      `WITH s AS (SELECT id, rule_title, level, unnest(event_ids) AS eid FROM signals)
       SELECT s.id, s.rule_title AS title, s.level, s.eid FROM s JOIN events e ON e."event.id" = s.eid
       WHERE e."event.category" IS NOT NULL${hostWhere} ORDER BY s.eid, s.id`,
      host ? [host] : [],
    ),
  );
  const out = new Map<number, NodeSignal[]>();
  for (const r of rows) {
    const k = Number(r.eid);
    const list = out.get(k) ?? [];
    list.push({ id: r.id, title: r.title ?? r.id, level: r.level ?? 'unknown' });
    out.set(k, list);
  }
  return out;
}

export async function buildProcessForest(port: SqlPort, q: ProcessTreeQuery = {}): Promise<ProcessForest> {
  const hosts = await processHosts(port);
  // Nothing asked for: the hosts alone (a picker's first call), without the scan.
  if (q.eventIds && q.eventIds.length === 0) {
    return { hosts, roots: [], nodeCount: 0, processCount: 0, syntheticCount: 0, spoofedCount: 0, elevatedCount: 0, maxDepth: 0, truncated: false };
  }
  const records = await selectProcessRecords(port, q.host);
  const link = linkProcesses(records);
  flagParentSpoofing(link.nodes, link.byId, records);
  return shapeForest({ ...link, hosts, signalsByEvent: await signalsByEvent(port, q.host) }, q);
}
