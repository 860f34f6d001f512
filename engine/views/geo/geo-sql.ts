/**
 * The queries behind the map. Only authentication events and network flows
 * count: they are the ones where a source address reached something.
 *
 * The asset an event reached: for network flows the destination address
 * (host.name there is often the sensor that saw the flow), for everything else
 * the host that logged the event (an sshd log is written on the server).
 */
import type { SqlParam } from '../../sql/port';
import type { Predicate } from '../search';

/** One statement and its bound parameters. */
export interface Statement {
  sql: string;
  params: SqlParam[];
}

export const LIMITS = { sources: 5000, arcs: 20000, logins: 200000 };

const SCOPE = `"event.category" IN ('authentication', 'network') AND "source.ip" IS NOT NULL AND "source.ip" <> ''`;
const ASSET = `CASE WHEN "event.category" = 'network' THEN coalesce("destination.ip", "host.name") ELSE coalesce("host.name", "destination.ip") END`;

export interface SourceRow {
  ip: string;
  n: bigint | number;
  ok: bigint | number;
  ko: bigint | number;
  nu: bigint | number;
  /** JSON array text: the SQL port carries lists as text, so they travel as JSON. */
  users: string | null;
  first: bigint | number | null;
  last: bigint | number | null;
}

export function sourcesSql(f: Predicate): Statement {
  return {
    sql: `SELECT "source.ip" AS ip, count(*) AS n,
  count(*) FILTER (WHERE "event.outcome" = 'success') AS ok,
  count(*) FILTER (WHERE "event.outcome" = 'failure') AS ko,
  count(DISTINCT "user.name") AS nu,
  CAST(to_json(list_sort(list(DISTINCT "user.name") FILTER (WHERE "user.name" IS NOT NULL))[1:10]) AS VARCHAR) AS users,
  epoch_ms(min("@timestamp")) AS first, epoch_ms(max("@timestamp")) AS last
FROM events WHERE ${f.where} AND ${SCOPE}
GROUP BY 1 ORDER BY n DESC, ip LIMIT ${LIMITS.sources + 1}`,
    params: f.params,
  };
}

export interface ArcRow {
  ip: string;
  asset: string;
  n: bigint | number;
  ko: bigint | number;
}

export function arcsSql(f: Predicate): Statement {
  return {
    sql: `SELECT "source.ip" AS ip, ${ASSET} AS asset, count(*) AS n,
  count(*) FILTER (WHERE "event.outcome" = 'failure') AS ko
FROM events WHERE ${f.where} AND ${SCOPE} AND ${ASSET} IS NOT NULL
GROUP BY 1, 2 ORDER BY n DESC, ip, asset LIMIT ${LIMITS.arcs + 1}`,
    params: f.params,
  };
}

export interface LoginRow {
  user: string;
  ip: string;
  t: bigint | number;
}

/** Successful logins, for impossible travel (the shaping keeps the geolocated ones). */
export function loginsSql(f: Predicate): Statement {
  return {
    sql: `SELECT "user.name" AS user, "source.ip" AS ip, epoch_ms("@timestamp") AS t
FROM events WHERE ${f.where} AND "event.category" = 'authentication' AND "event.outcome" = 'success'
  AND "user.name" IS NOT NULL AND "source.ip" IS NOT NULL AND "@timestamp" IS NOT NULL
ORDER BY t, "event.id" LIMIT ${LIMITS.logins + 1}`,
    params: f.params,
  };
}
