/**
 * Host handlers of the detection channels (triage, suppressions, rules), so
 * that `host-service.ts` only spreads them in. Each validates again what the
 * engine insists on (a reason to archive) and throws a typed error with a
 * message fit for the analyst.
 */
import type { Args, HostContract } from '../../host/contract';
import type { SqlPort } from '../../sql/port';
import { listRules } from '../catalog/rule-list';
import { setRulesEnabled } from '../catalog/rule-toggles';
import type { RuleText } from '../catalog/rule-catalog';
import { addSuppression, listSuppressions, removeSuppression } from '../signals/suppressions';
import { setSignalStatus } from '../signals/triage';

type DetectChannel = 'signals.setStatus' | 'suppressions.list' | 'suppressions.add' | 'suppressions.remove' | 'rules.list' | 'rules.setEnabled';
type Handlers = { [C in DetectChannel]: (...args: Args<C>) => Promise<Awaited<ReturnType<HostContract[C]>>> };

export function detectHandlers(port: SqlPort, loadRules: () => Promise<RuleText[]>): Handlers {
  return {
    'signals.setStatus': async (id, status, reason) => {
      await setSignalStatus(port, id, status, reason);
      return { id, status };
    },
    'suppressions.list': () => listSuppressions(port),
    'suppressions.add': (s) => addSuppression(port, s),
    'suppressions.remove': async (id) => ({ removed: await removeSuppression(port, id) }),
    'rules.list': async () => listRules(await loadRules(), port),
    'rules.setEnabled': async (selector, enabled) => ({ toggles: (await setRulesEnabled(port, selector, enabled)).length }),
  };
}
