/**
 * Electron transport: the preload exposes `window.vestige` with only the
 * contract's channels; structured clone carries Uint8Array as is, so no
 * envelope is needed here.
 */
import type { HostApi, ImportProgress } from '../../../engine/host/contract';

/** What the preload puts on `window.vestige`. */
export interface PreloadBridge {
  call(channel: string, ...args: unknown[]): Promise<unknown>;
  onProgress(listener: (p: ImportProgress) => void): () => void;
  pathForFile?(file: unknown): string | null;
}

export function createElectronHost(bridge: PreloadBridge): HostApi {
  return {
    call: (channel, ...args) => bridge.call(channel, ...args) as never,
    onProgress: (listener) => bridge.onProgress(listener),
    pathOf: (file) => bridge.pathForFile?.(file) ?? null,
  };
}
