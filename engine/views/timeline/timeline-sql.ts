/**
 * SQL behind the attack timeline, as pure builders with bound parameters:
 * the host returns bins, never events, so millions of events draw fast.
 * Lane values and tactic names travel as parameters, never spliced in.
 */
import { TACTICS } from '../../detect/attack';
import { ident, type SqlParam } from '../../sql/port';
import type { LaneMode } from './timeline-types';

export interface Sql {
  sql: string;
  params: SqlParam[];
}

/** Lanes by an event column: which column each mode reads. */
export const LANE_COLUMN: Readonly<Record<Exclude<LaneMode, 'tactic'>, string>> = { host: 'host.name', user: 'user.name' };
/** Busiest lanes shown by host or user; the rest would be unreadable slivers. */
export const MAX_LANES = 40;
export const NO_TACTIC = 'No tactic';

const TS = ident('@timestamp');
const iso = (ms: number) => new Date(ms).toISOString();
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
/** Bin start in ms; floor (not `//`) so instants before 1970 land in the right bin. */
const BIN_EXPR = `CAST(floor(epoch_ms(e.${TS}) / ?) AS BIGINT) * ?`;

/** Every `attack.<tactic>` tag with its lane name, as a VALUES table (both columns bound). */
export function tacticMap(): Sql {
  const pairs = Object.entries(TACTICS).map(([key, t]) => [`attack.${key}`, t.name]);
  return { sql: `(VALUES ${pairs.map(() => '(?, ?)').join(', ')}) AS m(tag, lane)`, params: pairs.flat() };
}

/** (signal id, tactic lane) for every signal; signals with no tactic tag go to NO_TACTIC. */
function signalLanes(): Sql {
  const m = tacticMap();
  return {
    sql: `st AS (SELECT id, lower(replace(unnest(from_json(tags, '["VARCHAR"]')), '_', '-')) AS tag FROM signals),
  tl AS (SELECT DISTINCT st.id, m.lane FROM st JOIN ${m.sql} USING (tag)),
  sl AS (SELECT id, lane FROM tl UNION ALL SELECT id, ? AS lane FROM signals WHERE id NOT IN (SELECT id FROM tl))`,
    params: [...m.params, NO_TACTIC],
  };
}

/** Time span of what a mode shows: signals' times for tactics, all events otherwise. */
export function extentSql(mode: LaneMode): Sql {
  if (mode === 'tactic') return { sql: `SELECT epoch_ms(min(first_time)) AS lo, epoch_ms(max(last_time)) AS hi FROM signals`, params: [] };
  return { sql: `SELECT epoch_ms(min(${TS})) AS lo, epoch_ms(max(${TS})) AS hi FROM events`, params: [] };
}

/** The busiest hosts or users over the whole case (not the visible range, so lanes stay put while zooming). */
export function laneNamesSql(mode: Exclude<LaneMode, 'tactic'>, limit = MAX_LANES): Sql {
  const col = ident(LANE_COLUMN[mode]);
  return {
    sql: `SELECT ${col} AS lane, count(*) AS n FROM events WHERE ${col} IS NOT NULL AND ${col} <> '' GROUP BY 1 ORDER BY n DESC, lane LIMIT ?`,
    params: [limit],
  };
}

/** Event counts per (lane, bin) in [from, to): by column for hosts and users; for tactics, the events of that tactic's signals. */
export function binsSql(mode: LaneMode, lanes: readonly string[], from: number, to: number, binMs: number): Sql {
  const range = `e.${TS} >= ?::TIMESTAMP AND e.${TS} < ?::TIMESTAMP`;
  if (mode === 'tactic') {
    const sl = signalLanes();
    return {
      sql: `WITH ${sl.sql},
  le AS (SELECT DISTINCT sl.lane, u.eid FROM sl JOIN (SELECT id, unnest(event_ids) AS eid FROM signals) u USING (id))
SELECT le.lane AS lane, ${BIN_EXPR} AS b, count(*) AS n
FROM le JOIN events e ON e."event.id" = le.eid
WHERE ${range}
GROUP BY 1, 2 ORDER BY 1, 2`,
      params: [...sl.params, binMs, binMs, iso(from), iso(to)],
    };
  }
  if (lanes.length === 0) return { sql: `SELECT NULL::VARCHAR AS lane, 0::BIGINT AS b, 0::BIGINT AS n WHERE FALSE`, params: [] };
  const col = ident(LANE_COLUMN[mode]);
  return {
    sql: `SELECT e.${col} AS lane, ${BIN_EXPR} AS b, count(*) AS n
FROM events e
WHERE ${range} AND e.${col} IN (${placeholders(lanes.length)})
GROUP BY 1, 2 ORDER BY 1, 2`,
    params: [binMs, binMs, iso(from), iso(to), ...lanes],
  };
}

const SIGNAL_META = `s.id, s.rule_title AS title, s.level, s.status`;

/** Signals per lane with their first/last time and event count in that lane, overlapping [from, to]. */
export function signalsSql(mode: LaneMode, lanes: readonly string[], from: number, to: number): Sql {
  const overlap = `first_ms <= ? AND last_ms >= ?`;
  if (mode === 'tactic') {
    const sl = signalLanes();
    return {
      sql: `WITH ${sl.sql}
SELECT * FROM (SELECT ${SIGNAL_META}, sl.lane, epoch_ms(s.first_time) AS first_ms, epoch_ms(s.last_time) AS last_ms, s.event_count AS events
  FROM signals s JOIN sl ON sl.id = s.id WHERE s.status IS DISTINCT FROM 'archived') WHERE ${overlap} ORDER BY first_ms, id`,
      params: [...sl.params, to, from],
    };
  }
  if (lanes.length === 0) return { sql: `SELECT NULL AS id WHERE FALSE`, params: [] };
  const col = ident(LANE_COLUMN[mode]);
  return {
    sql: `WITH u AS (SELECT id, unnest(event_ids) AS eid FROM signals)
SELECT * FROM (SELECT ${SIGNAL_META}, e.${col} AS lane, epoch_ms(min(e.${TS})) AS first_ms, epoch_ms(max(e.${TS})) AS last_ms, count(*) AS events
  FROM u JOIN signals s ON s.id = u.id JOIN events e ON e."event.id" = u.eid
  WHERE e.${col} IN (${placeholders(lanes.length)}) AND e.${TS} IS NOT NULL AND s.status IS DISTINCT FROM 'archived'
  GROUP BY s.id, s.rule_title, s.level, s.status, e.${col}) WHERE ${overlap} ORDER BY first_ms, id`,
    params: [...lanes, to, from],
  };
}
