/**
 * Operations Electron answers itself instead of forwarding to the host
 * process (native dialogs, facts about the shell). One operation per file,
 * Zui-style; how to add one: write `ops/<domain>-<verb>-op.ts` exporting a
 * `LocalOp`, and list it in `local-ops.ts`. Its channel must already be in
 * the contract; ipc.ts has validated the arguments before the op runs.
 */
import type { Args, Channel, Result } from '../../engine/host/contract';
import type { BrowserWindow } from '../electron-api';

export interface OpContext {
  /** The window that asked, if it is still open (dialogs attach to it). */
  window(): BrowserWindow | null;
}

export type LocalOp<C extends Channel> = (ctx: OpContext, args: Args<C>) => Promise<Result<C>>;

export type LocalOps = { [C in Channel]?: LocalOp<C> };
