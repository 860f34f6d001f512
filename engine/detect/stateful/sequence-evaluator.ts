/**
 * Sequence: steps 1..n, in this order, for the same entity (group), all
 * within `withinMs` of the last step's event. A non-final step may ask for
 * several events (`minCount`: ten failed logins, then a success).
 *
 * Each step keeps the group's recent matching events (older than the window
 * are dropped). When an event matches the last step, the chain is searched
 * backwards, taking for each earlier step its latest `minCount` events that
 * come before the events chosen for the next step: the latest choice leaves
 * the most room, so if any chain exists this finds one. A completed chain
 * raises one signal with the first step's events before the chain (all of
 * them: the whole brute force) and each later step's events from its chosen
 * ones on; the chain is consumed, so one brute force followed by two logins is one
 * signal, not two.
 */

export interface StepEvent {
  id: number;
  t: number;
  /** The steps this event matches, each with the entity it belongs to. */
  steps: readonly { step: number; group: string }[];
}

export interface SequenceHit {
  group: string;
  /** Per step, the events it contributed, in time order. */
  stepEventIds: number[][];
  first: number;
  last: number;
}

interface Held {
  id: number;
  t: number;
  seq: number;
}

export class SequenceEvaluator {
  private groups = new Map<string, Held[][]>();
  private seq = 0;

  constructor(
    private readonly withinMs: number,
    private readonly minCounts: readonly number[],
    private readonly emit: (h: SequenceHit) => void,
  ) {
    if (minCounts.length < 2) throw new Error('a sequence needs at least two steps');
  }

  push(e: StepEvent): void {
    const seq = this.seq++;
    const n = this.minCounts.length;
    const held: Held = { id: e.id, t: e.t, seq };
    const completed = new Set<string>();
    // Last step first: an event that completes a chain is not also held as an earlier step of it.
    for (const { step, group } of [...e.steps].sort((a, b) => b.step - a.step)) {
      const bufs = this.buffers(group);
      this.prune(bufs, e.t);
      if (step === n - 1 && this.complete(group, bufs, held)) completed.add(group);
      else if (step < n - 1 && !completed.has(group)) bufs[step].push(held);
    }
  }

  advance(nowMs: number): void {
    for (const [g, bufs] of this.groups) {
      this.prune(bufs, nowMs);
      if (bufs.every((b) => b.length === 0)) this.groups.delete(g);
    }
  }

  flush(): void {}

  private buffers(group: string): Held[][] {
    let b = this.groups.get(group);
    if (!b) this.groups.set(group, (b = this.minCounts.map(() => [])));
    return b;
  }

  private prune(bufs: Held[][], now: number): void {
    for (const b of bufs) {
      let i = 0;
      while (i < b.length && b[i].t < now - this.withinMs) i++;
      if (i) b.splice(0, i);
    }
  }

  private complete(group: string, bufs: Held[][], last: Held): boolean {
    const n = this.minCounts.length;
    // bound[k]: the earliest event chosen for step k; step k-1 must come before it.
    const bound: Held[] = new Array<Held>(n);
    bound[n - 1] = last;
    for (let k = n - 2; k >= 0; k--) {
      const before = bufs[k].filter((h) => h.seq < bound[k + 1].seq);
      if (before.length < this.minCounts[k]) return false;
      bound[k] = before[before.length - this.minCounts[k]];
    }
    // Step 1 keeps its whole run-up (every failure of a brute force); later steps start at their chosen events.
    const stepEventIds = bufs.slice(0, n - 1).map((b, k) => b.filter((h) => h.seq < bound[k + 1].seq && (k === 0 || h.seq >= bound[k].seq)).map((h) => h.id));
    stepEventIds.push([last.id]);
    const firstHeld = bufs[0].find((h) => h.seq < bound[1].seq)!;
    this.emit({ group, stepEventIds, first: firstHeld.t, last: last.t });
    for (const b of bufs) b.length = 0;
    return true;
  }
}
