/** Where assets with no place of their own (host names, private addresses) are drawn: a lat/lon the user types, saved in the case. */
import { Button, InputGroup } from '@blueprintjs/core';
import { useState } from 'react';
import type { GeoHome } from '../../../engine/views/geo/geo-types';
import { parseHome } from './map-shape';

export interface HomeControlProps {
  /** The saved point; the fields start from it (the parent remounts this when it changes). */
  home: GeoHome | null;
  onHome(home: GeoHome | null): void;
}

export function HomeControl({ home, onHome }: HomeControlProps) {
  const [lat, setLat] = useState(home ? String(home.lat) : '');
  const [lon, setLon] = useState(home ? String(home.lon) : '');
  const parsed = parseHome(lat, lon);
  return (
    <form
      className="map-home"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed) onHome(parsed);
      }}
    >
      <span className="map-home__label" title="Assets without a place of their own are drawn here">Home</span>
      <InputGroup small placeholder="lat" value={lat} onValueChange={setLat} className="map-home__input" data-testid="geo-home-lat" />
      <InputGroup small placeholder="lon" value={lon} onValueChange={setLon} className="map-home__input" data-testid="geo-home-lon" />
      <Button small type="submit" disabled={!parsed} data-testid="geo-home-set">Set</Button>
      {home && (
        <Button small variant="minimal" icon="cross" title="Clear the home point" data-testid="geo-home-clear" onClick={() => { setLat(''); setLon(''); onHome(null); }} />
      )}
    </form>
  );
}
