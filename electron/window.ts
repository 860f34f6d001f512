/**
 * The one place windows are made, hardened the way VS Code does it: the
 * renderer is an untrusted web page that happens to display attacker-
 * controlled log data, so it gets no Node, a sandbox, an isolated preload
 * world, a strict CSP, and no way to navigate, open windows or ask for
 * permissions. Its only door out is the contract exposed by preload.ts.
 */
import { APP_ENTRY_URL, isAppUrl } from './app-url';
import { withCsp } from './csp';
import type { BrowserWindow, BrowserWindowOptions, Session, Shell, WebContents } from './electron-api';
import { electronMain } from './electron-module';

/**
 * External pages we will hand to the system browser. Deliberately tiny: a log
 * can contain any URL, and one click must not launch an attacker's page.
 * ATT&CK technique pages are what the signals view links to.
 */
const EXTERNAL_ALLOW = ['https://attack.mitre.org/'];

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && EXTERNAL_ALLOW.some((p) => u.href.startsWith(p));
  } catch {
    return false;
  }
}

export function windowOptions(preloadPath: string): BrowserWindowOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Vestige',
    show: false, // shown on ready-to-show, so no white flash
    backgroundColor: '#1c2127',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped on the window must reach the import handler, not
      // replace the app with the file's contents.
      navigateOnDragDrop: false,
      spellcheck: false,
      // There is no `enableRemoteModule`: Electron removed `remote` in v14,
      // and we never add @electron/remote.
    },
  };
}

/** CSP on every response, and every permission (camera, notifications, …) refused. */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Navigation stays inside the app; new windows and webviews never happen. */
export function guardContents(contents: WebContents, shell: Shell): void {
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const { BrowserWindow, shell } = electronMain();
  const win = new BrowserWindow(windowOptions(preloadPath));
  guardContents(win.webContents, shell);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
