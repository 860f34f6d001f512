/**
 * Static checks of the built-in rule pack: every file parses, carries the keys
 * Sigma v2.1 and our README require, uses only fields the pipelines map for
 * its logsource, and threshold rules follow the documented form. Whether the
 * rules fire on the sample case is checked by running them, elsewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CORE_COLUMNS } from '../../schema/ecs';
import { TACTICS } from '../attack';
import { compileStateful } from '../stateful/compile-stateful';
import { parseStatefulRule, STATEFUL_TYPES } from '../stateful/stateful-rule';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), 'builtin');
const DOMAINS = ['cloud', 'kubernetes', 'linux', 'process', 'web'];
const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'];
const STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'];
const REQUIRED = ['title', 'id', 'status', 'description', 'author', 'date', 'tags', 'logsource', 'detection', 'falsepositives', 'level'];
const THRESHOLD_KEYS = ['type', 'group_by', 'timeframe', 'cases'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MODIFIERS = new Set(['contains', 'startswith', 'endswith', 'all', 're', 'i', 'm', 's', 'cidr', 'exists', 'cased', 'base64', 'base64offset', 'windash', 'gt', 'gte', 'lt', 'lte', 'fieldref', 'expand', 'neq']);
const CONDITION_WORDS = new Set(['and', 'or', 'not', 'of', '1', 'all', 'them']);

/** Fields the Linux pipeline maps per category; a typo here would silently match nothing. */
const TAXONOMY: Record<string, ReadonlySet<string>> = {
  process_creation: new Set(['Image', 'CommandLine', 'ParentImage', 'User']),
  file_event: new Set(['TargetFilename', 'Image', 'User']),
  network_connection: new Set(['DestinationIp', 'DestinationPort', 'Image', 'User']),
  webserver: new Set(['cs-method', 'cs-uri-stem', 'cs-uri-query', 'sc-status', 'c-ip', 'c-useragent', 'cs-host', 'cs-referer']),
};
const CORE = new Set<string>(CORE_COLUMNS.map((c) => c.name));

interface Rule {
  readonly file: string;
  readonly data: Record<string, unknown>;
}

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? ruleFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

