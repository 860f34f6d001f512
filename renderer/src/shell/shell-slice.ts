/** Which main view is showing, and cross-view pivots (a view asks another to show something). */
import type { SliceCreator } from '../store/app-state';

export interface ShellSlice {
  view: string;
  setView(view: string): void;
}

export const createShellSlice: SliceCreator<ShellSlice> = () => (set) => ({
  view: 'explorer',
  setView: (view) => set({ view }),
});
