/**
 * New value: for each group, the values seen during its learning period (the
 * first `learningMs` of event time after the group's first event) are its
 * baseline; afterwards the first event carrying an unseen value raises a
 * signal, and the value joins the baseline so it fires once. Streaming, so
 * replay (push in event-time order) and live events run the same code.
 */

export interface ValueEvent {
  id: number;
  /** Event time, ms since epoch. */
  t: number;
  group: string;
  /** The watched field(s), joined into one key by the caller. */
  value: string;
}

export interface NewValueHit {
  group: string;
  value: string;
  eventIds: number[];
  t: number;
  /** How many values the group knew when this one appeared. */
  known: number;
  learnedUntil: number;
}

interface GroupState {
  firstT: number;
  seen: Set<string>;
}

export class NewValueEvaluator {
  private groups = new Map<string, GroupState>();

  constructor(
    private readonly learningMs: number,
    private readonly emit: (h: NewValueHit) => void,
  ) {}

  push(e: ValueEvent): void {
    let g = this.groups.get(e.group);
    if (!g) this.groups.set(e.group, (g = { firstT: e.t, seen: new Set() }));
    if (g.seen.has(e.value)) return;
    const learnedUntil = g.firstT + this.learningMs;
    if (e.t >= learnedUntil) this.emit({ group: e.group, value: e.value, eventIds: [e.id], t: e.t, known: g.seen.size, learnedUntil });
    g.seen.add(e.value);
  }

  /** Nothing waits on time: hits are raised as events arrive. Kept for the evaluator shape. */
  advance(_nowMs: number): void {}

  flush(): void {}
}
