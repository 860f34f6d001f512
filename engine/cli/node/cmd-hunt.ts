/**
 * `vestige hunt`: run rules over files (into a throw-away case) or over an
 * existing case, and print the signals.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSignals } from '../../case/node/case-queries';
import { openCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import { runDetection } from '../../detect/run-detection';
import { loadRuleFiles } from '../../detect/node/load-rules';
import type { SignalInfo } from '../../host/contract';
import { builtinRulesDir } from '../../host/node/resources';
import { one, parseArgs, UsageError } from './args';

const CSV_COLUMNS = ['rule_id', 'title', 'level', 'tags', 'group', 'event_count', 'first_time', 'last_time', 'event_ids'] as const;

export function signalRecord(s: SignalInfo) {
  return {
    rule_id: s.ruleId,
    title: s.ruleTitle,
    level: s.level,
    tags: s.tags,
    group: s.groupKey,
    event_count: s.eventCount,
    first_time: s.firstTime,
    last_time: s.lastTime,
    event_ids: s.eventIds,
  };
}

export function csvCell(v: unknown): string {
  const s = Array.isArray(v) ? v.join(' ') : v === null || v === undefined ? '' : String(v);
  // Neutralise spreadsheet formulas: log content is hostile.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function cmdHunt(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['case', 'rules', 'format', 'out'], bools: [] });
  const format = one(a, 'format') ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`unknown --format ${format} (jsonl or csv)`);
  const caseDir = one(a, 'case');
  if (!caseDir && a.positional.length === 0) throw new UsageError('hunt needs files or --case DIR');
  if (caseDir && a.positional.length > 0) throw new UsageError('hunt takes files or --case DIR, not both');
  const temp = caseDir ? null : await mkdtemp(join(tmpdir(), 'vestige-hunt-'));
  const c = await openCase(caseDir ?? temp!);
  try {
    if (!caseDir) {
      const sources = await importFiles(c, a.positional);
      for (const s of sources) if (s.error) process.stderr.write(`vestige: ${s.error}\n`);
    }
    const rules = await loadRuleFiles(a.flags.get('rules') ?? [builtinRulesDir()]);
    const result = await runDetection(c.port, rules);
    for (const e of result.errors) process.stderr.write(`vestige: rule ${e.path}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
    const signals = await listSignals(c.port);
    const outPath = one(a, 'out');
    const out = outPath ? createWriteStream(outPath) : process.stdout;
    if (format === 'csv') out.write(CSV_COLUMNS.join(',') + '\n');
    for (const s of signals) {
      const r = signalRecord(s);
      out.write(format === 'jsonl' ? JSON.stringify(r) + '\n' : CSV_COLUMNS.map((k) => csvCell(r[k])).join(',') + '\n');
    }
    if (outPath) await new Promise<void>((ok, fail) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? fail(e) : ok())));
    return 0;
  } finally {
    await c.close();
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}
