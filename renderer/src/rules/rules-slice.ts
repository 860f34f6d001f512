/** The rules view's state: the rule list as the host compiled it for this case, and switching rules on or off. */
import type { RuleInfo, RuleSelectorArgs } from '../../../engine/detect/detect-channels';
import { errorText, type SliceCreator } from '../store/app-state';

export interface RulesSlice {
  rules: RuleInfo[];
  rulesLoading: boolean;
  rulesError: string | null;
  ruleSearch: string;
  loadRules(): Promise<void>;
  setRuleSearch(s: string): void;
  setRulesEnabled(selector: RuleSelectorArgs, enabled: boolean): Promise<void>;
}

export const createRulesSlice: SliceCreator<RulesSlice> = ({ host }) => (set, get) => ({
  rules: [],
  rulesLoading: false,
  rulesError: null,
  ruleSearch: '',
  async loadRules() {
    set({ rulesLoading: true });
    try {
      set({ rules: await host.call('rules.list'), rulesError: null });
    } catch (e) {
      set({ rulesError: errorText(e) });
    } finally {
      set({ rulesLoading: false });
    }
  },
  setRuleSearch: (ruleSearch) => set({ ruleSearch }),
  async setRulesEnabled(selector, enabled) {
    // One rule: flip it at once, so the switch follows the hand; the reload below confirms.
    if (selector.ruleId && Object.keys(selector).length === 1) set({ rules: get().rules.map((r) => (r.id === selector.ruleId ? { ...r, enabled } : r)) });
    try {
      await host.call('rules.setEnabled', selector, enabled);
      await get().loadRules();
    } catch (e) {
      set({ rulesError: errorText(e) });
    }
  },
});
