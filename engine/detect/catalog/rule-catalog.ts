/**
 * Every rule of a rule set, compiled once: Sigma rules (with correlations and
 * filters) as a batch, threshold and stateful rules each on their own. The
 * catalog is what detection runs, what `rules.list` shows and what
 * `vestige rules check` prints; refusals carry their class, file and line.
 */
import { compileBatch, compileSigma } from '../sigma/compile';
import type { CompiledRule } from '../sigma/types';
import { compileStateful, type CompiledStateful } from '../stateful/compile-stateful';
import { RuleError, ruleTypeOf } from '../stateful/rule-header';
import { parseStatefulRule, STATEFUL_TYPES } from '../stateful/stateful-rule';
import { parseThresholdRule, type ThresholdRule } from '../threshold/threshold-rule';

export interface RuleText {
  path: string;
  text: string;
  /** Folder relative to the rule root (`linux`), for enabling by folder; derived from the path when absent. */
  folder?: string;
}

export type RuleType = 'sigma' | 'correlation' | 'threshold' | (typeof STATEFUL_TYPES)[number];

export interface CatalogRule {
  id: string;
  title: string;
  level: string;
  status: string;
  type: RuleType;
  path: string;
  line: number | null;
  folder: string;
  tags: readonly string[];
  /** Detection blocks as compiled Sigma (one, or one per sequence step; none for a correlation). */
  blocks: readonly CompiledRule[];
  /** Fires on its own (false for a correlation's building blocks). */
  standalone: boolean;
  sigma?: CompiledRule;
  threshold?: ThresholdRule;
  stateful?: CompiledStateful;
}

export interface CatalogError {
  path: string;
  line: number | null;
  ruleId?: string;
  errorClass: string;
  message: string;
}

export interface Catalog {
  rules: CatalogRule[];
  errors: CatalogError[];
}

function folderOf(f: RuleText): string {
  if (f.folder !== undefined) return f.folder;
  const parts = f.path.split(/[\\/]/);
  return parts.length > 1 ? parts[parts.length - 2] : '';
}

export function buildCatalog(files: readonly RuleText[]): Catalog {
  const rules: CatalogRule[] = [];
  const errors: CatalogError[] = [];
  const sigmaFiles: RuleText[] = [];
  const folders = new Map(files.map((f) => [f.path, folderOf(f)]));
  for (const f of files) {
    const type = ruleTypeOf(f.text);
    if (type === null) {
      sigmaFiles.push(f);
      continue;
    }
    try {
      if (type === 'threshold') rules.push(thresholdEntry(f, folders.get(f.path)!));
      else rules.push(statefulEntry(f, folders.get(f.path)!));
    } catch (e) {
      errors.push(e instanceof RuleError
        ? { path: e.path, line: e.line, ruleId: e.ruleId, errorClass: e.errorClass, message: e.message }
        : { path: f.path, line: null, errorClass: 'schema', message: (e as Error).message });
    }
  }
  const compiled = compileBatch(sigmaFiles);
  for (const e of compiled.errors) errors.push({ path: e.loc.path, line: e.loc.line, ruleId: e.ruleRef, errorClass: e.errorClass, message: e.message });
  for (const r of compiled.rules) {
    const corr = r.kind === 'correlation';
    rules.push({
      id: r.id, title: r.title, level: r.level, status: r.status, type: corr ? 'correlation' : 'sigma', path: r.path, line: r.line,
      folder: folders.get(r.path) ?? '', tags: r.tags, blocks: corr ? [] : [r], standalone: r.standalone, sigma: r,
    });
  }
  return { rules, errors };
}

function thresholdEntry(f: RuleText, folder: string): CatalogRule {
  const t = parseThresholdRule(f.text, f.path);
  const c = compileSigma(t.sigmaText, f.path);
  if (c.errors.length || c.rules.length !== 1) {
    throw new RuleError('detection', `threshold rule ${t.id}: detection: ${c.errors[0]?.message ?? 'did not compile'}`, f.path, null, t.id);
  }
  return { id: t.id, title: t.title, level: t.level, status: t.status, type: 'threshold', path: f.path, line: 1, folder, tags: t.tags, blocks: c.rules, standalone: true, threshold: t };
}

function statefulEntry(f: RuleText, folder: string): CatalogRule {
  const s = compileStateful(parseStatefulRule(f.text, f.path));
  const r = s.rule;
  return { id: r.id, title: r.title, level: r.level, status: r.status, type: r.type, path: f.path, line: 1, folder, tags: r.tags, blocks: s.blocks, standalone: true, stateful: s };
}
