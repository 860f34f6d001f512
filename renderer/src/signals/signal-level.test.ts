import { describe, expect, it } from 'vitest';
import { levelIntent, sortSignals } from './signal-level';

describe('signal levels', () => {
  it('maps levels to intents, unknown ones to none', () => {
    expect(levelIntent('CRITICAL')).toBe('danger');
    expect(levelIntent('medium')).toBe('warning');
    expect(levelIntent('whatever')).toBe('none');
  });
  it('sorts by severity, then event count, then title', () => {
    const s = [
      { level: 'low', eventCount: 50, ruleTitle: 'a' },
      { level: 'high', eventCount: 1, ruleTitle: 'b' },
      { level: 'high', eventCount: 9, ruleTitle: 'c' },
      { level: 'odd', eventCount: 99, ruleTitle: 'd' },
    ];
    expect(sortSignals(s).map((x) => x.ruleTitle)).toEqual(['c', 'b', 'a', 'd']);
  });
});
