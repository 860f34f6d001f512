import { describe, expect, it } from 'vitest';
import type { GeoHome, GeoQuery, GeoView } from '../../../engine/views/geo/geo-types';
import { fakeHost } from '../host/fake-host';
import { createAppStore } from '../store/app-store';

const view = (home: GeoHome | null): GeoView => ({ located: [], unlocated: [], local: [], assets: [], arcs: [], travel: [], home, attribution: 'DB-IP', truncated: false });

/** A host that keeps a home point the way the case does, and records the calls. */
function homeHost(saved: GeoHome | null) {
  return fakeHost({
    'views.geo': (q: GeoQuery) => view(q.home === undefined ? saved : q.home),
    'geo.setHome': (home) => {
      saved = home;
      return { home };
    },
  });
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the map’s home point through the store', () => {
  it('shows the home point the case has saved, without sending one', async () => {
    const { host, calls } = homeHost({ lat: 50.11, lon: 8.68 });
    const store = createAppStore({ host, kind: 'web' });
    store.getState().loadGeo();
    await flush();
    expect(store.getState().geoHome).toEqual({ lat: 50.11, lon: 8.68 });
    expect((calls[0][1][0] as GeoQuery).home).toBeUndefined();
  });

  it('saves a new home point in the case, then redraws with it; clearing saves null', async () => {
    const { host, calls } = homeHost(null);
    const store = createAppStore({ host, kind: 'web' });
    await store.getState().setGeoHome({ lat: -33.9, lon: 151.2 });
    await flush();
    expect(calls.map((c) => c[0])).toEqual(['geo.setHome', 'views.geo']);
    expect(calls[0][1]).toEqual([{ lat: -33.9, lon: 151.2 }]);
    expect(store.getState().geo?.home).toEqual({ lat: -33.9, lon: 151.2 });
    await store.getState().setGeoHome(null);
    await flush();
    expect(calls[2]).toEqual(['geo.setHome', [null]]);
    expect(store.getState().geoHome).toBeNull();
  });

  it('shows the host’s refusal and keeps the point it had', async () => {
    const { host } = homeHost({ lat: 1, lon: 2 });
    const store = createAppStore({ host, kind: 'web' });
    store.getState().loadGeo();
    await flush();
    host.call = async () => {
      throw new Error('home must be {lat: -90..90, lon: -180..180} or null');
    };
    await store.getState().setGeoHome({ lat: 95, lon: 0 });
    expect(store.getState().geoError).toMatch(/lat: -90\.\.90/);
    expect(store.getState().geoHome).toEqual({ lat: 1, lon: 2 });
  });
});
