/**
 * Country shapes for the map: Natural Earth 1:110m from the world-atlas
 * package, bundled by Vite from node_modules (nothing is fetched at run time).
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';
import { alpha2FromNumeric } from './map-shape';

export interface CountryProps {
  name: string;
  /** ISO alpha-2, null for the three shapes world-atlas gives no code. */
  code: string | null;
}

export type CountryFeature = Feature<Polygon | MultiPolygon, CountryProps>;

let cached: CountryFeature[] | null = null;

export function worldCountries(): CountryFeature[] {
  if (cached) return cached;
  const topo = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.countries);
  cached = fc.features.map((f) => ({
    ...(f as Feature<Polygon | MultiPolygon, { name: string }>),
    properties: { name: f.properties.name, code: alpha2FromNumeric(f.id) },
  }));
  return cached;
}
