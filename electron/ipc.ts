/**
 * Main-process side of the contract: one `ipcMain.handle` per channel in
 * CHANNELS. Every call is checked in the same order: the sender must be our
 * own page (a frame that navigated elsewhere, or a stray webContents, gets
 * nothing), the arguments must pass the contract's validator, and only then
 * does it reach a local op or the host service. Results are plain data;
 * Uint8Array (Arrow pages) survives structured clone as is.
 */
import { CHANNELS, validateArgs, type Args, type Channel, type ImportProgress } from '../engine/host/contract';
import type { HostService } from '../engine/host/service';
import { isAppUrl } from './app-url';
import type { BrowserWindow, IpcMain } from './electron-api';
import { invokeName, PROGRESS_CHANNEL } from './ipc-names';
import type { LocalOp, LocalOps } from './ops/op';

export interface IpcDeps {
  ipcMain: IpcMain;
  service: HostService;
  ops: LocalOps;
  /** The window progress goes to and dialogs attach to; null while none is open. */
  window(): BrowserWindow | null;
}

/** The renderer sees `Error invoking remote method …: Error: <message>`, so keep the message clean. */
function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function registerIpc(deps: IpcDeps): () => void {
  const { ipcMain, service, ops } = deps;
  for (const channel of Object.keys(CHANNELS) as Channel[]) {
    const op = ops[channel] as LocalOp<Channel> | undefined;
    ipcMain.handle(invokeName(channel), async (event, ...args) => {
      if (!isAppUrl(event.senderFrame?.url)) throw new Error(`${channel}: refused, sender is not the Vestige app`);
      const invalid = validateArgs(channel, args);
      if (invalid) throw new Error(`${channel}: ${invalid}`);
      const typed = args as Args<Channel>;
      try {
        return op ? await op({ window: deps.window }, typed) : await service.handle(channel, typed);
      } catch (err) {
        console.error(`[vestige] ${channel} failed:`, err);
        throw new Error(message(err));
      }
    });
  }
  return service.onProgress((progress: ImportProgress) => {
    const win = deps.window();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(PROGRESS_CHANNEL, progress);
  });
}
