/**
 * The map's state: the last `views.geo` answer for the explorer's time range,
 * the home point for assets without a place (kept in the case: the host uses
 * the saved one, and each answer says which), the clicked country, and the
 * pivot to the explorer. Replies to an older request are dropped.
 */
import type { GeoHome, GeoView } from '../../../engine/views/geo/geo-types';
import { errorText, type SliceCreator } from '../store/app-state';
import { ipSearch } from './map-shape';

export interface MapCountry {
  /** ISO alpha-2, or null for shapes world-atlas gives no code. */
  code: string | null;
  name: string;
  ips: string[];
}

export interface MapSlice {
  geo: GeoView | null;
  geoLoading: boolean;
  geoError: string | null;
  geoHome: GeoHome | null;
  geoCountry: MapCountry | null;
  loadGeo(): void;
  /** Saves the home point in the case (null clears it), then redraws. */
  setGeoHome(home: GeoHome | null): Promise<void>;
  selectGeoCountry(country: MapCountry | null): void;
  /** Opens the explorer filtered to one source address. */
  showSourceIp(ip: string): void;
}

export const createMapSlice: SliceCreator<MapSlice> = ({ host }) => (set, get) => {
  let request = 0;
  return {
    geo: null,
    geoLoading: false,
    geoError: null,
    geoHome: null,
    geoCountry: null,
    loadGeo() {
      const mine = ++request;
      const { from, to } = get();
      set({ geoLoading: true, geoError: null });
      // No home in the query: the host draws to the one saved in the case and says which it used.
      host.call('views.geo', { from, to }).then(
        (geo) => mine === request && set({ geo, geoHome: geo.home, geoLoading: false }),
        (e: unknown) => mine === request && set({ geoError: errorText(e), geoLoading: false }),
      );
    },
    async setGeoHome(home) {
      try {
        const saved = await host.call('geo.setHome', home);
        set({ geoHome: saved.home });
        get().loadGeo();
      } catch (e) {
        set({ geoError: errorText(e) });
      }
    },
    selectGeoCountry(geoCountry) {
      set({ geoCountry });
    },
    showSourceIp(ip) {
      get().setSearch(ipSearch(ip));
      get().setView('explorer');
    },
  };
};
