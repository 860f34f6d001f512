/**
 * The world map: one d3 component that owns its <svg>. Countries (click: the
 * sources in that country), arcs from sources to the assets they reached,
 * impossible-travel pairs, and one point per located source (size: events,
 * colour: failure ratio; click: the explorer on that address). Drag to pan,
 * wheel to zoom. All shaping is in map-shape.ts; text is set with .text(),
 * never as HTML.
 */
import { geoContains, geoGraticule10, geoNaturalEarth1, geoPath, select, zoom, zoomIdentity, type ZoomTransform } from 'd3';
import { useEffect, useRef } from 'react';
import type { GeoSource, GeoView } from '../../../engine/views/geo/geo-types';
import type { MapCountry } from './map-slice';
import { arcLines, failureColor, failureRatio, placeText, pointRadius, sourcesInCountry, speedText } from './map-shape';
import { worldCountries, type CountryFeature } from './world-countries';

export interface WorldMapProps {
  view: GeoView;
  width: number;
  height: number;
  selectedCountry: string | null;
  onPoint(ip: string): void;
  onCountry(c: MapCountry): void;
}

const SPHERE = { type: 'Sphere' } as const;

function pointTitle(s: GeoSource): string {
  const users = s.users.length ? `\nusers: ${s.users.join(', ')}${s.userCount > s.users.length ? ' …' : ''}` : '';
  return `${s.ip} — ${placeText(s.point)}\n${s.count} events, ${s.success} succeeded, ${s.failure} failed${users}`;
}

export function WorldMap({ view, width, height, selectedCountry, onPoint, onCountry }: WorldMapProps) {
  const ref = useRef<SVGSVGElement>(null);
  const transform = useRef<ZoomTransform>(zoomIdentity);
  // Handlers change identity every render; the drawing reads the latest through a ref.
  const handlers = useRef({ onPoint, onCountry });
  handlers.current = { onPoint, onCountry };

  useEffect(() => {
    const el = ref.current;
    if (!el || width <= 0 || height <= 0) return;
    const svg = select(el);
    svg.selectAll('*').remove();
    const projection = geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], SPHERE);
    const path = geoPath(projection);
    const world = svg.append('g').attr('class', 'geo-map__world');

    world.append('path').attr('class', 'geo-map__sphere').attr('d', path(SPHERE));
    world.append('path').attr('class', 'geo-map__graticule').attr('d', path(geoGraticule10()));
    world
      .append('g')
      .selectAll<SVGPathElement, CountryFeature>('path')
      .data(worldCountries())
      .join('path')
      .attr('class', (f) => `geo-map__country${f.properties.code && f.properties.code === selectedCountry ? ' geo-map__country--selected' : ''}`)
      .attr('data-country', (f) => f.properties.code ?? '')
      .attr('d', path)
      .on('click', (_e, f) => {
        const inside = sourcesInCountry(view.located, f.properties.code, (lon, lat) => geoContains(f, [lon, lat]));
        handlers.current.onCountry({ code: f.properties.code, name: f.properties.name, ips: inside.map((s) => s.ip) });
      })
      .append('title')
      .text((f) => f.properties.name);

    const maxArc = Math.max(1, ...view.arcs.map((a) => a.count));
    world
      .append('g')
      .selectAll('path')
      .data(arcLines(view))
      .join('path')
      .attr('class', 'geo-map__arc')
      .attr('data-testid', 'geo-arc')
      .attr('stroke-width', (a) => 0.6 + 2.4 * Math.sqrt(a.count / maxArc))
      .attr('d', (a) => path({ type: 'LineString', coordinates: [a.from, a.to] }))
      .append('title')
      .text((a) => `${a.count} events`);

    const placed = view.assets.filter((a) => a.lat !== null && a.lon !== null);
    world
      .append('g')
      .selectAll('rect')
      .data(placed)
      .join('rect')
      .attr('class', (a) => `geo-map__asset geo-map__asset--${a.placement}`)
      .attr('data-testid', 'geo-asset')
      .each(function (a) {
        const [x, y] = projection([a.lon as number, a.lat as number]) ?? [-99, -99];
        select(this).attr('x', x - 3).attr('y', y - 3).attr('width', 6).attr('height', 6);
      })
      .append('title')
      .text((a) => `${a.name}${a.placement === 'home' ? ' (at home point)' : ''}: ${a.count} events`);

    world
      .append('g')
      .selectAll('path')
      .data(view.travel)
      .join('path')
      .attr('class', 'geo-map__travel')
      .attr('data-testid', 'geo-travel')
      .attr('data-user', (t) => t.user)
      .attr('d', (t) => path({ type: 'LineString', coordinates: [[t.from.lon, t.from.lat], [t.to.lon, t.to.lat]] }))
      .append('title')
      .text((t) => `impossible travel: ${t.user} ${placeText(t.from)} → ${placeText(t.to)}, ${t.distanceKm} km, ${speedText(t.speedKmh)}`);

    const maxCount = Math.max(1, ...view.located.map((s) => s.count));
    const radius = (s: GeoSource) => pointRadius(s.count, maxCount);
    // Biggest first, so small points stay on top and clickable.
    const points = [...view.located].sort((a, b) => b.count - a.count);
    const circles = world
      .append('g')
      .selectAll<SVGCircleElement, GeoSource>('circle')
      .data(points)
      .join('circle')
      .attr('class', 'geo-map__point')
      .attr('data-testid', 'geo-point')
      .attr('data-ip', (s) => s.ip)
      .attr('data-country', (s) => s.point?.countryCode ?? '')
      .attr('fill', (s) => failureColor(failureRatio(s)))
      .each(function (s) {
        const [x, y] = projection([s.point!.lon, s.point!.lat]) ?? [-99, -99];
        select(this).attr('cx', x).attr('cy', y);
      })
      .on('click', (_e, s) => handlers.current.onPoint(s.ip));
    circles.append('title').text(pointTitle);

    const apply = (t: ZoomTransform) => {
      world.attr('transform', t.toString());
      // Points keep their screen size when zooming in; the map grows under them.
      circles.attr('r', (s) => radius(s) / Math.sqrt(t.k));
    };
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 16])
      .translateExtent([[0, 0], [width, height]])
      .on('zoom', (e: { transform: ZoomTransform }) => {
        transform.current = e.transform;
        apply(e.transform);
      });
    svg.call(z);
    svg.call(z.transform, transform.current);
    apply(transform.current);
    return () => {
      svg.on('.zoom', null);
    };
  }, [view, width, height, selectedCountry]);

  return <svg ref={ref} className="geo-map" data-testid="geo-map" width={width} height={height} role="img" aria-label="World map of event sources" />;
}
