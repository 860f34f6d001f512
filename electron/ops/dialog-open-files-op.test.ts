import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from '../electron-api';
import { resetFake, type FakeElectron, FakeWindow } from '../testing/fake-electron';
import { dialogOpenFilesOp } from './dialog-open-files-op';

vi.mock('../electron-module', async () => {
  const f = await import('../testing/fake-electron');
  return { electronMain: f.fake, electronRenderer: f.fake };
});

let e: FakeElectron;
let win: FakeWindow;
const ctx = () => ({ window: () => win as unknown as BrowserWindow });
beforeEach(() => {
  e = resetFake();
  win = new FakeWindow({});
});

describe('dialog.openFiles', () => {
  it('returns the chosen paths from a multi-select dialog attached to the window', async () => {
    e.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/logs/a.evtx', '/logs/b.jsonl'] });
    await expect(dialogOpenFilesOp(ctx(), [])).resolves.toEqual(['/logs/a.evtx', '/logs/b.jsonl']);
    const [parent, options] = e.dialog.showOpenDialog.mock.calls[0] as unknown as [unknown, { properties: string[] }];
    expect(parent).toBe(win);
    expect(options.properties).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
  });

  it('asks for folders when told to (the host imports every file under them)', async () => {
    e.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/evidence/winevt'] });
    await expect(dialogOpenFilesOp(ctx(), [{ folders: true }])).resolves.toEqual(['/evidence/winevt']);
    const [, options] = e.dialog.showOpenDialog.mock.calls[0] as unknown as [unknown, { properties: string[] }];
    expect(options.properties).toEqual(expect.arrayContaining(['openDirectory', 'multiSelections']));
    expect(options.properties).not.toContain('openFile');
  });

  it('returns null when the user cancels', async () => {
    e.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(dialogOpenFilesOp(ctx(), [])).resolves.toBeNull();
  });

  it('returns null without a dialog when no window is open', async () => {
    await expect(dialogOpenFilesOp({ window: () => null }, [])).resolves.toBeNull();
    expect(e.dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});
