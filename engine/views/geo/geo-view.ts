/** `views.geo`: the map's queries, run through the SQL port, shaped with a GeoIP lookup. */
import type { GeoLookup } from '../../geo/geo';
import { rowsOf, type SqlPort } from '../../sql/port';
import { eventFilter } from '../events-view';
import { loadGeoHome } from './geo-home';
import { shapeGeoView } from './geo-shape';
import { arcsSql, loginsSql, sourcesSql, type ArcRow, type LoginRow, type SourceRow, type Statement } from './geo-sql';
import type { GeoQuery, GeoView } from './geo-types';

export async function geoView(port: SqlPort, geo: GeoLookup, q: GeoQuery): Promise<GeoView> {
  const f = eventFilter({ search: q.search ?? undefined, from: q.from, to: q.to });
  const run = async <T>(s: Statement) => rowsOf<T>(await port.query(s.sql, s.params));
  const sources = await run<SourceRow>(sourcesSql(f));
  const arcs = await run<ArcRow>(arcsSql(f));
  const logins = await run<LoginRow>(loginsSql(f));
  // No home in the query: the one saved in the case.
  const home = q.home === undefined ? await loadGeoHome(port) : q.home;
  return shapeGeoView({ sources, arcs, logins, lookup: (ip) => geo.lookup(ip), attribution: geo.attribution, home });
}
