/**
 * Count anomaly: each group's events are counted per time bucket (aligned to
 * the epoch, UTC). When a bucket closes, its count is compared with the
 * group's history of bucket counts (every bucket since the group's first,
 * empty ones counting as 0): a count above mean + k·stddev, with at least
 * `minHistory` buckets of history and `minCount` events, is anomalous.
 * Consecutive anomalous buckets make one episode (a brute force across an
 * hour boundary is one signal), which records each bucket's count next to
 * the baseline it was judged against. Every bucket then joins the history,
 * so a lasting change becomes the new normal.
 *
 * Live mode: `advance(now)` closes buckets that ended before `now`.
 */

export interface CountEvent {
  id: number;
  t: number;
  group: string;
}

export interface AnomalousBucket {
  start: number;
  observed: number;
  mean: number;
  stddev: number;
  /** mean + k·stddev: the count the bucket had to exceed. */
  limit: number;
  /** Buckets of history it was judged against. */
  history: number;
}

export interface AnomalyHit {
  group: string;
  bucketMs: number;
  eventIds: number[];
  first: number;
  last: number;
  buckets: AnomalousBucket[];
}

export interface AnomalyParams {
  bucketMs: number;
  /** Standard deviations above the mean. */
  k: number;
  minHistory: number;
  minCount: number;
}

/** Welford's running mean and variance; zero buckets are merged in bulk (Chan et al.). */
interface Stats {
  n: number;
  mean: number;
  m2: number;
}

interface GroupState {
  stats: Stats;
  bucket: number;
  ids: number[];
  first: number;
  last: number;
  open: AnomalyHit | null;
}

function addValue(s: Stats, x: number): void {
  s.n++;
  const d = x - s.mean;
  s.mean += d / s.n;
  s.m2 += d * (x - s.mean);
}

function addZeros(s: Stats, k: number): void {
  if (k <= 0) return;
  const n = s.n + k;
  const d = 0 - s.mean;
  s.m2 += (d * d * s.n * k) / n;
  s.mean = (s.mean * s.n) / n;
  s.n = n;
}

export class AnomalyEvaluator {
  private groups = new Map<string, GroupState>();

  constructor(
    private readonly p: AnomalyParams,
    private readonly emit: (h: AnomalyHit) => void,
  ) {}

  push(e: CountEvent): void {
    const bucket = Math.floor(e.t / this.p.bucketMs) * this.p.bucketMs;
    let g = this.groups.get(e.group);
    if (!g) this.groups.set(e.group, (g = { stats: { n: 0, mean: 0, m2: 0 }, bucket, ids: [], first: e.t, last: e.t, open: null }));
    if (bucket > g.bucket) {
      this.close(e.group, g);
      const gap = (bucket - g.bucket) / this.p.bucketMs - 1;
      if (gap > 0) this.endEpisode(g);
      addZeros(g.stats, gap);
      Object.assign(g, { bucket, ids: [], first: e.t, last: e.t });
    }
    g.ids.push(e.id);
    g.last = e.t;
  }

  advance(nowMs: number): void {
    for (const [key, g] of this.groups) {
      if (g.ids.length === 0 || g.bucket + this.p.bucketMs > nowMs) continue;
      this.close(key, g);
      // Empty buckets up to now join the history when the next event arrives.
      g.ids = [];
    }
    for (const g of this.groups.values()) if (g.open && g.bucket + 2 * this.p.bucketMs <= nowMs) this.endEpisode(g);
  }

  flush(): void {
    this.advance(Infinity);
    for (const g of this.groups.values()) this.endEpisode(g);
  }

  private endEpisode(g: GroupState): void {
    if (g.open) this.emit(g.open);
    g.open = null;
  }

  private close(group: string, g: GroupState): void {
    if (g.ids.length === 0) return;
    const observed = g.ids.length;
    const { n, mean } = g.stats;
    const stddev = n > 1 ? Math.sqrt(g.stats.m2 / (n - 1)) : 0;
    const limit = mean + this.p.k * stddev;
    if (n >= this.p.minHistory && observed >= this.p.minCount && observed > limit) {
      g.open ??= { group, bucketMs: this.p.bucketMs, eventIds: [], first: g.first, last: g.last, buckets: [] };
      g.open.eventIds.push(...g.ids);
      g.open.last = g.last;
      g.open.buckets.push({ start: g.bucket, observed, mean, stddev, limit, history: n });
    } else {
      this.endEpisode(g);
    }
    addValue(g.stats, observed);
  }
}
