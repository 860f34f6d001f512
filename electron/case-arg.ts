/**
 * `--case DIR` (or `--case=DIR`) on the command line picks the case folder;
 * without it the host prepares the sample case. Resolved in main against the
 * user's working directory, because the host process may start elsewhere.
 */
import path from 'node:path';

export function parseCaseArg(argv: readonly string[], cwd: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let value: string | undefined;
    if (a === '--case') {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error('--case needs a folder: --case DIR');
    } else if (a.startsWith('--case=')) {
      value = a.slice('--case='.length);
      if (!value) throw new Error('--case needs a folder: --case=DIR');
    }
    if (value !== undefined) return path.resolve(cwd, value);
  }
  return null;
}
