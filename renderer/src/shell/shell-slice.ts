/** Which main view is showing, and cross-view pivots (a view asks another to show something). */
import { setDisplayZone } from '../common/time-format';
import type { SliceCreator } from '../store/app-state';

export interface ShellSlice {
  view: string;
  setView(view: string): void;
  /** Display time zone ('UTC' by default); views re-render when it changes. */
  zone: string;
  setZone(zone: string): void;
}

export const createShellSlice: SliceCreator<ShellSlice> = () => (set) => ({
  view: 'explorer',
  setView: (view) => set({ view }),
  zone: 'UTC',
  setZone: (zone) => {
    setDisplayZone(zone);
    set({ zone });
  },
});
