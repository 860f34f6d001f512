/**
 * `npm start`: the Electron app where an Electron binary exists; otherwise
 * (as on machines that cannot download it) web mode, serving the same UI on
 * 127.0.0.1. Arguments (`--case DIR`, `--port N`) pass through.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../engine/cli/node/main';
import { packageRoot } from '../engine/host/node/resources';
import { findElectronBinary } from './launch';

const root = packageRoot();
const args = process.argv.slice(2);
const electron = findElectronBinary(root);
if (electron) {
  const child = spawn(electron, [join(root, 'dist/electron/main.cjs'), ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write('Electron binary not found (it cannot be downloaded here): starting web mode instead.\n');
  process.exitCode = await main(['serve', ...args]);
}
