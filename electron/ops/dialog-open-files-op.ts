import { electronMain } from '../electron-module';
import type { LocalOp } from './op';

/**
 * The native open dialog; the renderer then sends the paths to
 * `import.paths`. No extension filter on purpose: parsers sniff content, and
 * exported logs often carry odd or no extensions.
 */
export const dialogOpenFilesOp: LocalOp<'dialog.openFiles'> = async (ctx) => {
  const win = ctx.window();
  if (!win || win.isDestroyed()) return null;
  const { dialog } = electronMain();
  const result = await dialog.showOpenDialog(win, {
    title: 'Import logs',
    properties: ['openFile', 'multiSelections', 'dontAddToRecent'],
  });
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
};
