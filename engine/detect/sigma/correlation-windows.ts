/**
 * Turns a correlation query's rows (every base match with its window
 * aggregate and hit flag, ordered by group and time) into matches: within a
 * group, the windows [t - timespan, t] ending at hits are merged when they
 * overlap, and each merged window is one RuleMatch carrying every base event
 * inside it. temporal_ordered checks here that the window's rule sequence
 * contains the referenced rules in order.
 */
import type { CompiledRule, RuleMatch } from './types';

export interface CorrelationRow {
  id: bigint | number;
  ts: string;
  ms: bigint | number;
  r: number;
  /** JSON array text of the group values. */
  g: string;
  agg: unknown;
  hit: boolean | null;
}

interface Episode {
  start: number;
  end: number;
}

function orderedHit(agg: unknown, n: number): boolean {
  const seq = typeof agg === 'string' ? (JSON.parse(agg) as number[]) : [];
  let want = 0;
  for (const r of seq) if (r === want && ++want === n) return true;
  return false;
}

export function correlationMatches(rule: CompiledRule, rows: readonly CorrelationRow[]): RuleMatch[] {
  const c = rule.correlation!;
  const spanMs = c.timespanSeconds * 1000;
  const out: RuleMatch[] = [];
  let i = 0;
  while (i < rows.length) {
    const key = rows[i].g;
    const gArr = JSON.parse(key) as (string | null)[];
    let j = i;
    while (j < rows.length && rows[j].g === key) j++;
    const groupRows = rows.slice(i, j);
    const episodes: Episode[] = [];
    for (const row of groupRows) {
      const hit = c.type === 'temporal_ordered' ? orderedHit(row.agg, c.ruleIds.length) : row.hit === true;
      if (!hit) continue;
      const end = Number(row.ms);
      const start = end - spanMs;
      const last = episodes[episodes.length - 1];
      if (last && start <= last.end) last.end = end;
      else episodes.push({ start, end });
    }
    const groupKey = c.groupBy.map((g, k) => `${g}=${gArr[k] ?? ''}`).join(', ');
    for (const ep of episodes) {
      const inside = groupRows.filter((r) => Number(r.ms) >= ep.start && Number(r.ms) <= ep.end);
      out.push({
        ruleId: rule.id,
        groupKey,
        eventIds: [...new Set(inside.map((r) => Number(r.id)))].sort((a, b) => a - b),
        firstTime: inside.length ? isoOf(inside[0].ms) : null,
        lastTime: inside.length ? isoOf(inside[inside.length - 1].ms) : null,
      });
    }
    i = j;
  }
  return out;
}

const isoOf = (ms: bigint | number) => new Date(Number(ms)).toISOString();
