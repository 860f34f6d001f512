/**
 * Runs in the sandboxed renderer's isolated world and exposes `window.vestige`
 * (a `HostApi`). Modelled on VS Code's preload: the page gets three functions,
 * never `ipcRenderer` itself, and a channel outside the contract is refused
 * here, before it reaches the IPC bus. Arguments are validated in main
 * (ipc.ts), which is the trust boundary; this is the allowlist.
 *
 * Sandboxed preloads can only require a few modules, so this file imports
 * nothing but pure code (the contract's channel table) and Electron.
 */
import { isChannel, type ImportProgress } from '../engine/host/contract';
import type { IpcRendererEvent } from './electron-api';
import { electronRenderer } from './electron-module';
import { invokeName, PROGRESS_CHANNEL } from './ipc-names';

const { contextBridge, ipcRenderer, webUtils } = electronRenderer();

/** Electron wraps a rejected invoke as "Error invoking remote method 'x': Error: msg"; the page gets just msg. */
export function cleanRemoteError(err: unknown): Error {
  const text = err instanceof Error ? err.message : String(err);
  return new Error(text.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, ''));
}

contextBridge.exposeInMainWorld('vestige', {
  call(channel: unknown, ...args: unknown[]): Promise<unknown> {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return Promise.reject(new Error(`unknown host channel: ${String(channel)}`));
    }
    return ipcRenderer.invoke(invokeName(channel), ...args).catch((err: unknown) => {
      throw cleanRemoteError(err);
    });
  },
  /** The path on disk of a dropped File (so it is imported by path, not copied through the page), or null. */
  pathForFile(file: unknown): string | null {
    try {
      return webUtils.getPathForFile(file) || null;
    } catch {
      return null;
    }
  },
  onProgress(listener: unknown): () => void {
    if (typeof listener !== 'function') throw new TypeError('onProgress needs a function');
    // Wrap so the page never sees the IpcRendererEvent (it carries `sender`).
    const wrapped = (_event: IpcRendererEvent, progress: unknown) => (listener as (p: ImportProgress) => void)(progress as ImportProgress);
    ipcRenderer.on(PROGRESS_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, wrapped);
    };
  },
});
