/**
 * The map's home point, kept in the case's `settings` table (key `geo.home`),
 * so arcs to assets without a place of their own survive a reload and are the
 * same for everyone who opens the case.
 */
import { rowsOf, type SqlPort } from '../../sql/port';
import { validGeoHome, type GeoHome } from './geo-types';

const KEY = 'geo.home';

/** The saved home point; null when none was set, or when what is stored is not a valid point (a hand-edited case). */
export async function loadGeoHome(port: SqlPort): Promise<GeoHome | null> {
  const rows = rowsOf<{ v: string }>(await port.query(`SELECT CAST(value AS VARCHAR) AS v FROM settings WHERE key = ?`, [KEY]));
  if (rows.length === 0) return null;
  const h = JSON.parse(rows[0].v) as unknown;
  return h !== null && validGeoHome(h) === null ? { lat: (h as GeoHome).lat, lon: (h as GeoHome).lon } : null;
}

/** Saves the home point; null removes it. Checked again here: the value came over the wire. */
export async function saveGeoHome(port: SqlPort, home: GeoHome | null): Promise<GeoHome | null> {
  const bad = validGeoHome(home);
  if (bad) throw new Error(bad);
  if (home === null) {
    await port.exec(`DELETE FROM settings WHERE key = ?`, [KEY]);
    return null;
  }
  const value: GeoHome = { lat: home.lat, lon: home.lon };
  await port.exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [KEY, JSON.stringify(value)]);
  return value;
}
