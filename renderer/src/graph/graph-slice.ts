/**
 * The entity graph: what is on screen (merged as nodes are expanded), the
 * seed it started from and the node limit. Clicking an entity pivots to the
 * explorer with that entity's search; clicking a signal opens its events, as
 * the timeline and the signals panel do.
 */
import type { EntityRef, GraphData } from '../../../engine/views/graph/graph-types';
import { mergeGraphs } from '../../../engine/views/graph/graph-shape';
import { errorText, type SliceCreator } from '../store/app-state';
import { entitySearch } from './entity-pivot';

export interface GraphSlice {
  graph: GraphData | null;
  /** Bumped when the graph is replaced (not merged): the canvas lays everything out again. */
  graphEpoch: number;
  graphSeed: EntityRef | null;
  graphLimit: number;
  graphLoading: boolean;
  graphError: string | null;
  /** Starts over from a seed, or from the open signals' entities when null. */
  loadGraph(seed: EntityRef | null): Promise<void>;
  setGraphLimit(limit: number): void;
  expandNode(entity: EntityRef): Promise<void>;
  openEntityEvents(entity: EntityRef): void;
  openGraphSignal(signalId: string): void;
}

export const createGraphSlice: SliceCreator<GraphSlice> = ({ host }) => (set, get) => {
  let generation = 0;
  return {
    graph: null,
    graphEpoch: 0,
    graphSeed: null,
    graphLimit: 300,
    graphLoading: false,
    graphError: null,
    async loadGraph(seed) {
      const gen = ++generation;
      set({ graphLoading: true, graphError: null, graphSeed: seed });
      try {
        const graph = await host.call('views.graph', { limit: get().graphLimit, ...(seed ? { seeds: [seed] } : {}) });
        if (gen === generation) set((s) => ({ graph, graphEpoch: s.graphEpoch + 1, graphLoading: false }));
      } catch (e) {
        if (gen === generation) set({ graphError: errorText(e), graphLoading: false });
      }
    },
    setGraphLimit(graphLimit) {
      set({ graphLimit });
      void get().loadGraph(get().graphSeed);
    },
    async expandNode(entity) {
      const gen = generation;
      set({ graphLoading: true, graphError: null });
      try {
        const more = await host.call('views.graphExpand', entity);
        if (gen !== generation) return;
        const cur = get().graph;
        set({ graph: cur ? mergeGraphs(cur, more) : more, graphLoading: false });
      } catch (e) {
        if (gen === generation) set({ graphError: errorText(e), graphLoading: false });
      }
    },
    openEntityEvents(entity) {
      set({ search: entitySearch(entity), from: null, to: null, selectedSignalId: null });
      get().runQuery();
      get().setView('explorer');
    },
    openGraphSignal(signalId) {
      set({ search: '', from: null, to: null, selectedSignalId: signalId });
      get().runQuery();
      get().setView('explorer');
    },
  };
};
