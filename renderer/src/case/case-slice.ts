/** Case info (name, counts, sources) and per-source rejection reasons. */
import type { CaseInfo, Rejection } from '../../../engine/host/contract';
import { errorText, type SliceCreator } from '../store/app-state';

export interface CaseSlice {
  caseInfo: CaseInfo | null;
  caseError: string | null;
  /** First rejection reasons per source id, loaded on demand. */
  rejections: Record<number, Rejection[] | undefined>;
  loadCase(): Promise<void>;
  loadRejections(sourceId: number): Promise<void>;
  /** Sets a source's clock-skew correction (ms); views re-query, stored data is untouched. */
  setSkew(sourceId: number, skewMs: number): Promise<void>;
}

export const REJECTIONS_SHOWN = 10;

export const createCaseSlice: SliceCreator<CaseSlice> = ({ host }) => (set, get) => ({
  caseInfo: null,
  caseError: null,
  rejections: {},
  async loadCase() {
    try {
      const caseInfo = await host.call('case.info');
      // Counts may have changed: rejection lists loaded earlier are stale.
      set({ caseInfo, caseError: null, rejections: {} });
    } catch (e) {
      set({ caseError: errorText(e) });
    }
  },
  async setSkew(sourceId, skewMs) {
    try {
      await host.call('sources.setSkew', sourceId, skewMs);
      await get().loadCase();
      get().runQuery();
    } catch (e) {
      set({ caseError: errorText(e) });
    }
  },
  async loadRejections(sourceId) {
    try {
      const list = await host.call('case.rejections', sourceId, REJECTIONS_SHOWN);
      set((s) => ({ rejections: { ...s.rejections, [sourceId]: list } }));
    } catch (e) {
      set((s) => ({ rejections: { ...s.rejections, [sourceId]: [{ sourceId, member: '', line: null, offset: null, reason: `could not load: ${errorText(e)}` }] } }));
    }
  },
});
