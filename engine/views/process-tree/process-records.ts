/**
 * The one scan behind the process tree: every process start, exit and (Sysmon
 * 10) process access with PROCESS_CREATE_PROCESS, and the Secondary Logon
 * sessions (4624 by `seclogo`) that the 4688 spoofing check needs, with the
 * fields linking and checking need, in time order. SQL picks and extracts; `link-processes.ts` links.
 *
 * How to add a source of process events: add a WHEN to `KIND` (start, exit or
 * access) and, if it names processes by entity id, a path to `GUID`/`PARENT_GUID`.
 */
import { rowsOf, type SqlParam, type SqlPort } from '../../sql/port';

export type RecordKind = 'start' | 'exit' | 'access' | 'logon';

/**
 * Who made a Windows process and under which logon, as the event states it.
 * Security 4688: the Subject is the account that called CreateProcess, the
 * Target (Windows 10+, absent before) the new process's token, 0x0 when it is
 * the creator's. Sysmon 1: `ownLogonId` is the process's LogonId. A 4624 by
 * Secondary Logon: Subject is who asked, Target the new logon session.
 * Logon ids are lower-case hex (`0x3e7`).
 */
export interface LogonFields {
  subjectSid: string | null;
  /** DOMAIN\name. */
  subjectUser: string | null;
  subjectLogonId: string | null;
  targetSid: string | null;
  targetUser: string | null;
  /** Null when the event has no Target fields (4688 before Windows 10). */
  targetLogonId: string | null;
  /** TokenElevationType: %%1936 default (full, UAC off or a service), %%1937 elevated, %%1938 limited. */
  elevation: string | null;
  ownLogonId: string | null;
}

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
  /** Process access only (those with PROCESS_CREATE_PROCESS, 0x80): who opened whom, with which rights. */
  sourceGuid: string | null;
  targetGuid: string | null;
  grantedAccess: number | null;
  /** Process access only: Sysmon's CallTrace, the opener's stack (`C:\Windows\SYSTEM32\ntdll.dll+9c524|…`), innermost frame first. */
  callTrace: string | null;
  /** Security 4688 and 4624 (Secondary Logon), Sysmon 1: see LogonFields. */
  logon: LogonFields | null;
}

const SYSMON = `"event.dataset" = 'windows.microsoft-windows-sysmon/operational'`;
const SECURITY = `"event.dataset" = 'windows.security'`;
const AUDITD = `"event.dataset" = 'linux.auditd'`;
// Generic ECS (Auditbeat, Elastic Agent, our sample telemetry): event.category may be a joined list.
const ECS_PROCESS = `list_contains(string_split(coalesce("event.category", ''), ','), 'process')`;
const ECS_TYPE = `coalesce(CAST(json_extract(raw, '$.event.type') AS VARCHAR), '')`;

// Secondary Logon (runas, CreateProcessWithLogonW/WithTokenW) logs its sessions as logon process "seclogo".
const SECLOGON = `trim(coalesce(json_extract_string(raw, '$.Event.EventData.LogonProcessName'), json_extract_string(raw, '$.LogonProcessName'), '')) = 'seclogo'`;

const KIND = `CASE
  WHEN ${SYSMON} AND "event.code" = '1' THEN 'start'
  WHEN ${SYSMON} AND "event.code" = '5' THEN 'exit'
  WHEN ${SYSMON} AND "event.code" = '10' THEN 'access'
  WHEN ${SECURITY} AND "event.code" = '4688' THEN 'start'
  WHEN ${SECURITY} AND "event.code" = '4689' THEN 'exit'
  WHEN ${SECURITY} AND "event.code" = '4624' AND ${SECLOGON} THEN 'logon'
  WHEN ${AUDITD} AND "event.action" IN ('execve', 'execveat') AND "event.outcome" IS DISTINCT FROM 'failure' THEN 'start'
  WHEN ${AUDITD} AND "event.action" IN ('exit', 'exit_group') THEN 'exit'
  WHEN starts_with("event.dataset", 'windows.') OR ${AUDITD} THEN NULL
  WHEN ${ECS_PROCESS} AND (lower("event.action") IN ('exec', 'start', 'started', 'fork', 'process_started', 'process-started') OR ${ECS_TYPE} LIKE '%"start"%') THEN 'start'
  WHEN ${ECS_PROCESS} AND (lower("event.action") IN ('end', 'exit', 'ended', 'process_stopped', 'process-stopped') OR ${ECS_TYPE} LIKE '%"end"%') THEN 'exit'
END`;

/**
 * Raw fields, read in one pass over each record's JSON: evtx_dump nests
 * EventData, NXLog-style JSON keeps it flat, ECS has entity_id.
 */
