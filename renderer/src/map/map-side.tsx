/** The map's side lists: a clicked country's sources, impossible travel, non-public and unknown sources, unplaced assets. */
import { Tag } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import type { GeoSource, GeoView } from '../../../engine/views/geo/geo-types';
import { formatUtcShort } from '../common/time-format';
import type { MapCountry } from './map-slice';
import { placeText, speedText } from './map-shape';

const SHOWN = 200;

function Section({ title, count, children, testId }: { title: string; count: number; children: ReactNode; testId: string }) {
  return (
    <section className="map-side__section" data-testid={testId}>
      <h4 className="map-side__title">
        {title} <span className="map-side__count">{count}</span>
      </h4>
      {children}
      {count > SHOWN && <div className="map-side__more">… {count - SHOWN} more</div>}
    </section>
  );
}

function SourceRow({ s, testId, onIp }: { s: GeoSource; testId: string; onIp(ip: string): void }) {
  return (
    <button type="button" className="map-side__row" data-testid={testId} data-ip={s.ip} title="Show its events in the explorer" onClick={() => onIp(s.ip)}>
      <span className="map-side__ip">{s.ip}</span>
      {s.class !== 'public' && <Tag minimal>{s.class}</Tag>}
      <span className="map-side__num">{s.count}</span>
      <span className="map-side__fail">{s.failure > 0 ? `${s.failure} failed` : ''}</span>
    </button>
  );
}

export interface MapSideProps {
  view: GeoView;
  country: MapCountry | null;
  onIp(ip: string): void;
  onClearCountry(): void;
}

export function MapSide({ view, country, onIp, onClearCountry }: MapSideProps) {
  const bySource = new Map(view.located.map((s) => [s.ip, s]));
  const unplaced = view.assets.filter((a) => a.placement === 'none');
  return (
    <aside className="map-side">
      {country && (
        <Section title={`Sources in ${country.name}`} count={country.ips.length} testId="geo-country">
          <Tag minimal interactive onRemove={onClearCountry} className="map-side__chip">
            {country.name}
          </Tag>
          {country.ips.length === 0 && <div className="map-side__empty">No located source in this country.</div>}
          {country.ips.slice(0, SHOWN).map((ip) => bySource.get(ip)).map((s) => s && <SourceRow key={s.ip} s={s} testId="geo-country-row" onIp={onIp} />)}
        </Section>
      )}
      {view.travel.length > 0 && (
        <Section title="Impossible travel" count={view.travel.length} testId="geo-travel-list">
          {view.travel.slice(0, SHOWN).map((t) => (
            <div key={`${t.user}-${t.to.time}-${t.to.ip}`} className="map-side__travel" data-testid="geo-travel-row">
              <div>
                <strong>{t.user}</strong> {placeText(t.from)} → {placeText(t.to)}
              </div>
              <div className="map-side__sub">
                {t.distanceKm.toLocaleString('en-US')} km, {speedText(t.speedKmh)} · {formatUtcShort(t.from.time)} → {formatUtcShort(t.to.time)}
              </div>
              <div className="map-side__sub">
                <button type="button" className="map-side__link" onClick={() => onIp(t.from.ip)}>{t.from.ip}</button>
                {' → '}
                <button type="button" className="map-side__link" onClick={() => onIp(t.to.ip)}>{t.to.ip}</button>
              </div>
            </div>
          ))}
        </Section>
      )}
      <Section title="Private and other non-public sources" count={view.local.length} testId="geo-private">
        {view.local.length === 0 && <div className="map-side__empty">None.</div>}
        {view.local.slice(0, SHOWN).map((s) => <SourceRow key={s.ip} s={s} testId="geo-private-row" onIp={onIp} />)}
      </Section>
      {view.unlocated.length > 0 && (
        <Section title="Public, not in the GeoIP data" count={view.unlocated.length} testId="geo-unlocated">
          {view.unlocated.slice(0, SHOWN).map((s) => <SourceRow key={s.ip} s={s} testId="geo-unlocated-row" onIp={onIp} />)}
        </Section>
      )}
      {unplaced.length > 0 && (
        <Section title="Assets without a place (set a home point to draw them)" count={unplaced.length} testId="geo-assets">
          {unplaced.slice(0, SHOWN).map((a) => (
            <div key={a.name} className="map-side__asset" data-testid="geo-asset-row">
              <span className="map-side__ip">{a.name}</span>
              <span className="map-side__num">{a.count}</span>
            </div>
          ))}
        </Section>
      )}
    </aside>
  );
}
