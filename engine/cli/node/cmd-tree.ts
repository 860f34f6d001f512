/**
 * `vestige tree --case DIR [--host H] [--event ID] [--limit N] [--json]`:
 * the process forest of a case, as an indented text tree or as JSON.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openCase } from '../../case/node/case-store';
import { forestText } from '../../views/process-tree/tree-text';
import { buildProcessForest } from '../../views/process-tree/process-tree';
import { one, parseArgs, UsageError } from './args';

function intFlag(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--${name} must be a whole number, got ${v}`);
  return Number(v);
}

export async function cmdTree(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const a = parseArgs(argv, { values: ['case', 'host', 'event', 'limit'], bools: ['json'] });
  if (a.positional.length) throw new UsageError(`tree takes no positional arguments (got "${a.positional[0]}")`);
  const dir = one(a, 'case');
  if (!dir) throw new UsageError('tree needs --case DIR');
  const limit = intFlag(one(a, 'limit'), 'limit');
  if (limit === 0) throw new UsageError('--limit must be at least 1');
  const rootEventId = intFlag(one(a, 'event'), 'event');
  // Opening would create an empty case; a mistyped path should fail instead.
  if (!existsSync(join(dir, 'case.json'))) throw new Error(`${dir}: not a Vestige case (no case.json)`);
  const c = await openCase(dir);
  try {
    const forest = await buildProcessForest(c.port, { host: one(a, 'host'), rootEventId, limit });
    out.write(a.bools.has('json') ? JSON.stringify(forest) + '\n' : forestText(forest));
    return 0;
  } finally {
    await c.close();
  }
}
