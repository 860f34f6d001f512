/**
 * The attack timeline chart: one SVG it owns, swim lanes of event density
 * with signal bars, a time axis, and d3-zoom from centuries to milliseconds.
 * Zooming rescales what is on screen at once and asks for finer bins when the
 * gesture settles (`onView`). Shaping is in timeline-shape.ts and zoom-range.ts.
 */
import { axisTop, scaleTime, scaleUtc, select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationMark } from '../../../engine/views/annotations/annotation-types';
import type { LaneMode, TimelineData } from '../../../engine/views/timeline/timeline-types';
import { formatDuration, formatUtcShort } from '../common/time-format';
import type { AxisZone } from './timeline-slice';
import { binAt, densityPath, LANE_GAP, LANE_HEIGHT, laneDensities, levelColour, packSignals } from './timeline-shape';
import { needsRefetch, visibleDomain, zoomScaleExtent, type Domain } from './zoom-range';

const LABEL_W = 170;
const AXIS_H = 26;
const DENSITY_H = 22;
const ROW_H = 6;
const SETTLE_MS = 200;

export interface TimelineChartProps {
  data: TimelineData;
  mode: LaneMode;
  zone: AxisZone;
  width: number;
  /** Changing it returns the zoom to the whole case. */
  resetKey: number;
  onView(domain: Domain): void;
  onSignal(id: string): void;
  onBin(lane: string, bin: { start: number; end: number }): void;
  /** Bookmarks, tags and notes, drawn as flags on the axis with a line across the lanes. */
  marks?: readonly AnnotationMark[];
  onMark?(mark: AnnotationMark): void;
}

