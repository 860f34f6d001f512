/** Detection signals, the one selected to filter the explorer, and triage: status and suppressions. */
import type { NewSuppressionArgs, SignalStatus } from '../../../engine/detect/detect-channels';
import type { SignalInfo } from '../../../engine/host/contract';
import { errorText, type SliceCreator } from '../store/app-state';
import type { StatusFilter } from './signal-details';

export interface SignalsSlice {
  signals: SignalInfo[];
  signalsError: string | null;
  selectedSignalId: string | null;
  detecting: boolean;
  signalFilter: StatusFilter;
  loadSignals(): Promise<void>;
  selectSignal(id: string | null): void;
  runDetection(): Promise<void>;
  setSignalFilter(f: StatusFilter): void;
  /** Resolves false (and shows the error) when the host refused. */
  setSignalStatus(id: string, status: SignalStatus, reason: string | null): Promise<boolean>;
  /** Saves a suppression, then re-runs detection so it takes effect. */
  addSuppression(s: NewSuppressionArgs): Promise<boolean>;
}

export const createSignalsSlice: SliceCreator<SignalsSlice> = ({ host }) => (set, get) => ({
  signals: [],
  signalsError: null,
  selectedSignalId: null,
  detecting: false,
  signalFilter: 'active',
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
  setSignalFilter: (signalFilter) => set({ signalFilter }),
  async setSignalStatus(id, status, reason) {
    try {
      await host.call('signals.setStatus', id, status, reason);
      await get().loadSignals();
      return true;
    } catch (e) {
      set({ signalsError: errorText(e) });
      return false;
    }
  },
  async addSuppression(s) {
    try {
      await host.call('suppressions.add', s);
    } catch (e) {
      set({ signalsError: errorText(e) });
      return false;
    }
    await get().runDetection();
    return true;
  },
});
