/**
 * The renderer store: zustand, built from one slice per feature. The host is
 * injected so tests can drive the store with a fake one.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createContext, useContext } from 'react';
import { createCaseSlice } from '../case/case-slice';
import { createExplorerSlice } from '../explorer/explorer-slice';
import { createImportSlice } from '../import/import-slice';
import { createSignalsSlice } from '../signals/signals-slice';
import { createShellSlice } from '../shell/shell-slice';
import { createRulesSlice } from '../rules/rules-slice';
import { createMapSlice } from '../map/map-slice';
import { createTimelineSlice } from '../timeline/timeline-slice';
import { createGraphSlice } from '../graph/graph-slice';
import { createTreeSlice } from '../tree/tree-slice';
import { createAnnotationsSlice } from '../annotations/annotations-slice';
import type { AppState, SliceDeps } from './app-state';

export type AppStore = StoreApi<AppState>;

export function createAppStore(deps: SliceDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createCaseSlice(deps)(...a),
    ...createExplorerSlice(deps)(...a),
    ...createSignalsSlice(deps)(...a),
    ...createImportSlice(deps)(...a),
    ...createShellSlice(deps)(...a),
    ...createRulesSlice(deps)(...a),
    ...createMapSlice(deps)(...a),
    ...createTimelineSlice(deps)(...a),
    ...createGraphSlice(deps)(...a),
    ...createTreeSlice(deps)(...a),
    ...createAnnotationsSlice(deps)(...a),
  }));
}

export const StoreContext = createContext<AppStore | null>(null);

export function useApp<T>(selector: (s: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp outside StoreContext');
  return useStore(store, selector);
}
