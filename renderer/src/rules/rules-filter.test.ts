import { describe, expect, it } from 'vitest';
import type { RuleInfo } from '../../../engine/detect/detect-channels';
import { coverageText, facets, filterRules, summarize } from './rules-filter';

const rule = (o: Partial<RuleInfo>): RuleInfo => ({
  id: 'id', title: 'T', level: 'high', status: 'stable', type: 'sigma', path: 'linux/a.yml', line: 1, folder: 'linux', tags: [],
  enabled: true, sql: [], error: null, eventsInScope: 10, canFire: true, ...o,
});

const RULES = [
  rule({ id: 'a', title: 'SSH Brute Force', tags: ['attack.t1110'] }),
  rule({ id: 'b', title: 'Web Shell', folder: 'web', level: 'critical', enabled: false, eventsInScope: 0, canFire: false }),
  rule({ id: 'c', title: 'broken.yml', type: 'refused', level: '', status: '', enabled: false, error: { errorClass: 'modifier', message: 'x' }, eventsInScope: null, canFire: false }),
];

describe('rules shaping', () => {
  it('searches words and narrows by enabled/fires/error', () => {
    expect(filterRules(RULES, 'ssh t1110').map((r) => r.id)).toEqual(['a']);
    expect(filterRules(RULES, 'enabled:no').map((r) => r.id)).toEqual(['b', 'c']);
    expect(filterRules(RULES, 'fires:no error:no').map((r) => r.id)).toEqual(['b']);
    expect(filterRules(RULES, '').map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
  it('counts facets without refused rules', () => {
    expect(facets(RULES, 'folder')).toEqual([{ value: 'linux', total: 1, enabled: 1 }, { value: 'web', total: 1, enabled: 0 }]);
  });
  it('says whether a rule can fire here', () => {
    expect(RULES.map(coverageText)).toEqual(['10 events in scope', 'cannot fire here: no events in its logsource', 'refused']);
    expect(summarize(RULES)).toEqual({ total: 3, enabled: 1, refused: 1, cannotFire: 1 });
  });
});
