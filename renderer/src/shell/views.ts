/**
 * The main views, in tab order. How to add one: write its component under
 * `renderer/src/<view>/`, add an entry here, and (if it keeps state) a slice
 * in `store/app-store.ts` and `store/app-state.ts`.
 */
import type { ComponentType } from 'react';
import { ExplorerView } from '../explorer/explorer-view';

export interface ViewEntry {
  id: string;
  title: string;
  component: ComponentType;
}

export const VIEWS: readonly ViewEntry[] = [{ id: 'explorer', title: 'Explorer', component: ExplorerView }];
