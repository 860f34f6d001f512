/**
 * Picks the transport: Electron when the preload put `window.vestige` there,
 * otherwise web mode against the serving origin.
 */
import type { HostApi } from '../../../engine/host/contract';
import { createElectronHost, type PreloadBridge } from './electron-transport';
import { createWebHost } from './web-transport';

export type HostKind = 'electron' | 'web';

declare global {
  interface Window {
    vestige?: PreloadBridge;
  }
}

export function hostKind(): HostKind {
  return typeof window !== 'undefined' && window.vestige ? 'electron' : 'web';
}

let cached: HostApi | null = null;

export function getHost(): HostApi {
  if (cached) return cached;
  cached = window.vestige
    ? createElectronHost(window.vestige)
    : createWebHost({ fetch: window.fetch.bind(window), EventSource: window.EventSource });
  return cached;
}
