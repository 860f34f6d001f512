/**
 * Field targets → SQL expressions. Values of every kind are read as text
 * (VARCHAR): Sigma compares strings, and a JSON number 4624 reads as '4624'.
 */
import { ident } from '../../../sql/port';
import { CORE_COLUMNS } from '../../../schema/ecs';
import type { Candidate, FieldTarget } from '../pipeline/types';
import type { Dialect } from './dialect';

const TYPES = new Map<string, string>(CORE_COLUMNS.map((c) => [c.name, c.type]));

export function candidateSql(c: Candidate, d: Dialect): string {
  if ('column' in c) {
    const col = d.column.replace('{x}', ident(c.column));
    const type = TYPES.get(c.column);
    return type === 'VARCHAR' ? col : d.castText.replace('{x}', col);
  }
  if ('sql' in c) return `(${c.sql})`;
  const path = 'json' in c ? c.json : c.jsonAny;
  // Paths come from pipeline data or field names checked by SAFE_FIELD; a quote here is a bug, not input.
  if (path.includes("'")) throw new Error(`JSON path with a quote: ${path}`);
  return ('json' in c ? d.json : d.jsonAny).replace('{x}', path);
}

export function fieldSql(t: FieldTarget, d: Dialect): string {
  const parts = t.candidates.map((c) => candidateSql(c, d));
  if (parts.length === 0) return 'NULL';
  return parts.length === 1 ? parts[0] : d.coalesce.replace('{x}', parts.join(', '));
}

/** Pseudo-fields for keyword search: the whole record as text, and the message column. */
export const RAW_TEXT_FIELD: FieldTarget = { name: '@raw', candidates: [{ sql: 'CAST(raw AS VARCHAR)' }] };
export const MESSAGE_FIELD: FieldTarget = { name: 'message', candidates: [{ column: 'message' }] };