const files = ruleFiles(ROOT).sort();
const rules: Rule[] = files.map((path) => {
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0].message}`);
  return { file: relative(ROOT, path), data: doc.toJS() as Record<string, unknown> };
});

const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Field keys (`Image|endswith`) of every search identifier, with their values. */
function fieldEntries(detection: Record<string, unknown>): [string, unknown][] {
  return Object.entries(detection)
    .filter(([k]) => k !== 'condition')
    .flatMap(([, v]) => (Array.isArray(v) ? v : [v]))
    .flatMap((m) => Object.entries(asRecord(m)));
}

/** Search identifiers a condition refers to, wildcards (`selection_*`) expanded against the defined ones. */
function referencedIdentifiers(condition: string, defined: readonly string[]): { used: Set<string>; missing: string[] } {
  const used = new Set<string>();
  const missing: string[] = [];
  for (const token of condition.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean)) {
    if (CONDITION_WORDS.has(token)) continue;
    const re = new RegExp(`^${token.replace(/\*/g, '.*')}$`);
    const hits = defined.filter((d) => re.test(d));
    if (hits.length === 0) missing.push(token);
    hits.forEach((h) => used.add(h));
  }
  return { used, missing };
}

describe('built-in rule pack', () => {
  it('has 60+ rules spread over every domain folder', () => {
    expect(rules.length).toBeGreaterThanOrEqual(60);
    const domains = new Set(rules.map((r) => r.file.split('/')[0]));
    expect([...domains].sort()).toEqual(DOMAINS);
  });

  it.each(rules.map((r) => [r.file, r] as const))('%s is a well-formed rule', (file, { data }) => {
    expect(file).toMatch(/^[a-z]+\/[a-z0-9_]{10,70}\.yml$/);
    // A sequence has a detection per step instead of one.
    for (const key of REQUIRED) expect(data, `missing ${key}`).toHaveProperty(data.type === 'sequence' && key === 'detection' ? 'steps' : key);
    for (const key of Object.keys(data)) expect(key).toBe(key.toLowerCase());
    expect(data.id).toMatch(UUID);
    expect(STATUSES).toContain(data.status);
    expect(LEVELS).toContain(data.level);
    expect(String(data.date)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof data.title === 'string' && data.title.length > 10).toBe(true);
    expect(Array.isArray(data.falsepositives) && data.falsepositives.length > 0).toBe(true);

    const tags = data.tags as string[];
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags) expect(tag).toMatch(/^attack\.(t\d{4}(\.\d{3})?|[a-z-]+)$/);
    expect(tags.some((t) => TACTICS[t.slice(7)] !== undefined), 'needs an ATT&CK tactic').toBe(true);
    expect(tags.some((t) => /^attack\.t\d{4}/.test(t)), 'needs an ATT&CK technique').toBe(true);
    for (const t of tags.filter((x) => !/^attack\.t\d/.test(x))) expect(TACTICS, `unknown tactic ${t}`).toHaveProperty(t.slice(7));
  });

  const blocks = rules.flatMap((r) =>
    r.data.type === 'sequence'
      ? (r.data.steps as Record<string, unknown>[]).map((st, i) => [`${r.file} step ${i + 1}`, { logsource: st.logsource ?? r.data.logsource, detection: st.detection }] as const)
      : [[r.file, { logsource: r.data.logsource, detection: r.data.detection }] as const],
  );
  it.each(blocks)('%s has a detection whose condition and fields resolve', (_file, data) => {
    const logsource = asRecord(data.logsource);
    expect(Object.keys(logsource).every((k) => ['product', 'category', 'service'].includes(k))).toBe(true);
    const detection = asRecord(data.detection);
    expect(typeof detection.condition).toBe('string');
    const defined = Object.keys(detection).filter((k) => k !== 'condition');
    const { used, missing } = referencedIdentifiers(String(detection.condition), defined);
    expect(missing, 'condition names undefined identifiers').toEqual([]);
    expect(defined.filter((d) => !used.has(d)), 'identifiers never used by the condition').toEqual([]);

    const allowed = TAXONOMY[String(logsource.category)];
    for (const [key, value] of fieldEntries(detection)) {
      const [field, ...mods] = key.split('|');
      for (const m of mods) expect(MODIFIERS.has(m), `unknown modifier ${m} in ${key}`).toBe(true);
      if (allowed) expect(allowed.has(field), `${field} is not mapped for ${String(logsource.category)}`).toBe(true);
      if (logsource.service === 'auth') expect(CORE.has(field), `${field} is not an ECS core column`).toBe(true);
      const values = Array.isArray(value) ? value : [value];
      if (mods.includes('re')) for (const v of values) expect(() => new RegExp(String(v))).not.toThrow();
      if (mods.includes('cidr')) for (const v of values) expect(String(v)).toMatch(/^[0-9a-f:.]+\/\d{1,3}$/i);
      // An unescaped * or ? is a Sigma wildcard; none of our values mean one.
      for (const v of values) if (typeof v === 'string' && !mods.includes('re')) expect(v).not.toMatch(/(^|[^\\])[*?]/);
    }
  });

  it('gives every rule its own id and title', () => {
    const ids = rules.map((r) => r.data.id);
    const titles = rules.map((r) => String(r.data.title).toLowerCase());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(titles).size).toBe(titles.length);
  });

  const thresholds = rules.filter((r) => r.data.type === 'threshold');
  it('has threshold rules in several domains', () => {
    expect(thresholds.length).toBeGreaterThanOrEqual(5);
    expect(new Set(thresholds.map((r) => r.file.split('/')[0])).size).toBeGreaterThanOrEqual(3);
  });

  it.each(thresholds.map((r) => [r.file, r] as const))('%s follows the threshold form', (_file, { data }) => {
    expect(Array.isArray(data.group_by) && (data.group_by as unknown[]).every((g) => typeof g === 'string')).toBe(true);
    expect(String(data.timeframe)).toMatch(/^\d+[smhd]$/);
    const cases = data.cases as { condition: string; level: string }[];
    expect(cases.length).toBeGreaterThan(0);
    const limits = cases.map((c) => {
      const m = /^count (>=|>|==|<=|<) (\d+)$/.exec(c.condition);
      expect(m, `bad case condition "${c.condition}"`).not.toBeNull();
      expect(LEVELS).toContain(c.level);
      return Number(m?.[2]);
    });
    // First match wins, so the strictest (largest) count must come first.
    expect([...limits].sort((a, b) => b - a)).toEqual(limits);
  });

  const stateful = rules.filter((r) => (STATEFUL_TYPES as readonly unknown[]).includes(r.data.type));
  it('has a rule of every stateful type', () => {
    expect([...new Set(stateful.map((r) => r.data.type))].sort()).toEqual([...STATEFUL_TYPES].sort());
  });

  it.each(stateful.map((r) => [r.file, r] as const))('%s parses and compiles as its stateful type', (file) => {
    const path = join(ROOT, file);
    const c = compileStateful(parseStatefulRule(readFileSync(path, 'utf8'), path));
    expect(c.blocks.length).toBeGreaterThan(0);
  });

  it('keeps threshold keys out of plain Sigma rules', () => {
    for (const r of rules.filter((x) => x.data.type === undefined)) {
      for (const key of THRESHOLD_KEYS) expect(r.data, `${r.file} has ${key}`).not.toHaveProperty(key);
    }
  });
});
