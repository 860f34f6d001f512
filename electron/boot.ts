/**
 * The boot phases main.ts calls, in order. Paths are relative to the bundle:
 * the lead's esbuild step writes main.cjs, preload.cjs and host-process.cjs
 * side by side in dist/electron/, next to Vite's dist/renderer/.
 */
import path from 'node:path';
import type { HostService } from '../engine/host/service';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { parseCaseArg } from './case-arg';
import type { BrowserWindow } from './electron-api';
import { electronMain } from './electron-module';
import { startHostProcess } from './host-launcher';
import { registerIpc } from './ipc';
import { LOCAL_OPS } from './ops/local-ops';
import { createMainWindow, hardenSession } from './window';

export const bundlePaths = (dir: string = __dirname) => ({
  preload: path.join(dir, 'preload.cjs'),
  hostProcess: path.join(dir, 'host-process.cjs'),
  renderer: path.join(dir, '..', 'renderer'),
});

/** A second launch focuses the first window instead of opening the same case twice (DuckDB allows one writer). */
export function claimSingleInstance(): boolean {
  const { app, protocol } = electronMain();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  registerAppScheme(protocol); // must precede ready
  return true;
}

export async function whenAppReady(): Promise<void> {
  const { app, session, protocol } = electronMain();
  await app.whenReady();
  hardenSession(session.defaultSession);
  serveAppProtocol(protocol, bundlePaths().renderer);
}

export function startHost(argv: readonly string[]): HostService {
  return startHostProcess(bundlePaths().hostProcess, parseCaseArg(argv, process.cwd()));
}

/** One window; IPC is registered once and always talks to whichever window is open. */
export function openMainWindow(host: HostService): BrowserWindow {
  const { app, ipcMain } = electronMain();
  let current: BrowserWindow | null = createMainWindow(bundlePaths().preload);
  const win = current;
  win.on('closed', () => (current = null));
  registerIpc({ ipcMain, service: host, ops: LOCAL_OPS, window: () => current });
  app.on('second-instance', () => {
    if (!current) return;
    if (current.isMinimized()) current.restore();
    current.focus();
  });
  return win;
}

/** Quit when the window closes, but only after the host has closed DuckDB cleanly (or timed out). */
export function handleQuit(host: HostService): void {
  const { app } = electronMain();
  let hostClosed = false;
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (hostClosed) return;
    event.preventDefault();
    hostClosed = true;
    void host.close().finally(() => app.quit());
  });
}

export function failBoot(err: unknown): void {
  const { app, dialog } = electronMain();
  const text = err instanceof Error ? err.message : String(err);
  console.error('[vestige] failed to start:', err);
  dialog.showErrorBox('Vestige could not start', text);
  app.exit(1);
}
