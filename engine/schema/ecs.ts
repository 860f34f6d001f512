/**
 * The events table: Elastic Common Schema core columns that every view and
 * rule can rely on, plus `raw`, the original record as JSON, so that every
 * field a source had stays queryable (`raw->>'$.Event.EventData.Image'`).
 *
 * How to add a core column: add it here (name and DuckDB type), fill it in the
 * parsers that know it, and add a migration in `case/migrations.ts`.
 */
import { ident } from '../sql/port';

export type CoreType = 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'TIMESTAMP' | 'JSON';

export interface CoreColumn {
  readonly name: string;
  readonly type: CoreType;
  readonly doc: string;
  /** A compression DuckDB must use for the column instead of choosing one. */
  readonly compression?: 'zstd';
}

export const CORE_COLUMNS = [
  { name: 'event.id', type: 'BIGINT', doc: 'Vestige event id, unique in the case' },
  { name: '@timestamp', type: 'TIMESTAMP', doc: 'Event time in UTC' },
  { name: 'event.timezone', type: 'VARCHAR', doc: 'Original offset or zone text of the event time, when the source gave one' },
  { name: 'event.dataset', type: 'VARCHAR', doc: 'Source family, e.g. linux.auth, jsonl' },
  { name: 'event.kind', type: 'VARCHAR', doc: 'event | alert | metric | state' },
  { name: 'event.category', type: 'VARCHAR', doc: 'ECS category, e.g. authentication, process' },
  { name: 'event.action', type: 'VARCHAR', doc: 'What happened, e.g. ssh_login, sudo' },
  { name: 'event.outcome', type: 'VARCHAR', doc: 'success | failure | unknown' },
  { name: 'event.code', type: 'VARCHAR', doc: 'Source-specific event code (Windows EventID)' },
  { name: 'log.level', type: 'VARCHAR', doc: 'Severity as the source wrote it' },
  { name: 'message', type: 'VARCHAR', doc: 'Human-readable message' },
  { name: 'host.name', type: 'VARCHAR', doc: 'Host that logged the event' },
  { name: 'user.name', type: 'VARCHAR', doc: 'User the event is about' },
  { name: 'source.ip', type: 'VARCHAR', doc: 'Source address' },
  { name: 'source.port', type: 'INTEGER', doc: 'Source port' },
  { name: 'destination.ip', type: 'VARCHAR', doc: 'Destination address' },
  { name: 'destination.port', type: 'INTEGER', doc: 'Destination port' },
  { name: 'process.name', type: 'VARCHAR', doc: 'Process name (program)' },
  { name: 'process.pid', type: 'BIGINT', doc: 'Process id' },
  { name: 'process.executable', type: 'VARCHAR', doc: 'Absolute path of the process image' },
  { name: 'process.command_line', type: 'VARCHAR', doc: 'Full command line' },
  { name: 'process.parent.pid', type: 'BIGINT', doc: 'Parent process id' },
  { name: 'process.parent.executable', type: 'VARCHAR', doc: 'Parent process image' },
  { name: 'file.path', type: 'VARCHAR', doc: 'File the event is about' },
  { name: 'url.original', type: 'VARCHAR', doc: 'URL as seen' },
  { name: 'vestige.source_id', type: 'INTEGER', doc: 'Imported source (sources.id)' },
  { name: 'vestige.member', type: 'VARCHAR', doc: 'Archive member path, empty for plain files' },
  { name: 'vestige.offset', type: 'BIGINT', doc: 'Byte offset of the record in the (decompressed) member' },
  { name: 'vestige.line', type: 'BIGINT', doc: 'Line number (1-based) or record id in the member' },
  // ZSTD, not DuckDB's choice (FSST): on 1M JSON lines (460 MB) it stored raw in 1.3 s instead of 2.4 s
  // and in 30 MB instead of 136 MB, the EVTX corpus case went from 22 MB to 2.6 MB, and scans and
  // Sigma over raw ran as fast. Needs a database file in storage format v1.2 or later
  // (case files are created with 'latest'; on an older file DuckDB would store the column uncompressed).
  { name: 'raw', type: 'JSON', doc: 'The original record, every field kept', compression: 'zstd' },
] as const satisfies readonly CoreColumn[];

export type CoreColumnName = (typeof CORE_COLUMNS)[number]['name'];

/** One parsed event before it is stored: core columns by name (event.id and provenance are filled by the importer). */
export type EventRow = { [K in CoreColumnName]?: string | number | bigint | null };

export const VARCHAR_COLUMNS: readonly string[] = CORE_COLUMNS.filter((c) => c.type === 'VARCHAR').map((c) => c.name);

/**
 * Events are stored in `events_raw` and read through the view `events`, which
 * applies per-source clock-skew corrections at query time (see
 * `case/node/skew.ts`); stored data is never rewritten. Writers insert into
 * `events_raw`; everything else reads `events`.
 */
export const EVENTS_TABLE = 'events_raw';

/** The stored table and the plain view over it (no skew), as one script. */
export function eventsTableDdl(): string {
  const cols = CORE_COLUMNS.map((c: CoreColumn) => `${ident(c.name)} ${c.type}${c.compression ? ` USING COMPRESSION ${c.compression}` : ''}`).join(',\n  ');
  return `CREATE TABLE IF NOT EXISTS ${EVENTS_TABLE} (\n  ${cols}\n); CREATE VIEW IF NOT EXISTS events AS SELECT * FROM ${EVENTS_TABLE}`;
}

/** The `events` view with skews (ms, by source id) added to "@timestamp"; ids and ms are integers we stored. */
export function eventsViewDdl(skews: ReadonlyMap<number, number>): string {
  const cases = [...skews].filter(([, ms]) => Number.isInteger(ms) && ms !== 0).map(([id, ms]) => `WHEN ${Math.trunc(id)} THEN "@timestamp" + to_milliseconds(${Math.trunc(ms)})`);
  const select = cases.length ? `SELECT * REPLACE (CASE "vestige.source_id" ${cases.join(' ')} ELSE "@timestamp" END AS "@timestamp") FROM ${EVENTS_TABLE}` : `SELECT * FROM ${EVENTS_TABLE}`;
  return `CREATE OR REPLACE VIEW events AS ${select}`;
}
