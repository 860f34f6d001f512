/**
 * Threshold rules evaluated as a stream over event time, so the same code
 * replays an archive (events pushed in time order) and will run on live
 * events (push as they arrive, `advance(now)` on a timer).
 *
 * Semantics: for each group, a window (t - timeframe, t] slides with every
 * matching event; a window whose count satisfies a case qualifies. Qualifying
 * windows that overlap merge into one episode, and each episode is one
 * signal: its events are every matching event inside it, its level the
 * highest case any of its windows reached.
 */

export type Comparator = '>' | '>=' | '<' | '<=' | '==';

export interface ThresholdCase {
  op: Comparator;
  value: number;
  level: string;
}

export interface ThresholdEvent {
  id: number;
  /** Event time, ms since epoch. */
  t: number;
  group: string;
}

export interface Episode {
  group: string;
  eventIds: number[];
  first: number;
  last: number;
  level: string;
  maxCount: number;
}

const LEVEL_RANK: Record<string, number> = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function compare(op: Comparator, a: number, b: number): boolean {
  switch (op) {
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '==': return a === b;
  }
}

interface GroupState {
  window: ThresholdEvent[];
  head: number;
  open: (Episode & { included: Set<number> }) | null;
}

export class ThresholdEvaluator {
  private groups = new Map<string, GroupState>();

  constructor(
    private readonly timeframeMs: number,
    private readonly cases: readonly ThresholdCase[],
    private readonly emit: (e: Episode) => void,
  ) {}

  push(e: ThresholdEvent): void {
    let g = this.groups.get(e.group);
    if (!g) this.groups.set(e.group, (g = { window: [], head: 0, open: null }));
    g.window.push(e);
    while (g.head < g.window.length && g.window[g.head].t <= e.t - this.timeframeMs) g.head++;
    if (g.head > 1024) {
      g.window = g.window.slice(g.head);
      g.head = 0;
    }
    const count = g.window.length - g.head;
    const hit = this.cases.find((c) => compare(c.op, count, c.value));
    if (g.open && g.open.last <= e.t - this.timeframeMs) this.close(g);
    if (!hit) return;
    if (!g.open) g.open = { group: e.group, eventIds: [], first: Infinity, last: -Infinity, level: hit.level, maxCount: 0, included: new Set() };
    const ep = g.open;
    for (let i = g.head; i < g.window.length; i++) {
      const w = g.window[i];
      if (ep.included.has(w.id)) continue;
      ep.included.add(w.id);
      ep.eventIds.push(w.id);
      ep.first = Math.min(ep.first, w.t);
    }
    ep.last = Math.max(ep.last, e.t);
    ep.maxCount = Math.max(ep.maxCount, count);
    if ((LEVEL_RANK[hit.level] ?? 0) > (LEVEL_RANK[ep.level] ?? 0)) ep.level = hit.level;
  }

  /** Closes episodes that no later event can extend (live mode). */
  advance(nowMs: number): void {
    for (const g of this.groups.values()) if (g.open && g.open.last <= nowMs - this.timeframeMs) this.close(g);
  }

  /** End of replay: emit everything still open. */
  flush(): void {
    for (const g of this.groups.values()) if (g.open) this.close(g);
  }

  private close(g: GroupState): void {
    const { included: _i, ...ep } = g.open!;
    g.open = null;
    this.emit(ep);
  }
}
