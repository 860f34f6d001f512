/** Runs the timeline's queries through the SQL port and assembles what the view draws. */
import { rowsOf, type SqlPort } from '../../sql/port';
import { alignRange, binSize, padExtent, resolveRange } from './bins';
import { binsSql, extentSql, laneNamesSql, NO_TACTIC, signalsSql, type Sql } from './timeline-sql';
import { TACTICS } from '../../detect/attack';
import type { TimelineData, TimelineQuery, TimelineSignal } from './timeline-types';

const run = async <T>(port: SqlPort, q: Sql) => rowsOf<T>(await port.query(q.sql, q.params));
const ms = (v: string | null | undefined) => (v ? Date.parse(v) : null);
/** Kill-chain order for tactic lanes (TACTICS is written in that order). */
const TACTIC_ORDER = [...new Set(Object.values(TACTICS).map((t) => t.name)), NO_TACTIC];

interface SignalRow {
  id: string;
  title: string;
  level: string;
  lane: string;
  first_ms: bigint | number;
  last_ms: bigint | number;
  events: bigint | number;
}

async function caseExtent(port: SqlPort, q: TimelineQuery): Promise<[number, number] | null> {
  let [r] = await run<{ lo: unknown; hi: unknown }>(port, extentSql(q.lane));
  // A case without signals still has events: show the empty tactic lanes over them.
  if (q.lane === 'tactic' && (r.lo === null || r.hi === null)) [r] = await run<{ lo: unknown; hi: unknown }>(port, extentSql('host'));
  if (r.lo === null || r.hi === null) return null;
  return padExtent(Number(r.lo), Number(r.hi));
}

export async function timeline(port: SqlPort, q: TimelineQuery): Promise<TimelineData> {
  const extent = await caseExtent(port, q);
  const [lo, hi] = resolveRange(ms(q.from), ms(q.to), extent ?? [0, 86_400_000]);
  const binMs = binSize(hi - lo, q.width);
  const [from, to] = alignRange(lo, hi, binMs);
  const empty: TimelineData = { lane: q.lane, from, to, binMs, extent, lanes: [], bins: { lane: [], start: [], count: [] }, signals: [] };
  if (!extent) return empty;

  let lanes: string[];
  if (q.lane === 'tactic') {
    const inUse = await run<{ lane: string }>(port, signalsSql('tactic', [], Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
    const names = new Set(inUse.map((r) => r.lane));
    lanes = TACTIC_ORDER.filter((t) => names.has(t));
  } else {
    lanes = (await run<{ lane: string }>(port, laneNamesSql(q.lane))).map((r) => r.lane);
  }
  const index = new Map(lanes.map((l, i) => [l, i]));

  const bins: TimelineData['bins'] = { lane: [], start: [], count: [] };
  for (const r of await run<{ lane: string; b: bigint; n: bigint }>(port, binsSql(q.lane, lanes, from, to, binMs))) {
    const i = index.get(r.lane);
    if (i === undefined) continue;
    bins.lane.push(i);
    bins.start.push(Number(r.b));
    bins.count.push(Number(r.n));
  }
  const signals: TimelineSignal[] = (await run<SignalRow>(port, signalsSql(q.lane, lanes, from, to)))
    .filter((r) => index.has(r.lane))
    .map((r) => ({ id: r.id, title: r.title, level: r.level, lane: r.lane, first: Number(r.first_ms), last: Number(r.last_ms), events: Number(r.events) }));
  return { ...empty, lanes, bins, signals };
}