const RAW_FIELDS = ['ProcessGuid', 'ParentProcessGuid', 'ParentCommandLine', 'SourceProcessGUID', 'TargetProcessGUID', 'SourceProcessId', 'SourceImage', 'GrantedAccess', 'CallTrace', 'LogonId'] as const;
const RAW_PATHS = [...RAW_FIELDS.flatMap((f) => [`$.Event.EventData.${f}`, `$.${f}`]), '$.process.entity_id', '$.process.parent.entity_id'];
const field = (name: (typeof RAW_FIELDS)[number]) => {
  const i = RAW_FIELDS.indexOf(name) * 2 + 1; // DuckDB lists are 1-based
  return `coalesce(f[${i}], f[${i + 1}])`;
};
const ENTITY = RAW_FIELDS.length * 2 + 1;
/** Security's Subject and Target fields, read (a second pass over the JSON) only from 4688 and 4624. */
const LOGON_FIELDS = ['SubjectUserSid', 'SubjectDomainName', 'SubjectUserName', 'SubjectLogonId', 'TargetUserSid', 'TargetDomainName', 'TargetUserName', 'TargetLogonId', 'TokenElevationType'] as const;
const LOGON_PATHS = LOGON_FIELDS.flatMap((f) => [`$.Event.EventData.${f}`, `$.${f}`]);
const HAS_LOGON = `${SECURITY} AND "event.code" IN ('4688', '4624')`;
/** One value per logon field (nested path, else flat), so rows carry half the nulls. */
const LOGON_LIST = `CASE WHEN lf IS NOT NULL THEN [${LOGON_FIELDS.map((_, i) => `coalesce(lf[${2 * i + 1}], lf[${2 * i + 2}])`).join(', ')}] END`;
/**
 * Process access rights (GrantedAccess). Only accesses with
 * PROCESS_CREATE_PROCESS are read (parent-spoofing.ts: the creator's handle on
 * the child has every right, its handle on the fake parent has 0x80); the
 * rest, most Sysmon 10 events (130 per process start in the OTRF datasets,
 * with 600-character CallTraces), are left in SQL.
 */
export const PROCESS_CREATE_PROCESS = 0x80;
/** PROCESS_ALL_ACCESS (Vista and later): the rights CreateProcess gives its caller on the new process. */
export const PROCESS_ALL_ACCESS = 0x1fffff;
const ACCESS = `CASE WHEN regexp_full_match(${field('GrantedAccess')}, '0x[0-9a-fA-F]+') THEN CAST(('0x' || lower(substr(${field('GrantedAccess')}, 3)))::UBIGINT AS BIGINT) END`;

const CELL_ROWS = 4096;

/** One row as the scan returns it: short keys, numbers as JSON numbers. */
interface Row {
  k: RecordKind;
  id: number;
  t: number | null;
  h: string | null;
  u: string | null;
  pid: number | null;
  ppid: number | null;
  img: string | null;
  cmd: string | null;
  pimg: string | null;
  pcmd: string | null;
  g: string | null;
  pg: string | null;
  sg: string | null;
  tg: string | null;
  acc: number | null;
  ct: string | null;
  /** LOGON_FIELDS, in order. */
  lg: (string | null)[] | null;
  /** Sysmon 1 LogonId. */
  own: string | null;
}

/** Sysmon writes GUIDs in braces in some versions and not in others; compare them bare and upper-case. */
const bareGuid = (g: string | null): string | null => (g ? g.replace(/[{}]/g, '').toUpperCase() || null : null);

/** A logon id as `0x…` lower-case hex without leading zeros, whether written as hex or decimal; null for none or '-'. */
export function normLogonId(v: string | number | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = String(v).trim();
  if (/^0x[0-9a-f]+$/i.test(t)) return `0x${BigInt(t).toString(16)}`;
  if (/^\d+$/.test(t)) return `0x${BigInt(t).toString(16)}`;
  return t === '' || t === '-' ? null : t.toLowerCase();
}

const str = (v: string | number | null | undefined): string | null => (v === null || v === undefined || v === '' || v === '-' ? null : String(v));

function account(domain: string | null, name: string | null): string | null {
  if (!name) return null;
  return domain ? `${domain}\\${name}` : name;
}

