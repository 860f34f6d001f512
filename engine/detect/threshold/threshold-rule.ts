/**
 * Vestige threshold rules (Datadog-style, see engine/detect/rules/README.md):
 * a Sigma detection block, a group-by, a sliding timeframe and ordered cases.
 * The detection block is compiled by the Sigma compiler; this file only reads
 * and checks the threshold part.
 */
import { parseDocument, stringify } from 'yaml';
import type { Comparator, ThresholdCase } from './threshold-evaluator';

export interface ThresholdRule {
  id: string;
  title: string;
  level: string;
  status: string;
  tags: string[];
  path: string;
  groupBy: string[];
  timeframeMs: number;
  cases: ThresholdCase[];
  /** A plain Sigma rule made of the detection part, for the Sigma compiler. */
  sigmaText: string;
}

const UNIT: Record<string, number> = { s: 1000, m: 60000, h: 3600000, d: 86400000 };
const CASE = /^\s*count\s*(>=|<=|==|>|<)\s*(\d+)\s*$/;
const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'];

export function parseTimeframe(s: unknown): number | null {
  const m = /^(\d+)\s*([smhd])$/.exec(String(s ?? '').trim());
  return m ? Number(m[1]) * UNIT[m[2]] : null;
}

/** True when a YAML text is a Vestige threshold rule rather than plain Sigma. */
export function isThresholdRule(text: string): boolean {
  return /^type:\s*threshold\s*$/m.test(text);
}

export function parseThresholdRule(text: string, path: string): ThresholdRule {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`${path}: YAML error: ${doc.errors[0].message}`);
  const o = doc.toJS() as Record<string, unknown>;
  const fail = (why: string): never => {
    throw new Error(`${path}: threshold rule ${String(o.id ?? '')}: ${why}`);
  };
  if (typeof o.id !== 'string' || typeof o.title !== 'string') fail('needs id and title');
  const level = String(o.level ?? 'medium');
  if (!LEVELS.includes(level)) fail(`unknown level "${level}"`);
  const timeframeMs = parseTimeframe(o.timeframe) ?? fail(`timeframe must look like 10m (s, m, h, d), got ${JSON.stringify(o.timeframe)}`);
  const groupBy = o.group_by === undefined ? [] : Array.isArray(o.group_by) ? o.group_by.map(String) : [String(o.group_by)];
  // Group-by names reach SQL as identifiers or JSON paths: allow only plain field names.
  for (const g of groupBy) if (!/^@?[A-Za-z_][\w.-]*$/.test(g)) fail(`group_by field "${g}" is not a plain field name`);
  let cases: ThresholdCase[];
  if (o.cases !== undefined) {
    if (!Array.isArray(o.cases) || o.cases.length === 0) fail('cases must be a non-empty list');
    cases = (o.cases as Record<string, unknown>[]).map((c, i) => {
      const m = CASE.exec(String(c?.condition ?? ''));
      if (!m) fail(`case ${i + 1}: condition must look like "count >= 20"`);
      const l = String(c.level ?? level);
      if (!LEVELS.includes(l)) fail(`case ${i + 1}: unknown level "${l}"`);
      return { op: m![1] as Comparator, value: Number(m![2]), level: l };
    });
  } else if (typeof o.threshold === 'number') {
    cases = [{ op: '>=', value: o.threshold, level }];
  } else {
    cases = fail('needs cases or threshold');
  }
  if (typeof o.detection !== 'object' || o.detection === null) fail('needs a detection block');
  const sigma = {
    title: o.title,
    id: o.id,
    status: o.status ?? 'experimental',
    level,
    tags: o.tags ?? [],
    logsource: o.logsource ?? {},
    detection: o.detection,
  };
  return {
    id: o.id as string,
    title: o.title as string,
    level,
    status: String(o.status ?? 'experimental'),
    tags: Array.isArray(o.tags) ? o.tags.map(String) : [],
    path,
    groupBy,
    timeframeMs,
    cases,
    sigmaText: stringify(sigma),
  };
}
