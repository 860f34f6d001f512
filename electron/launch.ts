/**
 * For `npm start`: is a runnable Electron binary here? Plain Node, no
 * Electron import. We must not `require('electron')`: its index.js downloads
 * the binary when missing, which on an offline machine hangs or fails instead
 * of letting us fall back to web mode. So we repeat its lookup read-only:
 * `path.txt` names the executable inside `dist/` (e.g. `electron`,
 * `electron.exe`, `Electron.app/Contents/MacOS/Electron`).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function findElectronBinary(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pkgDir = path.join(repoRoot, 'node_modules', 'electron');
  let exe: string;
  try {
    exe = readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    exe = '';
  }
  // Same override electron's own index.js honours (a locally built or cached Electron).
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, exe || 'electron');
    return isFile(candidate) ? candidate : null;
  }
  if (!exe) return null;
  const candidate = path.join(pkgDir, 'dist', exe);
  return isFile(candidate) ? candidate : null;
}
