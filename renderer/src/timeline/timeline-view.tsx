/** The Timeline tab: lane mode and axis zone switches, and the chart for the visible range. */
import { Button, Callout, HTMLSelect, NonIdealState, SegmentedControl, Spinner } from '@blueprintjs/core';
import { useEffect, useRef, useState } from 'react';
import { LANE_MODES, type LaneMode } from '../../../engine/views/timeline/timeline-types';
import { formatDuration } from '../common/time-format';
import { useElementWidth } from '../common/use-element-width';
import { useApp } from '../store/app-store';
import { TimelineChart } from './timeline-chart';
import type { AxisZone } from './timeline-slice';
import './timeline.css';

const MODE_LABEL: Record<LaneMode, string> = { tactic: 'ATT&CK tactic', host: 'Host', user: 'User' };

export function TimelineView() {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const mode = useApp((s) => s.timelineMode);
  const zone = useApp((s) => s.timelineZone);
  const data = useApp((s) => s.timeline);
  const marks = useApp((s) => s.timelineMarks);
  const openTimelineMark = useApp((s) => s.openTimelineMark);
  const loading = useApp((s) => s.timelineLoading);
  const error = useApp((s) => s.timelineError);
  const eventCount = useApp((s) => s.caseInfo?.eventCount ?? 0);
  const signalCount = useApp((s) => s.signals.length);
  const setTimelineMode = useApp((s) => s.setTimelineMode);
  const setTimelineZone = useApp((s) => s.setTimelineZone);
  const loadTimeline = useApp((s) => s.loadTimeline);
  const openTimelineSignal = useApp((s) => s.openTimelineSignal);
  const openTimelineBin = useApp((s) => s.openTimelineBin);
  const [resets, setResets] = useState(0);
  const hasWidth = width > 0;

  // A new case content (import, detection) or a first width: reload the whole range.
  useEffect(() => {
    if (hasWidth) loadTimeline(null, box.current?.clientWidth ?? 800);
  }, [hasWidth, eventCount, signalCount, loadTimeline]);

  return (
    <div className="timeline" data-testid="timeline-view">
      <div className="timeline__toolbar">
        <span className="timeline__caption">Lanes</span>
        <HTMLSelect value={mode} onChange={(e) => setTimelineMode(e.currentTarget.value as LaneMode)} data-testid="timeline-lane-mode">
          {LANE_MODES.map((m) => (
            <option key={m} value={m}>
              {MODE_LABEL[m]}
            </option>
          ))}
        </HTMLSelect>
        <SegmentedControl
          small
          value={zone}
          onValueChange={(v) => setTimelineZone(v as AxisZone)}
          options={[
            { label: 'UTC', value: 'utc' },
            { label: 'Local', value: 'local' },
          ]}
          data-testid="timeline-zone"
        />
        <Button small icon="zoom-to-fit" text="Whole case" onClick={() => {
            setResets((n) => n + 1);
            loadTimeline(null, width);
          }} data-testid="timeline-reset" />
        {loading && <Spinner size={16} />}
        {data && (
          <span className="timeline__info" data-testid="timeline-info">
            {data.lanes.length} lanes · bins of {formatDuration(data.binMs) || `${data.binMs}ms`} · {data.signals.length} signal bars · scroll to zoom, drag to pan,
            click a bar or signal for its events
          </span>
        )}
      </div>
      {error && <Callout intent="danger">{error}</Callout>}
      <div className="timeline__body" ref={box}>
        {data && data.lanes.length === 0 && <NonIdealState icon="timeline-events" title="Nothing to draw" description={mode === 'tactic' ? 'No signals yet: run detection.' : 'No events with this field.'} />}
        {data && data.lanes.length > 0 && width > 0 && (
          <TimelineChart
            data={data}
            mode={mode}
            zone={zone}
            width={width}
            resetKey={resets}
            onView={(d) => loadTimeline(d, width)}
            onSignal={openTimelineSignal}
            onBin={(lane, bin) => openTimelineBin(lane, bin, data.signals)}
            marks={marks}
            onMark={openTimelineMark}
          />
        )}
      </div>
    </div>
  );
}
