/**
 * What the pivot menu does, through the owning slices' own actions: the
 * explorer's filter, the graph's loadGraph, the tree's setTreeHost, the map's
 * loadGeo and the timeline's lane mode; then it switches to that view.
 */
import type { EntityType } from '../../../engine/views/graph/graph-types';
import { useContext } from 'react';
import { StoreContext } from '../store/app-store';
import type { EntityKind } from './entity-kind';

export function usePivotActions() {
  const store = useContext(StoreContext)!;
  const s = () => store.getState();
  return {
    filter: (field: string, value: string, exclude: boolean) => s().addTerm(field, value, exclude),
    graph: (type: EntityType, value: string) => {
      void s().loadGraph({ type, value });
      s().setView('graph');
    },
    tree: (kind: EntityKind | null, value: string) => {
      // A process has no tree of its own: its host's tree, filtered to its name, is where it lives.
      if (kind === 'host') s().setTreeHost(value);
      else s().setTreeFilter({ text: value.split(/[\\/]/).pop() ?? value });
      s().setView('tree');
    },
    map: () => {
      s().loadGeo();
      s().setView('map');
    },
    timeline: (lane: 'host' | 'user') => {
      s().setTimelineMode(lane);
      s().setView('timeline');
    },
    copy: (value: string) => {
      void navigator.clipboard?.writeText(value).catch(() => undefined);
    },
  };
}
