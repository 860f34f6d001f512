import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type ImportProgress } from '../engine/host/contract';
import type { HostService } from '../engine/host/service';
import type { BrowserWindow, IpcMain } from './electron-api';
import { registerIpc } from './ipc';
import type { LocalOps } from './ops/op';
import { resetFake, type FakeElectron, FakeWindow } from './testing/fake-electron';

const ours = { senderFrame: { url: 'app://vestige/index.html', parent: null } };

function fakeService() {
  let emit: (p: ImportProgress) => void = () => {};
  const service = {
    handle: vi.fn(async (channel: string, args: unknown[]) => ({ channel, args })),
    onProgress: vi.fn((l: (p: ImportProgress) => void) => {
      emit = l;
      return () => {};
    }),
    close: vi.fn(async () => {}),
  };
  return { service, emit: (p: ImportProgress) => emit(p) };
}

let e: FakeElectron;
let svc: ReturnType<typeof fakeService>;
let win: FakeWindow | null;
let ops: LocalOps;
const invoke = (channel: string, event: unknown, ...args: unknown[]) => {
  const h = e.ipcMain.handlers.get(`vestige:${channel}`);
  if (!h) throw new Error(`no handler for ${channel}`);
  return Promise.resolve().then(() => h(event, ...args));
};

beforeEach(() => {
  e = resetFake();
  svc = fakeService();
  win = new FakeWindow({});
  ops = { 'dialog.openFiles': vi.fn(async () => ['/picked']) };
  registerIpc({
    ipcMain: e.ipcMain as unknown as IpcMain,
    service: svc.service as unknown as HostService,
    ops,
    window: () => win as unknown as BrowserWindow | null,
  });
});

describe('registerIpc', () => {
  it('handles every contract channel, and nothing else', () => {
    expect([...e.ipcMain.handlers.keys()].sort()).toEqual(Object.keys(CHANNELS).map((c) => `vestige:${c}`).sort());
  });

  it('forwards valid calls to the host service and returns its plain result', async () => {
    const bytes = new Uint8Array([7]);
    await expect(invoke('import.upload', ours, 'x.jsonl', bytes)).resolves.toEqual({ channel: 'import.upload', args: ['x.jsonl', bytes] });
    await expect(invoke('events.page', ours, { limit: 50 })).resolves.toEqual({ channel: 'events.page', args: [{ limit: 50 }] });
  });

  it.each([
    ['events.page', [{ limit: -1 }], /limit/],
    ['events.histogram', [{}, 5000], /buckets/],
    ['import.upload', ['x', 'not bytes'], /Uint8Array/],
    ['import.paths', [[1, 2]], /paths/],
    ['case.info', ['extra'], /no arguments/],
    ['dialog.openFiles', [{ folders: 'yes' }], /folders: boolean/],
    ['dialog.openFiles', [{ folders: true, path: '/etc' }], /folders: boolean/],
  ])('rejects bad arguments for %s before the service sees them', async (channel, args, why) => {
    await expect(invoke(channel, ours, ...args)).rejects.toThrow(why);
    expect(svc.service.handle).not.toHaveBeenCalled();
  });

  it.each([
    ['a web page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file:// page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['a lookalike origin', { senderFrame: { url: 'app://vestige.evil/index.html', parent: null } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses calls from %s', async (_what, event) => {
    await expect(invoke('case.info', event)).rejects.toThrow(/not the Vestige app/);
    await expect(invoke('dialog.openFiles', event)).rejects.toThrow(/not the Vestige app/);
    expect(svc.service.handle).not.toHaveBeenCalled();
    expect(ops['dialog.openFiles']).not.toHaveBeenCalled();
  });

  it('routes locally handled channels to their op, not the service', async () => {
    await expect(invoke('dialog.openFiles', ours)).resolves.toEqual(['/picked']);
    await expect(invoke('dialog.openFiles', ours, { folders: true })).resolves.toEqual(['/picked']);
    expect(svc.service.handle).not.toHaveBeenCalled();
  });

  it('turns service failures into a rejected invoke with a clean message', async () => {
    svc.service.handle.mockRejectedValueOnce(new Error('no such source 9'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const err = await invoke('case.rejections', ours, 9, 10).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('no such source 9');
  });

  it('forwards progress to the open window only', () => {
    const p = { jobId: 'j', file: 'f', bytesDone: 1, bytesTotal: 2, records: 3, done: false };
    svc.emit(p);
    expect(win!.webContents.send).toHaveBeenCalledWith('vestige:progress', p);
    const closed = win!;
    closed.destroyed = true;
    svc.emit(p);
    win = null;
    svc.emit(p);
    expect(closed.webContents.send).toHaveBeenCalledTimes(1);
  });
});
