/**
 * The main views, in tab order. How to add one: write its component under
 * `renderer/src/<view>/`, add an entry here, and (if it keeps state) a slice
 * in `store/app-store.ts` and `store/app-state.ts`.
 */
import type { ComponentType } from 'react';
import { ExplorerView } from '../explorer/explorer-view';
import { MapView } from '../map/map-view';
import { TimelineView } from '../timeline/timeline-view';
import { GraphView } from '../graph/graph-view';
import { RulesView } from '../rules/rules-view';
import { ProcessTreeView } from '../tree/process-tree-view';

export interface ViewEntry {
  id: string;
  title: string;
  component: ComponentType;
}

export const VIEWS: readonly ViewEntry[] = [{ id: 'explorer', title: 'Explorer', component: ExplorerView }, { id: 'map', title: 'Map', component: MapView }, { id: 'timeline', title: 'Timeline', component: TimelineView }, { id: 'graph', title: 'Graph', component: GraphView }, { id: 'rules', title: 'Rules', component: RulesView }, { id: 'tree', title: 'Process tree', component: ProcessTreeView }];
