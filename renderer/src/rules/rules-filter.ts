/** Pure shaping for the rules view: search, facets for bulk toggles, coverage text. */
import type { RuleInfo } from '../../../engine/detect/detect-channels';

/** Words ANDed over title, id, path, type, level, status, tags; `enabled:no`, `fires:no`, `error:yes` narrow further. */
export function filterRules(rules: readonly RuleInfo[], search: string): RuleInfo[] {
  const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
  return rules.filter((r) =>
    terms.every((t) => {
      const [k, v] = t.split(':', 2);
      if (v !== undefined && k === 'enabled') return r.enabled === (v === 'yes');
      if (v !== undefined && k === 'fires') return r.canFire === (v === 'yes');
      if (v !== undefined && k === 'error') return (r.error !== null) === (v === 'yes');
      return [r.title, r.id, r.path, r.type, r.level, r.status, r.folder, ...r.tags].some((x) => x.toLowerCase().includes(t));
    }),
  );
}

export interface Facet {
  value: string;
  total: number;
  enabled: number;
}

/** Distinct values of a key with how many rules have it and how many of those are on. Refused rules are left out. */
export function facets(rules: readonly RuleInfo[], key: 'folder' | 'level' | 'status'): Facet[] {
  const m = new Map<string, Facet>();
  for (const r of rules) {
    if (r.error) continue;
    const f = m.get(r[key]) ?? { value: r[key], total: 0, enabled: 0 };
    f.total++;
    if (r.enabled) f.enabled++;
    m.set(r[key], f);
  }
  return [...m.values()].sort((a, b) => a.value.localeCompare(b.value));
}

export function coverageText(r: RuleInfo): string {
  if (r.error) return 'refused';
  if (r.eventsInScope === null) return 'coverage unknown';
  if (!r.canFire) return r.eventsInScope > 0 ? `cannot fire here: a step has no events (${r.eventsInScope} in scope)` : 'cannot fire here: no events in its logsource';
  return `${r.eventsInScope.toLocaleString('en-US')} events in scope`;
}

export interface RulesSummary {
  total: number;
  enabled: number;
  refused: number;
  cannotFire: number;
}

export function summarize(rules: readonly RuleInfo[]): RulesSummary {
  return {
    total: rules.length,
    enabled: rules.filter((r) => r.enabled).length,
    refused: rules.filter((r) => r.error).length,
    cannotFire: rules.filter((r) => !r.error && !r.canFire).length,
  };
}
