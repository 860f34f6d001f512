/**
 * Vestige stateful rule types beyond Sigma and threshold: parse any of them
 * from YAML. Each is a Sigma-like header, one or more Sigma detection blocks
 * (compiled by the Sigma compiler) and the parameters of its streaming
 * evaluator. Format: engine/detect/rules/README.md.
 *
 * How to add a type: a parser here (header + parameters + `sigma` texts), an
 * evaluator beside it, a runner in `run-stateful.ts`, a section in the README.
 */
import { RuleDoc, RuleError, type RuleHeader } from './rule-header';

interface Base extends RuleHeader {
  /** Sigma texts to compile: one per detection block, with the key path of each block for error lines. */
  sigma: { text: string; at: (string | number)[]; line: number | null }[];
}

export interface NewValueRule extends Base {
  type: 'new_value';
  groupBy: string[];
  fields: string[];
  learningMs: number;
}

export interface AnomalyRule extends Base {
  type: 'anomaly';
  groupBy: string[];
  bucketMs: number;
  deviations: number;
  minHistory: number;
  minCount: number;
}

export interface ImpossibleTravelRule extends Base {
  type: 'impossible_travel';
  userField: string;
  ipField: string;
  maxSpeedKmh: number;
  minDistanceKm: number;
}

export interface SequenceRule extends Base {
  type: 'sequence';
  groupBy: string[];
  withinMs: number;
  steps: { name: string; minCount: number; logsource: Record<string, string> }[];
}

export type StatefulRule = NewValueRule | AnomalyRule | ImpossibleTravelRule | SequenceRule;
export const STATEFUL_TYPES = ['new_value', 'anomaly', 'impossible_travel', 'sequence'] as const;

const KEYS: Record<StatefulRule['type'], string[]> = {
  new_value: ['group_by', 'fields', 'learning_period'],
  anomaly: ['group_by', 'bucket', 'deviations', 'min_history', 'min_count'],
  impossible_travel: ['user_field', 'ip_field', 'max_speed_kmh', 'min_distance_km'],
  sequence: ['group_by', 'within', 'steps'],
};
const COMMON = ['title', 'id', 'type', 'status', 'description', 'author', 'date', 'modified', 'references', 'tags', 'logsource', 'detection', 'falsepositives', 'level', 'fields'];

function num(d: RuleDoc, key: string, dflt: number, min: number, integer = false): number {
  const v = d.data[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
    d.fail([key], `${key} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${JSON.stringify(v)}`);
  }
  return v as number;
}

export function parseStatefulRule(text: string, path: string): StatefulRule {
  const d = new RuleDoc(text, path, 'stateful');
  const type = d.data.type as StatefulRule['type'];
  if (!(STATEFUL_TYPES as readonly string[]).includes(String(type))) d.fail(['type'], `unknown rule type "${String(type)}" (${STATEFUL_TYPES.join(', ')})`);
  const doc = d;
  doc.kind = type;
  const h = doc.header();
  const allowed = new Set([...COMMON, ...KEYS[type]]);
  for (const k of Object.keys(doc.data)) if (!allowed.has(k)) doc.fail([k], `unknown key "${k}" for type ${type}`);
  const main = () => [{ text: doc.sigmaText(h, ['detection']), at: ['detection'], line: doc.lineOf(['detection']) }];
  switch (type) {
    case 'new_value':
      return { type, ...h, sigma: main(), groupBy: doc.fields('group_by', { required: false }), fields: doc.fields('fields', { required: true }), learningMs: doc.duration('learning_period')! };
    case 'anomaly':
      return {
        type, ...h, sigma: main(),
        groupBy: doc.fields('group_by', { required: false }),
        bucketMs: doc.duration('bucket')!,
        deviations: num(doc, 'deviations', 3, 0),
        minHistory: num(doc, 'min_history', 24, 2, true),
        minCount: num(doc, 'min_count', 1, 1, true),
      };
    case 'impossible_travel':
      return {
        type, ...h, sigma: main(),
        userField: doc.fields('user_field', { required: false })[0] ?? 'user.name',
        ipField: doc.fields('ip_field', { required: false })[0] ?? 'source.ip',
        maxSpeedKmh: num(doc, 'max_speed_kmh', 1000, 1),
        minDistanceKm: num(doc, 'min_distance_km', 500, 0),
      };
    case 'sequence':
      return parseSequence(doc, h);
  }
}

function parseSequence(doc: RuleDoc, h: RuleHeader): SequenceRule {
  if (doc.data.detection !== undefined) doc.fail(['detection'], 'a sequence has no top-level detection: each step has its own');
  const steps = doc.data.steps;
  if (!Array.isArray(steps) || steps.length < 2) doc.fail(['steps'], 'steps must be a list of at least two steps');
  const out: SequenceRule['steps'] = [];
  const sigma: Base['sigma'] = [];
  (steps as unknown[]).forEach((s, i) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) doc.fail(['steps', i], `step ${i + 1} must be a mapping`);
    const o = s as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!['name', 'detection', 'min_count', 'logsource'].includes(k)) doc.fail(['steps', i, k], `step ${i + 1}: unknown key "${k}"`);
    const mc = o.min_count ?? 1;
    if (typeof mc !== 'number' || !Number.isInteger(mc) || mc < 1) doc.fail(['steps', i, 'min_count'], `step ${i + 1}: min_count must be an integer >= 1`);
    if (i === (steps as unknown[]).length - 1 && mc !== 1) doc.fail(['steps', i, 'min_count'], 'the last step completes the sequence: its min_count must be 1');
    const ls = o.logsource ?? h.logsource;
    if (typeof ls !== 'object' || ls === null || Array.isArray(ls)) doc.fail(['steps', i, 'logsource'], `step ${i + 1}: logsource must be a mapping`);
    const logsource = Object.fromEntries(Object.entries(ls as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    out.push({ name: typeof o.name === 'string' ? o.name : `step ${i + 1}`, minCount: mc as number, logsource });
    sigma.push({ text: doc.sigmaText(h, ['steps', i, 'detection'], logsource, `#${i + 1}`), at: ['steps', i, 'detection'], line: doc.lineOf(['steps', i, 'detection']) });
  });
  const groupBy = doc.fields('group_by', { required: true });
  return { type: 'sequence', ...h, sigma, groupBy, withinMs: doc.duration('within')!, steps: out };
}

export { RuleError };
