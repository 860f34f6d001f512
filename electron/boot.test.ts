import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostService } from '../engine/host/service';
import { bundlePaths, claimSingleInstance, handleQuit, openMainWindow, startHost } from './boot';
import { resetFake, type FakeElectron } from './testing/fake-electron';

vi.mock('./electron-module', async () => {
  const f = await import('./testing/fake-electron');
  return { electronMain: f.fake, electronRenderer: f.fake };
});

let e: FakeElectron;
const host = () => ({ handle: vi.fn(), onProgress: vi.fn(() => () => {}), close: vi.fn(async () => {}) });
beforeEach(() => {
  e = resetFake();
});

describe('boot phases', () => {
  it('points at the bundles esbuild writes beside main.cjs', () => {
    const p = bundlePaths('/app/dist/electron');
    expect(p).toEqual({
      preload: path.join('/app/dist/electron', 'preload.cjs'),
      hostProcess: path.join('/app/dist/electron', 'host-process.cjs'),
      renderer: path.join('/app/dist', 'renderer'),
    });
  });

  it('a second instance quits at once', () => {
    e.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    expect(claimSingleInstance()).toBe(false);
    expect(e.app.quit).toHaveBeenCalled();
    expect(e.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('the first instance registers the app scheme before ready', () => {
    expect(claimSingleInstance()).toBe(true);
    expect(e.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
  });

  it('forks the host process with --case when one was given', () => {
    e.utilityProcess.fork.mockReturnValue({ postMessage: vi.fn(), on: vi.fn(), kill: vi.fn() });
    startHost(['electron', '.', '--case', '/cases/x']);
    const [modulePath, args] = e.utilityProcess.fork.mock.calls[0] as unknown as [string, string[]];
    expect(modulePath.endsWith('host-process.cjs')).toBe(true);
    expect(args).toEqual(['--case', path.resolve('/cases/x')]);
  });

  it('a second launch focuses the existing window', () => {
    const win = openMainWindow(host() as unknown as HostService);
    const fw = e.windows()[0];
    expect(fw).toBe(win);
    fw.minimized = true;
    e.app.emit('second-instance');
    expect(fw.restore).toHaveBeenCalled();
    expect(fw.focus).toHaveBeenCalled();
  });

  it('quitting waits for the host to close DuckDB, then quits for real', async () => {
    const h = host();
    handleQuit(h as unknown as HostService);
    let prevented = false;
    e.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(h.close).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(e.app.quit).toHaveBeenCalled());
    prevented = false;
    e.app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
    expect(h.close).toHaveBeenCalledTimes(1);
  });
});
