import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostApi, ImportProgress } from '../engine/host/contract';
import { resetFake, type FakeElectron } from './testing/fake-electron';

vi.mock('./electron-module', async () => {
  const f = await import('./testing/fake-electron');
  return { electronMain: f.fake, electronRenderer: f.fake };
});

let e: FakeElectron;
let api: HostApi;
beforeAll(async () => {
  e = resetFake();
  await import('./preload');
  api = e.contextBridge.exposed.get('vestige') as HostApi;
});
beforeEach(() => e.ipcRenderer.invoke.mockClear());

describe('preload', () => {
  it('exposes exactly call, onProgress and pathForFile as window.vestige', () => {
    expect(e.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(api).sort()).toEqual(['call', 'onProgress', 'pathForFile']);
  });

  it('gives a dropped file its path on disk through webUtils, and null when it has none', () => {
    const pathForFile = (api as unknown as { pathForFile(f: unknown): string | null }).pathForFile;
    const file = { name: 'Security.evtx' };
    e.webUtils.getPathForFile.mockReturnValueOnce('/evidence/Security.evtx');
    expect(pathForFile(file)).toBe('/evidence/Security.evtx');
    expect(e.webUtils.getPathForFile).toHaveBeenLastCalledWith(file);
    // A file made in the page (no disk path) gives '', and a non-File makes Electron throw.
    e.webUtils.getPathForFile.mockReturnValueOnce('');
    expect(pathForFile(file)).toBeNull();
    e.webUtils.getPathForFile.mockImplementationOnce(() => {
      throw new TypeError('not a File');
    });
    expect(pathForFile('nope')).toBeNull();
  });

  it('forwards contract channels to their IPC name with all arguments', async () => {
    const bytes = new Uint8Array([1, 2]);
    await expect(api.call('import.upload', 'a.evtx', bytes)).resolves.toBe('invoked');
    expect(e.ipcRenderer.invoke).toHaveBeenCalledWith('vestige:import.upload', 'a.evtx', bytes);
  });

  it.each(['fs.readFile', 'constructor', '__proto__', 'vestige:progress', 'hasOwnProperty'])(
    'rejects %s before it reaches ipcRenderer',
    async (name) => {
      const call = api.call as (c: string, ...a: unknown[]) => Promise<unknown>;
      await expect(call(name)).rejects.toThrow(/unknown host channel/);
      expect(e.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it("hands the page the host's message without Electron's IPC wrapping", async () => {
    e.ipcRenderer.invoke.mockRejectedValueOnce(new Error("Error invoking remote method 'vestige:case.info': Error: no case open"));
    await expect(api.call('case.info')).rejects.toThrow(/^no case open$/);
  });

  it('rejects a non-string channel', async () => {
    const call = api.call as (c: unknown) => Promise<unknown>;
    await expect(call({ toString: () => 'case.info' })).rejects.toThrow(/unknown host channel/);
    expect(e.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('delivers progress from the one progress channel without the IPC event, and unsubscribes', () => {
    const got: ImportProgress[] = [];
    const off = api.onProgress((p: ImportProgress) => got.push(p));
    const p = { jobId: 'j', file: 'f', bytesDone: 1, bytesTotal: 2, records: 3, done: false };
    e.ipcRenderer.listeners.emit('vestige:progress', { sender: 'secret' }, p);
    expect(got).toEqual([p]);
    off();
    e.ipcRenderer.listeners.emit('vestige:progress', {}, p);
    expect(got).toHaveLength(1);
  });
});
