import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';


const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The datasets folder, or null (after printing why) when it is absent. */
export function corpusRoot(): string | null {
  const root = corpusRootFrom(process.env.VESTIGE_CORPUS, [join(repoRoot, '../shared/datasets')], existsSync);
  if (!root) console.warn('[corpus] real datasets not found (set VESTIGE_CORPUS or put shared/datasets beside the checkout): corpus tests skipped');
  return root;
}

export const REPO_ROOT = repoRoot;

function corpusRootFrom(env: string | undefined, candidates: readonly string[], exists: (p: string) => boolean): string | null {
  if (env) return exists(env) ? env : null;
  for (const c of candidates) if (exists(c)) return c;
  return null;
}
