import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../testing/node/corpus';
import { checkRules, summarizeRefusals } from './check';

const root = corpusRoot();

function ymlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...ymlFiles(p));
    else if (name.endsWith('.yml') || name.endsWith('.yaml')) out.push(p);
  }
  return out;
}

describe.skipIf(!root)('corpus: SigmaHQ rules compile', () => {
  it('compiles ≥ 99% of sigma/rules and explains every refusal', () => {
    const dir = join(root!, 'sigma/rules');
    const files = ymlFiles(dir).map((p) => ({ path: relative(root!, p), text: readFileSync(p, 'utf8') }));
    const t0 = Date.now();
    const statuses = checkRules(files);
    const ms = Date.now() - t0;
    const compiled = statuses.filter((s) => s.status === 'compiled').length;
    const refused = statuses.filter((s) => s.status === 'refused');
    const lines = [`[sigma corpus] ${files.length} files: ${compiled} compiled, ${refused.length} refused (${((100 * compiled) / statuses.length).toFixed(2)}%) in ${ms} ms`];
    for (const [cls, reasons] of summarizeRefusals(statuses)) {
      lines.push(`  ${cls}: ${[...reasons.values()].reduce((a, b) => a + b, 0)}`);
      for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8)) lines.push(`    ${n} × ${reason}`);
    }
    console.log(lines.join('\n'));
    for (const r of refused) expect(r.status === 'refused' && r.reason.length > 0 && r.line > 0).toBe(true);
    expect(compiled / statuses.length).toBeGreaterThanOrEqual(0.99);
  });

  it('refuses the legacy rules in sigma/unsupported with reasons', () => {
    const dir = join(root!, 'sigma/unsupported');
    const files = ymlFiles(dir).map((p) => ({ path: relative(root!, p), text: readFileSync(p, 'utf8') }));
    const statuses = checkRules(files);
    const refused = statuses.filter((s) => s.status === 'refused');
    console.log(`[sigma unsupported] ${files.length} files: ${statuses.length - refused.length} compiled, ${refused.length} refused`);
    for (const [cls, reasons] of summarizeRefusals(statuses)) console.log(`  ${cls}: ${[...reasons].map(([r, n]) => `${n} × ${r}`).slice(0, 4).join(' | ')}`);
    expect(refused.length).toBeGreaterThan(0);
  });
});