export function TimelineChart({ data, mode, zone, width, resetKey, onView, onSignal, onBin, marks = [], onMark }: TimelineChartProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const axisRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [t, setT] = useState<ZoomTransform>(zoomIdentity);
  const plotW = Math.max(10, width - LABEL_W);
  const home: Domain = data.extent ?? [data.from, data.to];
  const homeKey = `${mode}:${home[0]}:${home[1]}:${resetKey}`;
  const height = AXIS_H + data.lanes.length * (LANE_HEIGHT + LANE_GAP);

  const x = useMemo(() => {
    // Range in SVG coordinates, the ones d3-zoom's transform works in, so wheel zoom centres on the pointer.
    const base = (zone === 'utc' ? scaleUtc() : scaleTime()).domain([home[0], home[1]]).range([LABEL_W, LABEL_W + plotW]);
    return t.rescaleX(base);
  }, [homeKey, plotW, zone, t]); // home is homeKey
  const xs = (v: number) => x(v);

  // The zoom behaviour: created once per home domain; a new home (lane mode, import) starts unzoomed.
  const latest = useRef({ data, onView, plotW, home });
  latest.current = { data, onView, plotW, home };
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent(zoomScaleExtent(home))
      .on('zoom', (e: { transform: ZoomTransform }) => {
        setT(e.transform);
        clearTimeout(timer);
        timer = setTimeout(() => {
          const cur = latest.current;
          const view = visibleDomain(cur.home, [LABEL_W, LABEL_W + cur.plotW], e.transform);
          if (needsRefetch(cur.data, view, cur.plotW) || cur.data.to - cur.data.from > 4 * (view[1] - view[0])) cur.onView(view);
        }, SETTLE_MS);
      });
    zoomRef.current = z;
    select(svg).call(z).on('dblclick.zoom', null).call(z.transform, zoomIdentity);
    return () => {
      clearTimeout(timer);
      select(svg).on('.zoom', null);
    };
  }, [homeKey]); // home is homeKey

  useEffect(() => {
    if (axisRef.current) select(axisRef.current).call(axisTop(x).ticks(Math.max(2, Math.floor(plotW / 120))));
  }, [x, plotW]);

  const lanes = useMemo(() => laneDensities(data), [data]);
  const placed = useMemo(() => packSignals(data.signals, (v) => x(v)), [data.signals, x]);

  const clickLane = (lane: (typeof lanes)[number], clientX: number) => {
    const rect = svgRef.current!.getBoundingClientRect();
    const bin = binAt(lane, x.invert(clientX - rect.left).getTime());
    if (bin) onBin(lane.lane, bin);
  };

  return (
    <svg ref={svgRef} className="timeline-chart" width={width} height={height} data-testid="timeline-chart" data-bin-ms={data.binMs}>
      <defs>
        <clipPath id="timeline-plot">
          <rect x={LABEL_W} y={0} width={plotW} height={height} />
        </clipPath>
      </defs>
      <g ref={axisRef} className="timeline-chart__axis" transform={`translate(0,${AXIS_H - 2})`} />
      <g clipPath="url(#timeline-plot)">
        {marks.map((m) => {
          const mx = xs(m.time);
          return (
            <g key={`${m.target}:${m.targetId}`} data-testid="timeline-mark" data-target={m.target} data-target-id={m.targetId} className="timeline-chart__mark" onClick={() => onMark?.(m)}>
              <line x1={mx} x2={mx} y1={AXIS_H} y2={height} />
              <path d={`M${mx},${AXIS_H} l-5,-8 h10 z`} />
              <title>{markTitle(m)}</title>
            </g>
          );
        })}
      </g>
      {lanes.map((l, i) => {
        const top = AXIS_H + i * (LANE_HEIGHT + LANE_GAP);
        return (
          <g key={l.lane} data-testid="timeline-lane" data-lane={l.lane} transform={`translate(0,${top})`}>
            <rect className="timeline-chart__lane-bg" x={0} y={0} width={width} height={LANE_HEIGHT} />
            <text className="timeline-chart__label" x={6} y={LANE_HEIGHT / 2 + 4}>
              {l.lane.length > 24 ? `${l.lane.slice(0, 23)}…` : l.lane}
              <title>{l.lane}</title>
            </text>
            <g clipPath="url(#timeline-plot)">
              <rect className="timeline-chart__hit" x={LABEL_W} y={0} width={plotW} height={DENSITY_H + 2} onClick={(e) => clickLane(l, e.clientX)} />
              <path
                className="timeline-chart__density"
                data-testid="timeline-density"
                d={densityPath(l.bins, xs, DENSITY_H + 2, DENSITY_H, [LABEL_W, LABEL_W + plotW])}
                onClick={(e) => clickLane(l, e.clientX)}
              >
                <title>{`${l.lane}: ${l.bins.reduce((a, b) => a + b.count, 0)} events in view, bins of ${formatDuration(data.binMs)}; click a bar for its events`}</title>
              </path>
              {(placed.get(l.lane) ?? []).map((s) => {
                const x0 = xs(s.first);
                return (
                  <rect
                    key={`${s.id}:${s.lane}`}
                    data-testid="timeline-signal"
                    data-signal-id={s.id}
                    className="timeline-chart__signal"
                    x={x0}
                    y={DENSITY_H + 5 + s.row * ROW_H}
                    width={Math.max(6, xs(s.last) - x0)}
                    height={ROW_H - 1}
                    fill={levelColour(s.level)}
                    onClick={() => onSignal(s.id)}
                  >
                    <title>{`${s.title} (${s.level}), ${s.events} events\n${formatUtcShort(s.first)} → ${formatUtcShort(s.last)} UTC`}</title>
                  </rect>
                );
              })}
            </g>
          </g>
        );
      })}
    </svg>
  );
}

function markTitle(m: AnnotationMark): string {
  const what = m.target === 'signal' ? `signal ${m.targetId}` : `event ${m.targetId}`;
  const parts = [m.bookmarked ? 'bookmarked' : '', m.tags.length ? `tags: ${m.tags.join(', ')}` : '', ...m.notes.map((n) => `note: ${n}`)].filter(Boolean);
  return `${what} at ${formatUtcShort(m.time)} UTC\n${parts.join('\n')}`;
}
