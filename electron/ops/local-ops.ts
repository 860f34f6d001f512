import { dialogOpenFilesOp } from './dialog-open-files-op';
import type { LocalOps } from './op';

/**
 * Channels Electron main answers itself, because they need Electron (a native
 * dialog attached to the window). Every other channel goes to the host process.
 */
export const LOCAL_OPS: LocalOps = {
  'dialog.openFiles': dialogOpenFilesOp,
};
