/**
 * The Map tab: where authentication and network sources are, for the
 * explorer's time range. Loads `views.geo` on open and whenever the range or
 * the case changes.
 */
import { Button, Callout, Spinner } from '@blueprintjs/core';
import { useEffect, useRef } from 'react';
import { useElementWidth } from '../common/use-element-width';
import { useApp } from '../store/app-store';
import { HomeControl } from './home-control';
import { MapSide } from './map-side';
import { WorldMap } from './world-map';
import './map-view.css';

export function MapView() {
  const geo = useApp((s) => s.geo);
  const loading = useApp((s) => s.geoLoading);
  const error = useApp((s) => s.geoError);
  const home = useApp((s) => s.geoHome);
  const country = useApp((s) => s.geoCountry);
  const from = useApp((s) => s.from);
  const to = useApp((s) => s.to);
  const eventCount = useApp((s) => s.caseInfo?.eventCount ?? 0);
  const loadGeo = useApp((s) => s.loadGeo);
  const setHome = useApp((s) => s.setGeoHome);
  const selectCountry = useApp((s) => s.selectGeoCountry);
  const showSourceIp = useApp((s) => s.showSourceIp);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);

  useEffect(() => loadGeo(), [loadGeo, from, to, eventCount]);

  return (
    <main className="map-view">
      <div className="map-view__toolbar">
        <span className="map-view__stats" data-testid="geo-stats">
          {geo ? `${geo.located.length} located sources · ${geo.local.length} non-public · ${geo.unlocated.length} unknown · ${geo.arcs.length} arcs · ${geo.travel.length} impossible travel` : ''}
          {geo?.truncated ? ' (the largest kept)' : ''}
        </span>
        {loading && <Spinner size={16} />}
        <span className="map-view__legend">
          <i className="map-view__swatch map-view__swatch--ok" /> succeeded <i className="map-view__swatch map-view__swatch--ko" /> failed
        </span>
        {/* Keyed by the point so the fields show a home loaded from the case. */}
        <HomeControl key={home ? `${home.lat},${home.lon}` : 'none'} home={home} onHome={(h) => void setHome(h)} />
        <Button small icon="refresh" variant="minimal" title="Reload" onClick={loadGeo} />
      </div>
      {error && (
        <Callout intent="danger" compact>
          {error}
        </Callout>
      )}
      <div className="map-view__body">
        <div className="map-view__map" ref={box}>
          {geo && <WorldMap view={geo} width={width} height={Math.round(width * 0.52)} selectedCountry={country?.code ?? null} onPoint={showSourceIp} onCountry={selectCountry} />}
        </div>
        {geo && <MapSide view={geo} country={country} onIp={showSourceIp} onClearCountry={() => selectCountry(null)} />}
      </div>
      <div className="map-view__attribution" data-testid="geo-attribution">
        {geo?.attribution ?? 'IP Geolocation by DB-IP'} · Map: Natural Earth (public domain) via world-atlas.
      </div>
    </main>
  );
}
