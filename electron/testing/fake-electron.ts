/**
 * An in-memory stand-in for the parts of Electron in electron-api.ts, for
 * unit tests. Tests swap it in with:
 *
 *   vi.mock('./electron-module', async () => {
 *     const f = await import('./testing/fake-electron');
 *     return { electronMain: f.fake, electronRenderer: f.fake };
 *   });
 *
 * and call `resetFake()` in beforeEach. Listeners are recorded so tests can
 * fire events the way Electron would.
 */
import { vi } from 'vitest';
import type { BrowserWindowOptions, ElectronEvent, ElectronMain, ElectronRenderer, WindowOpenDetails, WindowOpenResponse } from '../electron-api';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => (l as (...a: unknown[]) => unknown)(...args));
  }
}

export class FakeWebContents extends Emitter {
  openHandler: ((d: WindowOpenDetails) => WindowOpenResponse) | null = null;
  destroyed = false;
  send = vi.fn();
  setWindowOpenHandler(h: (d: WindowOpenDetails) => WindowOpenResponse) {
    this.openHandler = h;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Fires `event` like Electron and reports whether a listener called preventDefault. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const e: ElectronEvent = { preventDefault: () => (prevented = true) };
    this.emit(event, e, ...args);
    return prevented;
  }
}

export class FakeWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  loadURL = vi.fn(async (_url: string) => {});
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  constructor(readonly options: BrowserWindowOptions) {
    super();
    created.push(this);
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

let created: FakeWindow[] = [];

function make() {
  created = [];
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(async () => {}),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const headerListeners: Parameters<ElectronMain['session']['defaultSession']['webRequest']['onHeadersReceived']>[0][] = [];
  const session = {
    headerListeners,
    webRequest: { onHeadersReceived: vi.fn((l: (typeof headerListeners)[number]) => void headerListeners.push(l)) },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  };
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcRendererListeners = new Emitter();
  const fakeElectron = {
    app,
    windows: () => created,
    BrowserWindow: FakeWindow,
    ipcMain: { handlers, handle: vi.fn((c: string, l: (event: unknown, ...args: unknown[]) => unknown) => void handlers.set(c, l)) },
    dialog: { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })), showErrorBox: vi.fn() },
    session: { defaultSession: session },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    shell: { openExternal: vi.fn(async () => {}) },
    utilityProcess: { fork: vi.fn() },
    contextBridge: { exposed: new Map<string, unknown>(), exposeInMainWorld: vi.fn() },
    webUtils: { getPathForFile: vi.fn((_file: unknown): string => '') },
    ipcRenderer: {
      listeners: ipcRendererListeners,
      invoke: vi.fn(async (..._args: unknown[]) => 'invoked'),
      on: vi.fn((c: string, l: Listener) => ipcRendererListeners.on(c, l)),
      removeListener: vi.fn((c: string, l: Listener) => {
        const ls = ipcRendererListeners.listeners.get(c) ?? [];
        ipcRendererListeners.listeners.set(c, ls.filter((x) => x !== l));
      }),
    },
  };
  fakeElectron.contextBridge.exposeInMainWorld.mockImplementation((k: string, api: unknown) => void fakeElectron.contextBridge.exposed.set(k, api));
  return fakeElectron;
}

export type FakeElectron = ReturnType<typeof make>;

let current: FakeElectron = make();

/** The current fake, typed as both Electron APIs so it can stand in for electron-module's getters. */
export function fake(): FakeElectron & ElectronMain & ElectronRenderer {
  return current as unknown as FakeElectron & ElectronMain & ElectronRenderer;
}

export function resetFake(): FakeElectron {
  current = make();
  return current;
}
