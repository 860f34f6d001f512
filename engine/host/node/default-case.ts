/**
 * The case Vestige opens when none is named: the sample case, imported once
 * from the generated sample files into `$VESTIGE_HOME/cases/sample`
 * (VESTIGE_HOME defaults to ~/.vestige).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import { runDetection } from '../../detect/run-detection';
import { loadRuleFiles } from '../../detect/node/load-rules';
import { rowsOf } from '../../sql/port';
import { builtinRulesDir, sampleFilesDir } from './resources';

export function vestigeHome(): string {
  return process.env.VESTIGE_HOME ?? join(homedir(), '.vestige');
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile() && !e.name.startsWith('.')) out.push(p);
  }
  return out;
}

export async function prepareDefaultCase(dir = join(vestigeHome(), 'cases', 'sample')): Promise<string> {
  const c = await openCase(dir, { name: 'Sample case: cryptominer on web-01' });
  try {
    const [{ n }] = rowsOf<{ n: bigint }>(await c.port.query('SELECT count(*) AS n FROM sources'));
    if (Number(n) > 0) return c.dir;
    const src = sampleFilesDir();
    if (!existsSync(src)) throw new Error(`sample files not found at ${src}: run "npm run build" first`);
    await importFiles(c, await listFiles(src));
    await runDetection(c.port, await loadRuleFiles([builtinRulesDir()]));
    return c.dir;
  } finally {
    await c.close();
  }
}
