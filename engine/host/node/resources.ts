/**
 * Where the files Vestige ships live: next to the bundle in `dist/` (built
 * app, CLI) or in the source tree (tests, tsx).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function here(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/** Running from the TypeScript sources (tests, tsx), not from the bundles in dist/. */
export function runningFromSource(): boolean {
  return here().endsWith(join('engine', 'host', 'node'));
}

/** The repository or installed package root (the folder holding package.json). */
export function packageRoot(): string {
  let d = here();
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(d, 'package.json'))) return d;
    d = dirname(d);
  }
  return resolve(here(), '../../..');
}

export function builtinRulesDir(): string {
  return join(packageRoot(), 'engine/detect/rules/builtin');
}

export function rendererDir(): string {
  return join(packageRoot(), 'dist/renderer');
}

/** Generated sample-case source files (written by `npm run build`: samples/generate-cli.ts). */
export function sampleFilesDir(): string {
  return join(packageRoot(), 'dist/sample-case');
}
