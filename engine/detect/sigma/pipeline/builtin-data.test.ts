import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PIPELINE_FILES } from './builtin-data';
import { builtinPipelines } from './builtin';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '../pipelines');

export function generateBuiltinData(): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();
  const entries = files.map((f) => `  { name: ${JSON.stringify(f)}, text: ${JSON.stringify(readFileSync(join(dir, f), 'utf8'))} },`);
  return (
    '// Generated from ../pipelines/*.yml by builtin-data.test.ts (VESTIGE_UPDATE=1): do not edit.\n' +
    'export const BUILTIN_PIPELINE_FILES: readonly { name: string; text: string }[] = [\n' +
    entries.join('\n') +
    '\n];\n'
  );
}

describe('built-in pipelines', () => {
  it('embed matches pipelines/*.yml (run with VESTIGE_UPDATE=1 to refresh)', () => {
    const want = generateBuiltinData();
    const path = join(here, 'builtin-data.ts');
    if (process.env.VESTIGE_UPDATE === '1') writeFileSync(path, want);
    expect(readFileSync(path, 'utf8')).toBe(want);
    expect(BUILTIN_PIPELINE_FILES.length).toBeGreaterThan(0);
  });

  it('all load', () => {
    const names = builtinPipelines().map((p) => p.name).sort();
    expect(names).toEqual(['cloud', 'generic', 'linux', 'windows']);
  });
});
