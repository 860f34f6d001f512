/**
 * The event explorer: the query descriptor, the histogram, and a window of
 * pages fetched as the table scrolls. Every query change bumps `generation`;
 * replies for an older generation are dropped.
 */
import type { EventQuery, Histogram } from '../../../engine/host/contract';
import { errorText, type AppState, type SliceCreator } from '../store/app-state';
import { buildQuery } from './event-query';
import { decodeEventPage, type EventRecord } from './event-record';
import { createExplorerToolsSlice, type ExplorerToolsSlice } from './explorer-tools-slice';
import { missingPages, pageRequest, pagesForRange, withPage, PAGE_SIZE, type Pages } from './page-cache';

export const HISTOGRAM_BUCKETS = 100;

export interface ExplorerSlice extends ExplorerToolsSlice {
  search: string;
  from: string | null;
  to: string | null;
  generation: number;
  /** Matching events, null until the first page of a query arrives. */
  total: number | null;
  /** The host stopped counting (see COUNT_CAP in engine/views/events-view.ts): `total` is a lower bound until the histogram arrives. */
  totalCapped: boolean;
  /** True from a query change until its first page arrives; `total` is the old one meanwhile. */
  loading: boolean;
  pages: Pages<EventRecord>;
  histogram: Histogram | null;
  explorerError: string | null;
  selectedEvent: EventRecord | null;
  setSearch(search: string): void;
  setRange(from: string | null, to: string | null): void;
  /** Re-runs the current query from the first page (after an import, a filter change). */
  runQuery(): void;
  /** Makes sure the pages covering rows [first, last] are loaded. */
  ensureRows(first: number, last: number): void;
  selectEvent(e: EventRecord | null): void;
}

export function currentQuery(s: AppState): EventQuery {
  const signal = s.signals.find((x) => x.id === s.selectedSignalId) ?? null;
  return buildQuery({ search: s.search, from: s.from, to: s.to, signal, sortField: s.sortField, order: s.order });
}

export const createExplorerSlice: SliceCreator<ExplorerSlice> = (deps) => (set, get, api) => {
  const { host } = deps;
  const inflight = new Set<number>();

  const fetchPage = async (gen: number, page: number, total: number | null) => {
    inflight.add(page);
    try {
      const res = await host.call('events.page', { ...currentQuery(get()), ...pageRequest(page, total) });
      if (get().generation !== gen) return;
      const rows = decodeEventPage(res.rows, page * PAGE_SIZE);
      set((s) => ({ total: res.total, totalCapped: res.totalCapped ?? false, loading: false, pages: withPage(s.pages, page, rows), explorerError: null }));
    } catch (e) {
      if (get().generation === gen) set({ explorerError: errorText(e), loading: false });
    } finally {
      if (get().generation === gen) inflight.delete(page);
    }
  };

  const fetchHistogram = async (gen: number) => {
    try {
      const histogram = await host.call('events.histogram', currentQuery(get()), HISTOGRAM_BUCKETS);
      if (get().generation === gen) set({ histogram });
    } catch (e) {
      if (get().generation === gen) set({ histogram: null, explorerError: errorText(e) });
    }
  };

  return {
    ...createExplorerToolsSlice(deps)(set, get, api),
    search: '',
    from: null,
    to: null,
    generation: 0,
    total: null,
    totalCapped: false,
    loading: false,
    pages: {},
    histogram: null,
    explorerError: null,
    selectedEvent: null,
    setSearch(search) {
      if (search === get().search) return;
      set({ search });
      get().runQuery();
    },
    setRange(from, to) {
      set({ from, to });
      get().runQuery();
    },
    runQuery() {
      const gen = get().generation + 1;
      inflight.clear();
      // Keep the old total and histogram on screen until the new ones arrive, so nothing flickers.
      set({ generation: gen, pages: {}, loading: true, explorerError: null });
      void fetchPage(gen, 0, null);
      void fetchHistogram(gen);
      void get().loadTopValues();
    },
    ensureRows(first, last) {
      const { total, pages, generation, loading } = get();
      if (total === null || loading) return;
      for (const p of missingPages(pagesForRange(first, last, total), pages, inflight)) void fetchPage(generation, p, total);
    },
    selectEvent(selectedEvent) {
      set({ selectedEvent });
    },
  };
};
