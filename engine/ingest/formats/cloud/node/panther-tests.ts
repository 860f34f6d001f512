/**
 * Test helper: the labelled sample events in panther-analysis rule files
 * (`Tests: - Log: {…}`), with the log type each was written for. Scheduled
 * rules are left out: their tests are query results (aggregates), not events.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface PantherSample {
  rule: string;
  test: string;
  logType: string;
  log: Record<string, unknown>;
}

export function pantherSamples(rulesDir: string): { samples: PantherSample[]; scheduled: number } {
  const samples: PantherSample[] = [];
  let scheduled = 0;
  for (const f of readdirSync(rulesDir).filter((n) => n.endsWith('.yml')).sort()) {
    const doc = parse(readFileSync(join(rulesDir, f), 'utf8')) as { AnalysisType?: string; LogTypes?: string[]; Tests?: { Name?: string; Log?: unknown }[] };
    for (const t of doc.Tests ?? []) {
      const log = t.Log;
      if (log === null || typeof log !== 'object' || Array.isArray(log)) continue;
      if (doc.AnalysisType !== 'rule') {
        scheduled++;
        continue;
      }
      const o = log as Record<string, unknown>;
      const logType = typeof o.p_log_type === 'string' ? o.p_log_type : (doc.LogTypes ?? []).join('|');
      samples.push({ rule: f, test: t.Name ?? '', logType, log: o });
    }
  }
  return { samples, scheduled };
}
