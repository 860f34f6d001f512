/** The explorer's query descriptor, derived from search, time range, sort and signal. */
import type { EventQuery, SignalInfo } from '../../../engine/host/contract';

export interface QueryInputs {
  search: string;
  from: string | null;
  to: string | null;
  signal: Pick<SignalInfo, 'eventIds'> | null;
  sortField?: string | null;
  order?: 'asc' | 'desc';
}

export function buildQuery({ search, from, to, signal, sortField, order }: QueryInputs): EventQuery {
  const q: EventQuery = { order: order ?? 'asc' };
  const s = search.trim();
  if (s) q.search = s;
  if (from) q.from = from;
  if (to) q.to = to;
  if (signal) q.eventIds = signal.eventIds;
  if (sortField) q.sortField = sortField;
  return q;
}

/** A search term for one value of a field: quoted, so it matches the whole value literally. */
export function valueTerm(field: string, value: string, exclude = false): string {
  const name = field.startsWith('@') || field === '@timestamp' ? field : `@${field}`;
  return `${exclude ? '-' : ''}${name}:"${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

/** The search with one more term ANDed on. */
export function withTerm(search: string, term: string): string {
  const s = search.trim();
  if (!s) return term;
  // An OR at the top level would otherwise swallow the new term into its last branch.
  return /\bOR\b/.test(s) ? `(${s}) ${term}` : `${s} ${term}`;
}
