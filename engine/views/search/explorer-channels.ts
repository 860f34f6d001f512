/**
 * Types and argument validators of the explorer's own channels of the host
 * contract (`events.topValues`, `events.fields`, `sql.query`, `savedViews.*`),
 * kept here so the contract only lists them. Plain data, no runtime
 * dependencies.
 */

export interface TopValue {
  /** The value as text; null for events without the field. */
  value: string | null;
  count: number;
}

export interface FieldTopValues {
  field: string;
  values: TopValue[];
  /** Events of the query that have the field. */
  present: number;
}

export interface FieldInfo {
  /** Core column name, or a raw field path (dotted). */
  name: string;
  core: boolean;
}

export interface SqlConsoleResult {
  columns: string[];
  /** Cells as text (null stays null); never HTML. */
  rows: (string | null)[][];
  /** More rows existed than the limit. */
  truncated: boolean;
  ms: number;
}

/** What a saved view restores: the query, the filter, the columns and the view it was on. */
export interface SavedViewState {
  search: string;
  from: string | null;
  to: string | null;
  columns: string[];
  sortField: string | null;
  order: 'asc' | 'desc';
  view: string;
}

export interface SavedView {
  id: string;
  name: string;
  state: SavedViewState;
  createdAt: string;
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const optStr = (v: unknown, max: number) => v === undefined || v === null || (isStr(v) && v.length <= max);
const FIELD = /^@?[\w@-]+(\.[\w@-]+)*$/;

export function validFieldName(v: unknown): v is string {
  return isStr(v) && v.length <= 200 && FIELD.test(v);
}

export function validTopValuesArgs(a: unknown[]): string | null {
  if (!Array.isArray(a[1]) || a[1].length === 0 || a[1].length > 30 || !a[1].every(validFieldName)) return 'fields must be 1..30 field names';
  return isInt(a[2]) && a[2] > 0 && a[2] <= 100 ? null : 'limit must be 1..100';
}

export function validSqlArgs(a: unknown[]): string | null {
  if (!isStr(a[0]) || !a[0].trim() || a[0].length > 20000) return 'sql must be a non-empty string (up to 20,000 characters)';
  return isInt(a[1]) && a[1] > 0 && a[1] <= 10000 ? null : 'limit must be 1..10000';
}

export function validSavedView(a: unknown[]): string | null {
  const o = a[0] as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'view must be an object';
  if (!isStr(o.name) || !o.name.trim() || o.name.length > 200) return 'name must be a non-empty string';
  const s = o.state as Record<string, unknown> | null;
  if (typeof s !== 'object' || s === null) return 'state must be an object';
  if (!isStr(s.search) || s.search.length > 5000 || !optStr(s.from, 64) || !optStr(s.to, 64) || !optStr(s.sortField, 200)) return 'state search/from/to/sortField must be strings';
  if (!Array.isArray(s.columns) || s.columns.length > 60 || !s.columns.every(validFieldName)) return 'state columns must be field names';
  if (s.order !== 'asc' && s.order !== 'desc') return 'state order must be asc or desc';
  return isStr(s.view) && s.view.length <= 40 ? null : 'state view must be a string';
}

export function validId(a: unknown[]): string | null {
  return isStr(a[0]) && a[0].length <= 100 ? null : 'id must be a string';
}
