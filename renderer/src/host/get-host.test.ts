import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PreloadBridge } from './electron-transport';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('getHost', () => {
  it('uses the preload bridge when Electron exposed one', async () => {
    const bridge: PreloadBridge = { call: vi.fn(async () => ({ kind: 'electron', version: '1' })), onProgress: vi.fn(() => () => {}) };
    vi.stubGlobal('window', { vestige: bridge });
    const { getHost, hostKind } = await import('./get-host');
    expect(hostKind()).toBe('electron');
    const host = getHost();
    await host.call('case.rejections', 3, 10);
    expect(bridge.call).toHaveBeenCalledWith('case.rejections', 3, 10);
    const listener = vi.fn();
    host.onProgress(listener);
    expect(bridge.onProgress).toHaveBeenCalledWith(listener);
  });

  it('falls back to same-origin fetch without a bridge', async () => {
    const fetch = vi.fn(async () => {
      throw new Error('offline');
    });
    vi.stubGlobal('window', { fetch, EventSource: undefined });
    const { getHost, hostKind } = await import('./get-host');
    expect(hostKind()).toBe('web');
    await expect(getHost().call('case.info')).rejects.toThrow('offline');
    expect(fetch).toHaveBeenCalledWith('/api/call/case.info', expect.objectContaining({ method: 'POST' }));
  });
});
