/** Tables of a case database besides `events` (see schema/ecs.ts). */
import { eventsTableDdl } from '../schema/ecs';

export const CASE_SCHEMA_VERSION = 1;

/**
 * DuckDB storage format of a new case file: 'latest' (v1.2 or later is what the
 * raw column's ZSTD needs). A case made before keeps its format (and DuckDB's choice for raw).
 */
export const CASE_STORAGE_VERSION = 'latest';

export const CASE_DDL: readonly string[] = [
  eventsTableDdl(),
  `CREATE TABLE IF NOT EXISTS source_skew (source_id INTEGER PRIMARY KEY, skew_ms BIGINT, set_at TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY, path VARCHAR, name VARCHAR, member VARCHAR, sha256 VARCHAR, size BIGINT,
    format VARCHAR, records_read BIGINT, records_stored BIGINT, records_rejected BIGINT,
    first_time TIMESTAMP, last_time TIMESTAMP, imported_at TIMESTAMP, status VARCHAR, error VARCHAR,
    container VARCHAR, member_sha256 VARCHAR, member_size BIGINT)`,
  `CREATE TABLE IF NOT EXISTS import_notes (path VARCHAR, member VARCHAR, note VARCHAR, noted_at TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS rejections (source_id INTEGER, member VARCHAR, line BIGINT, "offset" BIGINT, reason VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS signals (
    id VARCHAR PRIMARY KEY, rule_id VARCHAR, rule_title VARCHAR, rule_type VARCHAR, level VARCHAR,
    tags JSON, group_key VARCHAR, event_ids BIGINT[], event_count BIGINT,
    first_time TIMESTAMP, last_time TIMESTAMP, status VARCHAR, status_reason VARCHAR,
    created_at TIMESTAMP, updated_at TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS settings (key VARCHAR PRIMARY KEY, value JSON)`,
  // Added after schema 1 shipped: ALTER so existing cases gain them on open.
  `ALTER TABLE signals ADD COLUMN IF NOT EXISTS details JSON`,
  `ALTER TABLE signals ADD COLUMN IF NOT EXISTS status_at TIMESTAMP`,
  `CREATE TABLE IF NOT EXISTS suppressions (
    id VARCHAR PRIMARY KEY, query VARCHAR NOT NULL, rule_id VARCHAR, expires_at TIMESTAMP, reason VARCHAR NOT NULL, created_at TIMESTAMP)`,
  // Explorer: saved views, and bookmarks/tags/notes on events and signals (engine/views/annotations).
  `CREATE TABLE IF NOT EXISTS saved_views (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, state JSON, created_at TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS annotations (
    id VARCHAR PRIMARY KEY, target VARCHAR NOT NULL, target_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, text VARCHAR NOT NULL, created_at TIMESTAMP)`,
  // The explorer's search index (engine/views/search/search-index-build.ts): words, raw field
  // values and address prefixes counted per block of event ids, per source. Derived data: a case
  // without it (or with sources it does not cover) is searched by scanning, with the same answers.
  `CREATE TABLE IF NOT EXISTS search_index_sources (source_id INTEGER, version INTEGER, events BIGINT, hi_id BIGINT, built_at TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS search_index_fields (source_id INTEGER, name VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS search_index_blocks (
    source_id INTEGER, block BIGINT, lo_id BIGINT, hi_id BIGINT, events INTEGER, timed INTEGER, min_ts TIMESTAMP, max_ts TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS search_index_terms (term VARCHAR, source_id INTEGER, block BIGINT, n INTEGER)`,
  `CREATE TABLE IF NOT EXISTS search_index_words (term VARCHAR, source_id INTEGER, plain BOOLEAN)`,
];
