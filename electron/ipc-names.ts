/**
 * Names on Electron's IPC bus, shared by preload.ts and ipc.ts. Contract
 * channels get a prefix so they can never collide with Electron's own
 * internal channels; progress rides one fixed channel.
 */
import type { Channel } from '../engine/host/contract';

const PREFIX = 'vestige:';

export const PROGRESS_CHANNEL = 'vestige:progress';

export function invokeName(channel: Channel): string {
  return PREFIX + channel;
}
