/**
 * The one scan behind the process tree: every process start, exit and (Sysmon
 * 10) process access, with the fields linking needs, in time order. SQL picks
 * and extracts; `link-processes.ts` links.
 *
 * How to add a source of process events: add a WHEN to `KIND` (start, exit or
 * access) and, if it names processes by entity id, a path to `GUID`/`PARENT_GUID`.
 */
import { rowsOf, type SqlParam, type SqlPort } from '../../sql/port';

export type RecordKind = 'start' | 'exit' | 'access';

export interface ProcessRecord {
  kind: RecordKind;
  eventId: number;
  /** Microseconds since the epoch (UTC); null when the event had no time. */
  timeUs: number | null;
  host: string | null;
  user: string | null;
  /** For an access: the opener's pid and image. */
  pid: number | null;
  ppid: number | null;
  image: string | null;
  commandLine: string | null;
  parentImage: string | null;
  parentCommandLine: string | null;
  /** Entity ids (Sysmon ProcessGuid, ECS process.entity_id); they survive pid reuse. */
  guid: string | null;
  parentGuid: string | null;
  /** Process access only: who opened whom, with which rights. */
  sourceGuid: string | null;
  targetGuid: string | null;
  grantedAccess: number | null;
}

const SYSMON = `"event.dataset" = 'windows.microsoft-windows-sysmon/operational'`;
const SECURITY = `"event.dataset" = 'windows.security'`;
const AUDITD = `"event.dataset" = 'linux.auditd'`;
// Generic ECS (Auditbeat, Elastic Agent, our sample telemetry): event.category may be a joined list.
const ECS_PROCESS = `list_contains(string_split(coalesce("event.category", ''), ','), 'process')`;
const ECS_TYPE = `coalesce(CAST(json_extract(raw, '$.event.type') AS VARCHAR), '')`;

const KIND = `CASE
  WHEN ${SYSMON} AND "event.code" = '1' THEN 'start'
  WHEN ${SYSMON} AND "event.code" = '5' THEN 'exit'
  WHEN ${SYSMON} AND "event.code" = '10' THEN 'access'
  WHEN ${SECURITY} AND "event.code" = '4688' THEN 'start'
  WHEN ${SECURITY} AND "event.code" = '4689' THEN 'exit'
  WHEN ${AUDITD} AND "event.action" IN ('execve', 'execveat') AND "event.outcome" IS DISTINCT FROM 'failure' THEN 'start'
  WHEN ${AUDITD} AND "event.action" IN ('exit', 'exit_group') THEN 'exit'
  WHEN starts_with("event.dataset", 'windows.') OR ${AUDITD} THEN NULL
  WHEN ${ECS_PROCESS} AND (lower("event.action") IN ('exec', 'start', 'started', 'fork', 'process_started', 'process-started') OR ${ECS_TYPE} LIKE '%"start"%') THEN 'start'
  WHEN ${ECS_PROCESS} AND (lower("event.action") IN ('end', 'exit', 'ended', 'process_stopped', 'process-stopped') OR ${ECS_TYPE} LIKE '%"end"%') THEN 'exit'
END`;

/** evtx_dump nests EventData; NXLog-style JSON keeps it flat; ECS has entity_id. */
const field = (name: string) => `coalesce(raw->>'$.Event.EventData.${name}', raw->>'$.${name}')`;
const GUID = `coalesce(${field('ProcessGuid')}, raw->>'$.process.entity_id')`;
const PARENT_GUID = `coalesce(${field('ParentProcessGuid')}, raw->>'$.process.parent.entity_id')`;
const ACCESS = `CASE WHEN regexp_full_match(${field('GrantedAccess')}, '0x[0-9a-fA-F]+') THEN CAST(('0x' || lower(substr(${field('GrantedAccess')}, 3)))::UBIGINT AS BIGINT) END`;

interface Row {
  kind: RecordKind;
  id: bigint;
  t: bigint | null;
  host: string | null;
  usr: string | null;
  pid: bigint | null;
  ppid: bigint | null;
  image: string | null;
  cmd: string | null;
  pimage: string | null;
  pcmd: string | null;
  guid: string | null;
  pguid: string | null;
  sguid: string | null;
  tguid: string | null;
  access: bigint | null;
}

const num = (v: bigint | null): number | null => (v === null ? null : Number(v));
/** Sysmon writes GUIDs in braces in some versions and not in others; compare them bare and upper-case. */
const bareGuid = (g: string | null): string | null => (g ? g.replace(/[{}]/g, '').toUpperCase() || null : null);

export async function selectProcessRecords(port: SqlPort, host?: string | null): Promise<ProcessRecord[]> {
  const params: SqlParam[] = [];
  let hostWhere = '';
  if (host) {
    hostWhere = ` AND "host.name" = ?`;
    params.push(host);
  }
  const sql = `WITH p AS (SELECT *, ${KIND} AS kind FROM events WHERE "event.category" IS NOT NULL${hostWhere})
    SELECT kind, "event.id" AS id, epoch_us("@timestamp") AS t, "host.name" AS host, "user.name" AS usr,
      CASE WHEN kind = 'access' THEN TRY_CAST(${field('SourceProcessId')} AS BIGINT) ELSE "process.pid" END AS pid,
      "process.parent.pid" AS ppid,
      CASE WHEN kind = 'access' THEN ${field('SourceImage')} ELSE "process.executable" END AS image, "process.command_line" AS cmd,
      "process.parent.executable" AS pimage, ${field('ParentCommandLine')} AS pcmd,
      ${GUID} AS guid, ${PARENT_GUID} AS pguid,
      CASE WHEN kind = 'access' THEN ${field('SourceProcessGUID')} END AS sguid,
      CASE WHEN kind = 'access' THEN ${field('TargetProcessGUID')} END AS tguid,
      CASE WHEN kind = 'access' THEN ${ACCESS} END AS access
    FROM p WHERE kind IS NOT NULL
    ORDER BY host NULLS FIRST, "@timestamp" NULLS FIRST, "event.id"`;
  return rowsOf<Row>(await port.query(sql, params)).map((r) => ({
    kind: r.kind,
    eventId: Number(r.id),
    timeUs: num(r.t),
    host: r.host,
    user: r.usr,
    pid: num(r.pid),
    ppid: num(r.ppid),
    image: r.image,
    commandLine: r.cmd,
    parentImage: r.pimage,
    parentCommandLine: r.pcmd,
    guid: bareGuid(r.guid),
    parentGuid: bareGuid(r.pguid),
    sourceGuid: bareGuid(r.sguid),
    targetGuid: bareGuid(r.tguid),
    grantedAccess: num(r.access),
  }));
}

/** Process starts per host, for the host picker (same classification as the scan). */
export async function processHosts(port: SqlPort): Promise<{ host: string; processes: number }[]> {
  const rows = rowsOf<{ host: string | null; n: bigint }>(
    await port.query(`SELECT "host.name" AS host, count(*) AS n FROM events WHERE "event.category" IS NOT NULL AND (${KIND}) = 'start' GROUP BY 1 ORDER BY 2 DESC, 1`),
  );
  return rows.map((r) => ({ host: r.host ?? '', processes: Number(r.n) }));
}
