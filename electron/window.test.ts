import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CSP } from './csp';
import { fake, resetFake, type FakeElectron, type FakeWindow } from './testing/fake-electron';
import { createMainWindow, hardenSession, isAllowedExternal, windowOptions } from './window';

vi.mock('./electron-module', async () => {
  const f = await import('./testing/fake-electron');
  return { electronMain: f.fake, electronRenderer: f.fake };
});

let e: FakeElectron;
let win: FakeWindow;
beforeEach(() => {
  e = resetFake();
  createMainWindow('/app/dist/electron/preload.cjs');
  win = e.windows()[0];
});

describe('createMainWindow', () => {
  it('creates a hardened window with our preload', () => {
    const wp = win.options.webPreferences!;
    expect(wp).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(wp).not.toHaveProperty('enableRemoteModule');
    expect(windowOptions('/p').webPreferences).toEqual({ ...wp, preload: '/p' });
  });

  it('loads the renderer from the app:// origin, shown only when ready', () => {
    expect(win.loadURL).toHaveBeenCalledWith('app://vestige/index.html');
    expect(win.options.show).toBe(false);
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('keeps navigation and redirects inside the app', () => {
    const wc = win.webContents;
    expect(wc.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.fire('will-navigate', 'app://vestige.evil.example/index.html')).toBe(true);
    expect(wc.fire('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(wc.fire('will-navigate', 'app://vestige/index.html#signals')).toBe(false);
    expect(wc.fire('will-redirect', 'app://vestige/index.html')).toBe(false);
  });

  it('denies every new window and webview; only allowlisted https links reach the browser', () => {
    const open = win.webContents.openHandler!;
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://vestige/index.html' })).toEqual({ action: 'deny' });
    expect(e.shell.openExternal).not.toHaveBeenCalled();
    expect(open({ url: 'https://attack.mitre.org/techniques/T1059/' })).toEqual({ action: 'deny' });
    expect(e.shell.openExternal).toHaveBeenCalledWith('https://attack.mitre.org/techniques/T1059/');
    expect(win.webContents.fire('will-attach-webview')).toBe(true);
  });
});

describe('isAllowedExternal', () => {
  it('matches the allowlist by parsed URL, not by a lookalike host', () => {
    expect(isAllowedExternal('https://attack.mitre.org.evil.example/')).toBe(false);
    expect(isAllowedExternal('https://user@attack.mitre.org/')).toBe(false);
    expect(isAllowedExternal('http://attack.mitre.org/')).toBe(false);
    expect(isAllowedExternal('not a url')).toBe(false);
  });
});

describe('hardenSession', () => {
  beforeEach(() => hardenSession(fake().session.defaultSession));

  it('sets our CSP on responses, replacing one the response carried', () => {
    const s = e.session.defaultSession;
    const callback = vi.fn();
    s.headerListeners[0]({ url: 'app://vestige/index.html', responseHeaders: { 'content-security-policy': ['default-src *'], 'X-A': ['1'] } }, callback);
    const headers = callback.mock.calls[0][0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CSP]);
    expect(headers).not.toHaveProperty('content-security-policy');
    expect(headers['X-A']).toEqual(['1']);
    expect(CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CSP).toContain("connect-src 'self'");
  });

  it('refuses every permission request and check', () => {
    const s = e.session.defaultSession;
    const granted = vi.fn();
    s.setPermissionRequestHandler.mock.calls[0][0]({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(s.setPermissionCheckHandler.mock.calls[0][0](null, 'notifications')).toBe(false);
  });
});
