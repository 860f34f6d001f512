/** The whole renderer state is the union of the feature slices. */
import type { StateCreator } from 'zustand';
import type { HostApi } from '../../../engine/host/contract';
import type { HostKind } from '../host/get-host';
import type { CaseSlice } from '../case/case-slice';
import type { ExplorerSlice } from '../explorer/explorer-slice';
import type { ImportSlice } from '../import/import-slice';
import type { SignalsSlice } from '../signals/signals-slice';
import type { ShellSlice } from '../shell/shell-slice';
import type { RulesSlice } from '../rules/rules-slice';
import type { MapSlice } from '../map/map-slice';
import type { TimelineSlice } from '../timeline/timeline-slice';
import type { GraphSlice } from '../graph/graph-slice';
import type { TreeSlice } from '../tree/tree-slice';
import type { AnnotationsSlice } from '../annotations/annotations-slice';

export type AppState = CaseSlice & ExplorerSlice & SignalsSlice & ImportSlice & ShellSlice & MapSlice & TimelineSlice & GraphSlice & RulesSlice & TreeSlice & AnnotationsSlice;

/** What every slice creator gets besides set/get: the host, never a global. */
export interface SliceDeps {
  host: HostApi;
  kind: HostKind;
}

export type SliceCreator<S> = (deps: SliceDeps) => StateCreator<AppState, [], [], S>;

/** Errors from the host are shown as text; keep only the message. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
