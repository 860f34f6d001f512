import { electronMain } from '../electron-module';
import type { LocalOp } from './op';

/**
 * The native open dialog, for files or for folders (the host imports every
 * file under a folder); the renderer then sends the paths to `import.paths`.
 * No extension filter on purpose: parsers sniff content, and exported logs
 * often carry odd or no extensions.
 */
export const dialogOpenFilesOp: LocalOp<'dialog.openFiles'> = async (ctx, [opts]) => {
  const win = ctx.window();
  if (!win || win.isDestroyed()) return null;
  const { dialog } = electronMain();
  const result = await dialog.showOpenDialog(win, {
    title: opts?.folders ? 'Import log folders' : 'Import logs',
    properties: [opts?.folders ? 'openDirectory' : 'openFile', 'multiSelections', 'dontAddToRecent'],
  });
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
};
