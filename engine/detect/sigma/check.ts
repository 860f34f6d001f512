/**
 * Rules-folder checker (the CLI wraps it): every rule is either compiled or
 * refused with its class, reason, file and line.
 */
import { compileBatch } from './compile';
import type { CompileOptions, RuleStatus } from './types';
import type { SigmaErrorClass } from './rule/errors';

export function checkRules(files: readonly { path: string; text: string }[], opts: CompileOptions = {}): RuleStatus[] {
  const { rules, errors } = compileBatch(files, opts);
  const out: RuleStatus[] = rules.map((r) => ({ status: 'compiled', id: r.id, title: r.title, path: r.path, line: r.line }));
  for (const e of errors) {
    out.push({ status: 'refused', id: e.ruleRef, path: e.loc.path, line: e.loc.line, col: e.loc.col, errorClass: e.errorClass, reason: e.message });
  }
  return out;
}

/** Refusals counted by class, then by reason with the variable parts (quoted names) blanked. */
export function summarizeRefusals(statuses: readonly RuleStatus[]): Map<SigmaErrorClass, Map<string, number>> {
  const out = new Map<SigmaErrorClass, Map<string, number>>();
  for (const s of statuses) {
    if (s.status !== 'refused') continue;
    const m = out.get(s.errorClass) ?? new Map<string, number>();
    const reason = s.reason.replace(/'[^']*'/g, "'…'");
    m.set(reason, (m.get(reason) ?? 0) + 1);
    out.set(s.errorClass, m);
  }
  return out;
}