function logonFields(lg: Row['lg'], own: string | null): LogonFields | null {
  if (own) return { subjectSid: null, subjectUser: null, subjectLogonId: null, targetSid: null, targetUser: null, targetLogonId: null, elevation: null, ownLogonId: normLogonId(own) };
  if (!lg) return null;
  const get = (f: (typeof LOGON_FIELDS)[number]) => lg[LOGON_FIELDS.indexOf(f)] ?? null;
  return {
    subjectSid: str(get('SubjectUserSid')),
    subjectUser: account(str(get('SubjectDomainName')), str(get('SubjectUserName'))),
    subjectLogonId: normLogonId(get('SubjectLogonId')),
    targetSid: str(get('TargetUserSid')),
    targetUser: account(str(get('TargetDomainName')), str(get('TargetUserName'))),
    targetLogonId: normLogonId(get('TargetLogonId')),
    elevation: str(get('TokenElevationType')),
    ownLogonId: null,
  };
}

export async function selectProcessRecords(port: SqlPort, host?: string | null): Promise<ProcessRecord[]> {
  const params: SqlParam[] = [JSON.stringify(RAW_PATHS), JSON.stringify(LOGON_PATHS)];
  let hostWhere = '';
  if (host) {
    hostWhere = ` AND "host.name" = ?`;
    params.push(host);
  }
  // Rows come back as JSON text, thousands to a cell: the port builds Arrow
  // cell by cell in JS, so a few big cells cost far less than 16 small ones a row.
  const sql = `WITH x AS (
      SELECT *, json_extract_string(raw, ?::VARCHAR[]) AS f, CASE WHEN ${HAS_LOGON} THEN json_extract_string(raw, ?::VARCHAR[]) END AS lf
      FROM (SELECT *, ${KIND} AS kind FROM events WHERE "event.category" IS NOT NULL${hostWhere}) WHERE kind IS NOT NULL),
    y AS (SELECT *, CASE WHEN kind = 'access' THEN ${ACCESS} END AS acc FROM x),
    j AS (SELECT row_number() OVER (ORDER BY "host.name" NULLS FIRST, "@timestamp" NULLS FIRST, "event.id") - 1 AS rn, CAST(to_json(struct_pack(
      k := kind, id := "event.id", t := epoch_us("@timestamp"), h := "host.name", u := "user.name",
      pid := CASE WHEN kind = 'access' THEN TRY_CAST(${field('SourceProcessId')} AS BIGINT) ELSE "process.pid" END,
      ppid := "process.parent.pid",
      img := CASE WHEN kind = 'access' THEN ${field('SourceImage')} ELSE "process.executable" END,
      cmd := "process.command_line", pimg := "process.parent.executable", pcmd := ${field('ParentCommandLine')},
      g := coalesce(${field('ProcessGuid')}, f[${ENTITY}]), pg := coalesce(${field('ParentProcessGuid')}, f[${ENTITY + 1}]),
      sg := CASE WHEN kind = 'access' THEN ${field('SourceProcessGUID')} END,
      tg := CASE WHEN kind = 'access' THEN ${field('TargetProcessGUID')} END,
      acc := acc, ct := CASE WHEN kind = 'access' THEN ${field('CallTrace')} END, lg := ${LOGON_LIST},
      own := CASE WHEN ${SYSMON} AND kind = 'start' THEN ${field('LogonId')} END)) AS VARCHAR) AS row
      FROM y WHERE kind <> 'access' OR (acc & ${PROCESS_CREATE_PROCESS}) <> 0)
    SELECT string_agg(row, ',' ORDER BY rn) AS rows FROM j GROUP BY rn // ${CELL_ROWS} ORDER BY min(rn)`;
  const table = await port.query(sql, params);
  const col = table.getChild('rows')!;
  const out: ProcessRecord[] = [];
  for (let c = 0; c < table.numRows; c++) {
    for (const r of JSON.parse(`[${col.get(c) as string}]`) as Row[]) {
      out.push({
        kind: r.k,
        eventId: r.id,
        timeUs: r.t,
        host: r.h,
        user: r.u,
        pid: r.pid,
        ppid: r.ppid,
        image: r.img,
        commandLine: r.cmd,
        parentImage: r.pimg,
        parentCommandLine: r.pcmd,
        guid: bareGuid(r.g),
        parentGuid: bareGuid(r.pg),
        sourceGuid: bareGuid(r.sg),
        targetGuid: bareGuid(r.tg),
        grantedAccess: r.acc,
        callTrace: r.ct,
        logon: logonFields(r.lg, r.own),
      });
    }
  }
  return out;
}

/** Process starts per host, for the host picker (same classification as the scan). */
export async function processHosts(port: SqlPort): Promise<{ host: string; processes: number }[]> {
  const rows = rowsOf<{ host: string | null; n: bigint }>(
    await port.query(`SELECT "host.name" AS host, count(*) AS n FROM events WHERE "event.category" IS NOT NULL AND (${KIND}) = 'start' GROUP BY 1 ORDER BY 2 DESC, 1`),
  );
  return rows.map((r) => ({ host: r.host ?? '', processes: Number(r.n) }));
}
