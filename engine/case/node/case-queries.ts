/** Read-side queries over a case: summary, sources, rejections, signals. */
import type { CaseInfo, Rejection, SignalInfo, SourceInfo } from '../../host/contract';
import { attackFromTags } from '../../detect/attack';
import { rowsOf, type SqlPort } from '../../sql/port';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());

/**
 * Names to show: the file (or member) name, with as many parent folders as it
 * takes to tell apart sources that share it (`web-01/auth.log`, `db-01/auth.log`).
 */
export function sourceNames(sources: readonly { path: string; member: string }[]): string[] {
  const parts = sources.map((s) => [...s.path.split(/[\\/]/), ...(s.member ? s.member.split('/') : [])].filter(Boolean));
  const depth = parts.map(() => 1);
  for (let round = 0; round < 8; round++) {
    const label = parts.map((p, i) => p.slice(-depth[i]).join('/'));
    const count = new Map<string, number>();
    label.forEach((l) => count.set(l, (count.get(l) ?? 0) + 1));
    let changed = false;
    label.forEach((l, i) => {
      if ((count.get(l) ?? 0) > 1 && depth[i] < parts[i].length) {
        depth[i]++;
        changed = true;
      }
    });
    if (!changed) return label;
  }
  return parts.map((p, i) => p.slice(-depth[i]).join('/'));
}

export async function listSources(port: SqlPort): Promise<SourceInfo[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await port.query(`SELECT s.*, coalesce(k.skew_ms, 0) AS skew_ms FROM sources s LEFT JOIN source_skew k ON k.source_id = s.id ORDER BY s.id`),
  );
  const names = sourceNames(rows.map((r) => ({ path: String(r.path), member: String(r.member ?? '') })));
  return rows.map((r, i) => ({
    id: Number(r.id),
    path: String(r.path),
    name: names[i],
    member: String(r.member ?? ''),
    sha256: String(r.sha256),
    memberSha256: String(r.member_sha256 ?? r.sha256),
    size: Number(r.size),
    format: String(r.format),
    recordsRead: Number(r.records_read),
    recordsStored: Number(r.records_stored),
    recordsRejected: Number(r.records_rejected),
    firstTime: iso(r.first_time),
    lastTime: iso(r.last_time),
    importedAt: iso(r.imported_at) ?? '',
    status: (r.status as SourceInfo['status']) ?? 'ok',
    error: (r.error as string | null) ?? null,
    skewMs: Number(r.skew_ms ?? 0),
  }));
}

export async function caseInfo(port: SqlPort, path: string, name: string): Promise<CaseInfo> {
  const [c] = rowsOf<{ n: bigint; s: bigint; lo: number | null; hi: number | null }>(
    await port.query(`SELECT (SELECT count(*) FROM events) AS n, (SELECT count(*) FROM signals) AS s,
      (SELECT min("@timestamp") FROM events) AS lo, (SELECT max("@timestamp") FROM events) AS hi`),
  );
  return { path, name, eventCount: Number(c.n), signalCount: Number(c.s), sources: await listSources(port), firstTime: iso(c.lo), lastTime: iso(c.hi) };
}

export async function listRejections(port: SqlPort, sourceId: number, limit: number): Promise<Rejection[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await port.query(`SELECT * FROM rejections WHERE source_id = ? ORDER BY line NULLS LAST, "offset" LIMIT ?`, [sourceId, Math.min(limit, 10000)]),
  );
  return rows.map((r) => ({
    sourceId: Number(r.source_id),
    member: String(r.member ?? ''),
    line: r.line === null ? null : Number(r.line),
    offset: r.offset === null ? null : Number(r.offset),
    reason: String(r.reason),
  }));
}

const LEVEL_ORDER = `CASE level WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`;

export async function listSignals(port: SqlPort): Promise<SignalInfo[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await port.query(`SELECT id, rule_id, rule_title, rule_type, level, CAST(tags AS VARCHAR) AS tags, group_key,
      CAST(to_json(event_ids) AS VARCHAR) AS event_ids, event_count, first_time, last_time, status,
      status_reason, CAST(details AS VARCHAR) AS details
      FROM signals ORDER BY ${LEVEL_ORDER}, first_time`),
  );
  return rows.map((r) => {
    const tags = JSON.parse(String(r.tags ?? '[]')) as string[];
    return {
      id: String(r.id),
      ruleId: String(r.rule_id),
      ruleTitle: String(r.rule_title),
      ruleType: String(r.rule_type),
      level: String(r.level),
      tags,
      ...attackFromTags(tags),
      groupKey: String(r.group_key ?? ''),
      eventCount: Number(r.event_count),
      eventIds: JSON.parse(String(r.event_ids ?? '[]')) as number[],
      firstTime: iso(r.first_time),
      lastTime: iso(r.last_time),
      status: (r.status as SignalInfo['status']) ?? 'open',
      statusReason: (r.status_reason as string | null) ?? null,
      details: r.details ? (JSON.parse(String(r.details)) as Record<string, unknown>) : null,
    };
  });
}
