/**
 * What a host (Electron main, the web-mode server, tests) gets from
 * `host/node/host-service.ts`: one function per contract channel, plus a feed
 * of progress events. Transports only validate and forward.
 */
import type { Args, Channel, ImportProgress, Result } from './contract';

export interface HostService {
  handle<C extends Channel>(channel: C, args: Args<C>): Promise<Result<C>>;
  onProgress(listener: (p: ImportProgress) => void): () => void;
  close(): Promise<void>;
}
