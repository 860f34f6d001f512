/**
 * Event counts over time as SVG bars; drag across it to narrow the explorer to
 * that time range. Owns its <svg>; all shaping is in histogram-bars.ts.
 */
import { useRef, useState, type PointerEvent } from 'react';
import type { Histogram } from '../../../engine/host/contract';
import { formatTimeShort } from '../common/time-format';
import { useElementWidth } from '../common/use-element-width';
import { dragToRange, histogramBars, histogramDomain } from './histogram-bars';

const HEIGHT = 64;

export interface TimeHistogramProps {
  histogram: Histogram | null;
  onRange(range: { from: string; to: string }): void;
}

export function TimeHistogram({ histogram, onRange }: TimeHistogramProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const bars = histogram ? histogramBars(histogram, width, HEIGHT) : [];
  const domain = histogram ? histogramDomain(histogram) : null;

  const xOf = (e: PointerEvent) => e.clientX - e.currentTarget.getBoundingClientRect().left;
  const finish = (e: PointerEvent<SVGSVGElement>) => {
    if (!drag || !histogram) return;
    const range = dragToRange(drag.x0, xOf(e), width, histogram);
    setDrag(null);
    if (range) onRange(range);
  };

  return (
    <div className="histogram" ref={box}>
      <svg
        data-testid="histogram"
        width={width}
        height={HEIGHT}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const x = xOf(e);
          setDrag({ x0: x, x1: x });
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, x1: xOf(e) })}
        onPointerUp={finish}
        onPointerCancel={() => setDrag(null)}
      >
        {bars.map((b) => (
          <rect key={b.start} data-testid="histogram-bar" className="histogram__bar" x={b.x} y={b.y} width={b.width} height={b.height}>
            <title>{`${formatTimeShort(b.start)} – ${formatTimeShort(b.end)}: ${b.count}`}</title>
          </rect>
        ))}
        {drag && (
          <rect className="histogram__brush" x={Math.min(drag.x0, drag.x1)} y={0} width={Math.abs(drag.x1 - drag.x0)} height={HEIGHT} />
        )}
      </svg>
      {domain && (
        <div className="histogram__axis">
          <span>{formatTimeShort(domain[0])}</span>
          <span>{formatTimeShort(domain[1])}</span>
        </div>
      )}
    </div>
  );
}
