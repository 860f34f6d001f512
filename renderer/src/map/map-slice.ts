/**
 * The map's state: the last `views.geo` answer for the explorer's time range,
 * the home point for assets without a place, the clicked country, and the
 * pivot to the explorer. Replies to an older request are dropped.
 */
import type { GeoView } from '../../../engine/views/geo/geo-types';
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
  geoHome: { lat: number; lon: number } | null;
  geoCountry: MapCountry | null;
  loadGeo(): void;
  setGeoHome(home: { lat: number; lon: number } | null): void;
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
      const { from, to, geoHome } = get();
      set({ geoLoading: true, geoError: null });
      host.call('views.geo', { from, to, home: geoHome }).then(
        (geo) => mine === request && set({ geo, geoLoading: false }),
        (e: unknown) => mine === request && set({ geoError: errorText(e), geoLoading: false }),
      );
    },
    setGeoHome(geoHome) {
      set({ geoHome });
      get().loadGeo();
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
