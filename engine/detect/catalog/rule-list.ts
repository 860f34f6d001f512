/**
 * The rules view and `vestige rules check`: every rule of a rule set as
 * compiled (with its SQL), refused (class, file, line) or unable to fire in
 * this case (no event in its logsource scope), and whether it is switched on.
 */
import type { SqlPort } from '../../sql/port';
import type { RuleInfo } from '../detect-channels';
import { buildCatalog, type RuleText } from './rule-catalog';
import { ruleCoverage } from './rule-coverage';
import { isRuleEnabled, loadToggles, type RuleToggle } from './rule-toggles';

const textParam = (p: unknown) => (typeof p === 'bigint' ? p.toString() : (p as string | number | boolean | null));

/** With a case (`port`), coverage and toggles come from it; without, every rule counts as enabled and coverage is unknown. */
export async function listRules(files: readonly RuleText[], port?: SqlPort): Promise<RuleInfo[]> {
  const catalog = buildCatalog(files);
  const toggles: RuleToggle[] = port ? await loadToggles(port) : [];
  const coverage = port ? await ruleCoverage(port, catalog.rules) : new Map();
  const folders = new Map(files.map((f) => [f.path, f.folder ?? '']));
  const out: RuleInfo[] = catalog.rules.map((r) => {
    const cov = coverage.get(r.id);
    const sql = r.type === 'correlation' && r.sigma?.correlation ? [r.sigma.correlation] : r.blocks;
    return {
      id: r.id, title: r.title, level: r.level, status: r.status, type: r.type, path: r.path, line: r.line, folder: r.folder,
      tags: [...r.tags], enabled: isRuleEnabled(toggles, r),
      sql: sql.map((b) => ({ sql: b.sql, params: b.params.map(textParam) })),
      error: null,
      eventsInScope: cov ? cov.eventsInScope : null,
      canFire: cov ? cov.canFire : false,
    };
  });
  for (const e of catalog.errors) {
    out.push({
      id: e.ruleId ?? `${e.path}:${e.line ?? 0}`, title: e.ruleId ?? e.path, level: '', status: '', type: 'refused', path: e.path, line: e.line,
      folder: folders.get(e.path) ?? '', tags: [], enabled: false, sql: [], error: { errorClass: e.errorClass, message: e.message }, eventsInScope: null, canFire: false,
    });
  }
  return out.sort((a, b) => a.folder.localeCompare(b.folder) || a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0));
}
