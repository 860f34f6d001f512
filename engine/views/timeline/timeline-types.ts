/** What the attack timeline asks the host for and gets back (plain data, see host/contract.ts). */

export type LaneMode = 'tactic' | 'host' | 'user';
export const LANE_MODES: readonly LaneMode[] = ['tactic', 'host', 'user'];

export interface TimelineQuery {
  lane: LaneMode;
  /** ISO UTC bounds of the visible range; absent: the whole case. */
  from?: string | null;
  to?: string | null;
  /** Drawing width in pixels: it sets how many bins come back. */
  width: number;
}

export interface TimelineSignal {
  id: string;
  title: string;
  level: string;
  lane: string;
  /** ms since epoch (UTC) of the signal's first and last event in this lane. */
  first: number;
  last: number;
  events: number;
}

export interface TimelineData {
  lane: LaneMode;
  /** The range the bins cover (ms UTC, aligned to binMs) and the bin width. */
  from: number;
  to: number;
  binMs: number;
  /** Everything this lane mode could show (ms UTC): the zoom's home; null for an empty case. */
  extent: [number, number] | null;
  lanes: string[];
  /** Event density, columnar: bin i is lane `lanes[lane[i]]`, starting at start[i], holding count[i] events. */
  bins: { lane: number[]; start: number[]; count: number[] };
  signals: TimelineSignal[];
}

const isOptStr = (v: unknown) => v === undefined || v === null || typeof v === 'string';

/** Argument check for `views.timeline` (the contract validates on arrival). */
export function validTimelineQuery(q: unknown): string | null {
  if (typeof q !== 'object' || q === null) return 'query must be an object';
  const o = q as Record<string, unknown>;
  if (!LANE_MODES.includes(o.lane as LaneMode)) return `lane must be one of ${LANE_MODES.join(', ')}`;
  if (!isOptStr(o.from) || !isOptStr(o.to)) return 'from/to must be strings';
  for (const t of [o.from, o.to]) if (typeof t === 'string' && !Number.isFinite(Date.parse(t))) return 'from/to must be ISO times';
  if (!(typeof o.width === 'number' && Number.isInteger(o.width) && o.width > 0 && o.width <= 10000)) return 'width must be 1..10000';
  return null;
}
