/** The explorer's query descriptor, derived from search, time range and signal. */
import type { EventQuery, SignalInfo } from '../../../engine/host/contract';

export interface QueryInputs {
  search: string;
  from: string | null;
  to: string | null;
  signal: Pick<SignalInfo, 'eventIds'> | null;
}

export function buildQuery({ search, from, to, signal }: QueryInputs): EventQuery {
  const q: EventQuery = { order: 'asc' };
  const s = search.trim();
  if (s) q.search = s;
  if (from) q.from = from;
  if (to) q.to = to;
  if (signal) q.eventIds = signal.eventIds;
  return q;
}
