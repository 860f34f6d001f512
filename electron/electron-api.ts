/**
 * The few Electron APIs Vestige uses, declared locally. Why not the real
 * `electron` types: the package may be absent or binary-less on a dev or CI
 * machine, and we want `tsc` and the unit tests to run anyway. Signatures are
 * copied (narrowed) from Electron 45's electron.d.ts; when you use a new API,
 * add just that member here.
 */

export interface ElectronEvent {
  preventDefault(): void;
}

export interface WebFrameMain {
  readonly url: string;
  readonly parent: WebFrameMain | null;
}

export interface WindowOpenDetails {
  url: string;
}

export interface WindowOpenResponse {
  action: 'allow' | 'deny';
}

export interface WebContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: ElectronEvent, url: string) => void): this;
  on(event: 'will-attach-webview', listener: (event: ElectronEvent) => void): this;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => WindowOpenResponse): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  webviewTag?: boolean;
  experimentalFeatures?: boolean;
  navigateOnDragDrop?: boolean;
  spellcheck?: boolean;
  devTools?: boolean;
}

export interface BrowserWindowOptions {
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  title?: string;
  show?: boolean;
  backgroundColor?: string;
  webPreferences?: WebPreferences;
}

export interface BrowserWindow {
  readonly webContents: WebContents;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): this;
  on(event: 'closed', listener: () => void): this;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

export interface BrowserWindowConstructor {
  new (options: BrowserWindowOptions): BrowserWindow;
}

export interface HeadersReceivedDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}

export interface HeadersReceivedResponse {
  cancel?: boolean;
  responseHeaders?: Record<string, string | string[]>;
}

export interface Session {
  webRequest: {
    onHeadersReceived(
      listener: (details: HeadersReceivedDetails, callback: (response: HeadersReceivedResponse) => void) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (webContents: WebContents, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: WebContents | null, permission: string) => boolean): void;
}

export interface App {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(code?: number): void;
  on(event: 'second-instance', listener: () => void): this;
  on(event: 'window-all-closed', listener: () => void): this;
  on(event: 'before-quit', listener: (event: ElectronEvent) => void): this;
  on(event: 'web-contents-created', listener: (event: ElectronEvent, contents: WebContents) => void): this;
}

export interface IpcMainInvokeEvent {
  readonly senderFrame: WebFrameMain | null;
}

export interface IpcMain {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
}

export interface OpenDialogOptions {
  title?: string;
  properties?: ('openFile' | 'openDirectory' | 'multiSelections' | 'dontAddToRecent')[];
  filters?: { name: string; extensions: string[] }[];
}

export interface Dialog {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showErrorBox(title: string, content: string): void;
}

export interface CustomScheme {
  scheme: string;
  privileges?: {
    standard?: boolean;
    secure?: boolean;
    supportFetchAPI?: boolean;
    corsEnabled?: boolean;
    codeCache?: boolean;
    bypassCSP?: boolean;
  };
}

export interface Protocol {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export interface Shell {
  openExternal(url: string): Promise<void>;
}

/** A utility process as the main process sees it. `message` carries the data itself. */
export interface UtilityProcess {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  kill(): boolean;
}

export interface UtilityProcessModule {
  fork(
    modulePath: string,
    args?: string[],
    options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore'; cwd?: string },
  ): UtilityProcess;
}

/** `process.parentPort` inside a utility process; `message` carries `{ data }`. */
export interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): this;
}

/** What `require('electron')` returns in the main process. */
export interface ElectronMain {
  app: App;
  BrowserWindow: BrowserWindowConstructor;
  ipcMain: IpcMain;
  dialog: Dialog;
  session: { defaultSession: Session };
  protocol: Protocol;
  shell: Shell;
  utilityProcess: UtilityProcessModule;
}

export interface IpcRendererEvent {
  readonly senderId?: number;
}

/** What `require('electron')` returns in a sandboxed preload. */
export interface ElectronRenderer {
  contextBridge: { exposeInMainWorld(apiKey: string, api: unknown): void };
  /** Electron ≥ 29: the path on disk of a File the page got by drag and drop or an <input>. */
  webUtils: { getPathForFile(file: unknown): string };
  ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  };
}
