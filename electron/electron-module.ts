/**
 * The only place that loads `electron`. Everything else imports these typed
 * handles, so unit tests replace this one module with `vi.mock` and the code
 * typechecks against `electron-api.ts` whether or not the package is installed.
 *
 * `require` rather than `import`: esbuild bundles this file to CommonJS with
 * `electron` external, and a sandboxed preload can only `require` it. The
 * getters defer the load until first use, so importing a module that merely
 * mentions Electron never loads it.
 */
import type { ElectronMain, ElectronRenderer } from './electron-api';

export function electronMain(): ElectronMain {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the one deliberate require, see above
  return require('electron') as ElectronMain;
}

export function electronRenderer(): ElectronRenderer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the one deliberate require, see above
  return require('electron') as ElectronRenderer;
}
