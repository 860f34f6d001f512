/** Detection signals and the one selected to filter the explorer. */
import type { SignalInfo } from '../../../engine/host/contract';
import { errorText, type SliceCreator } from '../store/app-state';

export interface SignalsSlice {
  signals: SignalInfo[];
  signalsError: string | null;
  selectedSignalId: string | null;
  detecting: boolean;
  loadSignals(): Promise<void>;
  selectSignal(id: string | null): void;
  runDetection(): Promise<void>;
}

export const createSignalsSlice: SliceCreator<SignalsSlice> = ({ host }) => (set, get) => ({
  signals: [],
  signalsError: null,
  selectedSignalId: null,
  detecting: false,
  async loadSignals() {
    try {
      const signals = await host.call('signals.list');
      const sel = get().selectedSignalId;
      const keep = sel !== null && signals.some((s) => s.id === sel);
      set({ signals, signalsError: null, selectedSignalId: keep ? sel : null });
      if (sel !== null && !keep) get().runQuery();
    } catch (e) {
      set({ signalsError: errorText(e) });
    }
  },
  selectSignal(id) {
    if (get().selectedSignalId === id) return;
    set({ selectedSignalId: id });
    get().runQuery();
  },
  async runDetection() {
    set({ detecting: true, signalsError: null });
    try {
      await host.call('detect.run');
      await Promise.all([get().loadSignals(), get().loadCase()]);
    } catch (e) {
      set({ signalsError: errorText(e) });
    } finally {
      set({ detecting: false });
    }
  },
});
