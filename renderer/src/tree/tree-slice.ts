/**
 * The process tree tab: the chosen host, its forest, which nodes are
 * collapsed and which is selected. Jumping to a node's event points the
 * explorer at exactly that event and opens its detail.
 */
import type { ProcessForest } from '../../../engine/views/process-tree/tree-types';
import { decodeEventPage } from '../explorer/event-record';
import { errorText, type SliceCreator } from '../store/app-state';
import { NO_FILTER, type TreeFilter } from './tree-filter';

export interface TreeSlice {
  treeHost: string | null;
  treeForest: ProcessForest | null;
  treeLoading: boolean;
  treeError: string | null;
  /** Collapsed node ids (everything starts expanded). */
  treeCollapsed: ReadonlySet<string>;
  treeSelectedId: string | null;
  treeFilter: TreeFilter;
  /** Loads the chosen host's forest; with no host yet, picks the one with most processes. */
  loadTree(): Promise<void>;
  setTreeHost(host: string): void;
  toggleTreeNode(id: string): void;
  setTreeCollapsed(ids: Iterable<string>): void;
  selectTreeNode(id: string | null): void;
  setTreeFilter(f: Partial<TreeFilter>): void;
  openProcessEvent(eventId: number): Promise<void>;
}

export const createTreeSlice: SliceCreator<TreeSlice> = ({ host }) => (set, get) => {
  let generation = 0;
  return {
    treeHost: null,
    treeForest: null,
    treeLoading: false,
    treeError: null,
    treeCollapsed: new Set(),
    treeSelectedId: null,
    treeFilter: NO_FILTER,
    async loadTree() {
      const gen = ++generation;
      set({ treeLoading: true, treeError: null });
      try {
        let chosen = get().treeHost;
        if (chosen === null) {
          // An empty eventIds list returns the hosts without building any tree.
          const { hosts } = await host.call('views.processTree', { eventIds: [] });
          chosen = hosts[0]?.host ?? '';
        }
        const forest = await host.call('views.processTree', chosen ? { host: chosen } : {});
        if (gen === generation) set({ treeForest: forest, treeHost: chosen, treeLoading: false });
      } catch (e) {
        if (gen === generation) set({ treeError: errorText(e), treeLoading: false });
      }
    },
    setTreeHost(treeHost) {
      if (treeHost === get().treeHost) return;
      set({ treeHost, treeCollapsed: new Set(), treeSelectedId: null });
      void get().loadTree();
    },
    toggleTreeNode(id) {
      const next = new Set(get().treeCollapsed);
      if (!next.delete(id)) next.add(id);
      set({ treeCollapsed: next });
    },
    setTreeCollapsed(ids) {
      set({ treeCollapsed: new Set(ids) });
    },
    selectTreeNode(treeSelectedId) {
      set({ treeSelectedId });
    },
    setTreeFilter(f) {
      set((s) => ({ treeFilter: { ...s.treeFilter, ...f } }));
    },
    async openProcessEvent(eventId) {
      set({ search: `event.id:${eventId}`, from: null, to: null, selectedSignalId: null });
      get().runQuery();
      get().setView('explorer');
      try {
        const page = await host.call('events.page', { eventIds: [eventId], limit: 1 });
        const [record] = decodeEventPage(page.rows, 0);
        if (record) get().selectEvent(record);
      } catch (e) {
        set({ explorerError: errorText(e) });
      }
    },
  };
};
