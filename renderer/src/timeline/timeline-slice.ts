/**
 * The attack timeline: lane mode, axis time zone, and the bins for the
 * visible range. Every load bumps a generation; older replies are dropped.
 * Clicks pivot to the explorer by setting its filter and switching views.
 */
import type { AnnotationMark } from '../../../engine/views/annotations/annotation-types';
import type { LaneMode, TimelineData, TimelineSignal } from '../../../engine/views/timeline/timeline-types';
import { errorText, type SliceCreator } from '../store/app-state';
import { binPivot } from './timeline-shape';

export type AxisZone = 'utc' | 'local';

export interface TimelineSlice {
  timelineMode: LaneMode;
  timelineZone: AxisZone;
  timeline: TimelineData | null;
  /** Bookmarked, tagged or annotated events and signals in the visible range. */
  timelineMarks: AnnotationMark[];
  timelineLoading: boolean;
  timelineError: string | null;
  setTimelineMode(mode: LaneMode): void;
  setTimelineZone(zone: AxisZone): void;
  /** Fetches bins for a visible range (null: the whole case) drawn `width` pixels wide. */
  loadTimeline(range: [number, number] | null, width: number): void;
  openTimelineSignal(id: string): void;
  openTimelineMark(mark: AnnotationMark): void;
  openTimelineBin(lane: string, bin: { start: number; end: number }, signals: readonly TimelineSignal[]): void;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const createTimelineSlice: SliceCreator<TimelineSlice> = ({ host }) => (set, get) => {
  let generation = 0;
  let lastWidth = 800;

  const pivot = (filter: { search: string; from: string | null; to: string | null; selectedSignalId: string | null }) => {
    set(filter);
    get().runQuery();
    get().setView('explorer');
  };

  return {
    timelineMode: 'tactic',
    timelineZone: 'utc',
    timeline: null,
    timelineMarks: [],
    timelineLoading: false,
    timelineError: null,
    setTimelineMode(mode) {
      if (mode === get().timelineMode) return;
      set({ timelineMode: mode, timeline: null });
      get().loadTimeline(null, lastWidth);
    },
    setTimelineZone(timelineZone) {
      set({ timelineZone });
    },
    loadTimeline(range, width) {
      lastWidth = width;
      const gen = ++generation;
      set({ timelineLoading: true, timelineError: null });
      const q = { lane: get().timelineMode, width: Math.max(1, Math.min(10000, Math.round(width))), ...(range ? { from: iso(range[0]), to: iso(range[1]) } : {}) };
      host.call('views.timeline', q).then(
        (timeline) => gen === generation && set({ timeline, timelineLoading: false }),
        (e) => gen === generation && set({ timelineError: errorText(e), timelineLoading: false }),
      );
      // Marks are drawn over the bins; a failure to load them leaves the timeline usable.
      host.call('annotations.marks', range ? { from: iso(range[0]), to: iso(range[1]) } : {}).then(
        (timelineMarks) => gen === generation && set({ timelineMarks }),
        () => gen === generation && set({ timelineMarks: [] }),
      );
    },
    openTimelineMark(m) {
      if (m.target === 'signal') pivot({ search: '', from: null, to: null, selectedSignalId: m.targetId });
      else pivot({ search: `event.id:${m.targetId}`, from: null, to: null, selectedSignalId: null });
    },
    openTimelineSignal(id) {
      pivot({ search: '', from: null, to: null, selectedSignalId: id });
    },
    openTimelineBin(lane, bin, signals) {
      const p = binPivot(get().timelineMode, lane, bin, signals);
      if (!p) return;
      const range = { from: iso(bin.start), to: iso(bin.end) };
      if (p.kind === 'search') pivot({ search: p.search, ...range, selectedSignalId: null });
      else pivot({ search: '', ...range, selectedSignalId: p.signalId });
    },
  };
};
