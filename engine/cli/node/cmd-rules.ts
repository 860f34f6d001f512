/**
 * `vestige rules check [PATH…] [--case DIR] [--json]`: every rule file of a
 * rule set as compiled, refused (class, file, line, reason) or, with a case,
 * unable to fire there because no event is in its logsource scope. Exits 1
 * when a rule is refused, so it can gate a rules repository's CI.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openCase, type OpenCase } from '../../case/node/case-store';
import { listRules } from '../../detect/catalog/rule-list';
import type { RuleInfo } from '../../detect/detect-channels';
import { loadRuleFiles } from '../../detect/node/load-rules';
import { builtinRulesDir } from '../../host/node/resources';
import { one, parseArgs, UsageError } from './args';

export type RuleVerdict = 'compiled' | 'refused' | 'no-logsource-in-case';

export function verdict(r: RuleInfo, withCase: boolean): RuleVerdict {
  if (r.error) return 'refused';
  return withCase && !r.canFire ? 'no-logsource-in-case' : 'compiled';
}

function humanLine(r: RuleInfo, v: RuleVerdict, cwd: string): string {
  const where = `${relative(cwd, r.path) || r.path}${r.line ? `:${r.line}` : ''}`;
  if (v === 'refused') return `refused   ${where}  ${r.error!.errorClass}: ${r.error!.message}`;
  const scope = r.eventsInScope === null ? '' : v === 'compiled' ? `  (${r.eventsInScope} events in scope)` : '  (cannot fire here: no event in its logsource)';
  return `${v === 'compiled' ? 'compiled ' : 'no-source'} ${where}  ${r.type}  ${r.title}${r.enabled ? '' : '  [disabled]'}${scope}`;
}

export async function cmdRules(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'check') throw new UsageError(sub ? `unknown rules subcommand "${sub}" (check)` : 'rules needs a subcommand: check');
  const a = parseArgs(rest, { values: ['case'], bools: ['json'] });
  const caseDir = one(a, 'case');
  if (caseDir && !existsSync(join(caseDir, 'case.json'))) throw new UsageError(`${caseDir} is not a case (no case.json)`);
  const files = await loadRuleFiles(a.positional.length ? a.positional : [builtinRulesDir()]);
  let c: OpenCase | null = null;
  try {
    if (caseDir) c = await openCase(caseDir);
    const rules = await listRules(files, c?.port);
    const withCase = c !== null;
    const counts: Record<RuleVerdict, number> = { compiled: 0, refused: 0, 'no-logsource-in-case': 0 };
    const rows = rules.map((r) => {
      const v = verdict(r, withCase);
      counts[v]++;
      return { r, v };
    });
    if (a.bools.has('json')) {
      for (const { r, v } of rows) {
        out(JSON.stringify({ verdict: v, id: r.id, title: r.title, type: r.type, level: r.level, status: r.status, path: r.path, line: r.line, folder: r.folder,
          enabled: r.enabled, eventsInScope: r.eventsInScope, errorClass: r.error?.errorClass ?? null, reason: r.error?.message ?? null }) + '\n');
      }
    } else {
      const cwd = process.cwd();
      for (const { r, v } of rows) out(humanLine(r, v, cwd) + '\n');
      out(`${files.length} files, ${rules.length} rules: ${counts.compiled} compiled, ${counts.refused} refused` +
        (withCase ? `, ${counts['no-logsource-in-case']} cannot fire in this case` : '') + '\n');
    }
    return counts.refused > 0 ? 1 : 0;
  } finally {
    await c?.close();
  }
}
