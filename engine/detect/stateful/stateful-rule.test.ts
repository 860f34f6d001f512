import { describe, expect, it } from 'vitest';
import { compileStateful } from './compile-stateful';
import { RuleError, ruleTypeOf } from './rule-header';
import { parseStatefulRule } from './stateful-rule';

const HEAD = `title: T
id: r-1
level: high
tags: [attack.initial-access]
logsource:
    product: linux
    service: auth
`;
const DET = `detection:
    sel:
        event.action: 'ssh_login'
    condition: sel
`;

function refusal(text: string): { line: number | null; message: string; cls: string } {
  try {
    parseStatefulRule(text, 'r.yml');
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    expect(e.path).toBe('r.yml');
    return { line: e.line, message: e.message, cls: e.errorClass };
  }
  throw new Error('expected a refusal');
}

describe('stateful rule parsing', () => {
  it('reads the type without parsing YAML', () => {
    expect(ruleTypeOf(`title: x\ntype: new_value # watch\n`)).toBe('new_value');
    expect(ruleTypeOf(`title: x\ncorrelation:\n    type: event_count\n`)).toBeNull();
  });

  it('parses new_value with defaults and compiles its detection', () => {
    const r = parseStatefulRule(`type: new_value\n${HEAD}${DET}group_by: host.name\nfields: [source.ip]\nlearning_period: 2d\n`, 'r.yml');
    expect(r).toMatchObject({ type: 'new_value', id: 'r-1', level: 'high', groupBy: ['host.name'], fields: ['source.ip'], learningMs: 2 * 86_400_000 });
    const c = compileStateful(r);
    expect(c.blocks).toHaveLength(1);
    expect(c.blocks[0].sql).toContain('event.action');
  });

  it('parses anomaly, impossible_travel and sequence parameters', () => {
    const a = parseStatefulRule(`type: anomaly\n${HEAD}${DET}bucket: 1h\ndeviations: 2.5\nmin_history: 12\n`, 'r.yml');
    expect(a).toMatchObject({ bucketMs: 3_600_000, deviations: 2.5, minHistory: 12, minCount: 1, groupBy: [] });
    const t = parseStatefulRule(`type: impossible_travel\n${HEAD}${DET}`, 'r.yml');
    expect(t).toMatchObject({ userField: 'user.name', ipField: 'source.ip', maxSpeedKmh: 1000, minDistanceKm: 500 });
    const s = parseStatefulRule(`type: sequence\n${HEAD}group_by: [source.ip]\nwithin: 30m\nsteps:\n  - min_count: 3\n    detection: {a: {event.outcome: failure}, condition: a}\n  - name: in\n    detection: {b: {event.outcome: success}, condition: b}\n`, 'r.yml');
    expect(s).toMatchObject({ withinMs: 1_800_000, steps: [{ name: 'step 1', minCount: 3 }, { name: 'in', minCount: 1 }] });
    expect(compileStateful(s as never).blocks).toHaveLength(2);
  });

  it('refuses with the line of the key at fault', () => {
    expect(refusal(`type: new_value\n${HEAD}${DET}fields: [source.ip]\nlearning_period: soon\n`)).toMatchObject({ line: 14, cls: 'schema', message: expect.stringContaining('learning_period must look like 10m') });
    expect(refusal(`type: new_value\n${HEAD}${DET}fields: ["a'b"]\nlearning_period: 1d\n`)).toMatchObject({ line: 13, cls: 'field' });
    expect(refusal(`type: anomaly\n${HEAD}${DET}bucket: 1h\nmin_history: 1\n`)).toMatchObject({ line: 14, message: expect.stringContaining('min_history must be an integer >= 2') });
    expect(refusal(`type: anomaly\n${HEAD}${DET}bucket: 1h\nthreshold: 3\n`)).toMatchObject({ line: 14, message: expect.stringContaining('unknown key "threshold"') });
    expect(refusal(`type: teleport\n${HEAD}`)).toMatchObject({ line: 1, message: expect.stringContaining('unknown rule type "teleport"') });
    expect(refusal(`type: new_value\n${HEAD}${DET}fields: [a]\nlearning_period: 1d\nlevel: severe\n`)).toMatchObject({ cls: 'yaml', line: 15 });
    expect(refusal(`type: anomaly\n${HEAD.replace('level: high', 'level: severe')}${DET}bucket: 1h\n`)).toMatchObject({ line: 4, message: expect.stringContaining('unknown level "severe"') });
  });

  it('refuses malformed sequences at the step at fault', () => {
    const seq = (steps: string) => `type: sequence\n${HEAD}group_by: [source.ip]\nwithin: 30m\nsteps:\n${steps}`;
    expect(refusal(seq(`  - detection: {a: {x: 1}, condition: a}\n`))).toMatchObject({ line: 11, message: expect.stringContaining('at least two steps') });
    expect(refusal(seq(`  - detection: {a: {x: 1}, condition: a}\n  - detection: {b: {x: 2}, condition: b}\n    min_count: 2\n`))).toMatchObject({ line: 14, message: expect.stringContaining('last step') });
    expect(refusal(seq(`  - detection: {a: {x: 1}, condition: a}\n  - detect: {b: {x: 2}, condition: b}\n`))).toMatchObject({ line: 13, message: expect.stringContaining('unknown key "detect"') });
  });

  it('reports a detection the Sigma compiler refuses at the detection key', () => {
    const r = parseStatefulRule(`type: new_value\n${HEAD}detection:\n    sel:\n        a|nosuchmod: 1\n    condition: sel\nfields: [b]\nlearning_period: 1d\n`, 'r.yml');
    try {
      compileStateful(r);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      expect((e as RuleError).line).toBe(9);
      expect((e as RuleError).message).toMatch(/nosuchmod/);
    }
  });
});
