/**
 * The message protocol between Electron main and the host utility process
 * (host-process.ts), which owns DuckDB so a long import never blocks main.
 *
 *   main → host   { type: 'call',  id, channel, args }    one per contract call
 *                 { type: 'close', id }                   close DuckDB, then exit
 *   host → main   { type: 'reply', id, ok: true, value }  same id as the request
 *                 { type: 'reply', id, ok: false, error }
 *                 { type: 'progress', progress }          unsolicited
 *
 * Ids are main's, increasing per process; replies may arrive in any order.
 * Messages are structured-cloned, so Uint8Array travels as is. Ports are
 * abstracted so both ends can be tested without Electron.
 */
import type { Channel, ImportProgress } from '../engine/host/contract';

export type ToHost = { type: 'call'; id: number; channel: Channel; args: unknown[] } | { type: 'close'; id: number };

export type FromHost =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'progress'; progress: ImportProgress };

/** Main's handle on the host process (a UtilityProcess, or a fake in tests). */
export interface HostPort {
  post(message: ToHost): void;
  onMessage(listener: (message: FromHost) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

/** The host process's handle on main (`process.parentPort`, or a fake). */
export interface ParentSide {
  post(message: FromHost): void;
  onMessage(listener: (message: ToHost) => void): void;
}
