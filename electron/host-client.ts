/**
 * Main-process end of host-protocol.ts: a `HostService` whose calls travel to
 * the host process and whose replies are matched back by request id.
 */
import type { Args, Channel, ImportProgress, Result } from '../engine/host/contract';
import type { HostService } from '../engine/host/service';
import type { HostPort, ToHost } from './host-protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export interface HostClientOptions {
  /** How long `close()` waits for DuckDB to close before killing the process. */
  closeTimeoutMs?: number;
}

export function createHostClient(port: HostPort, opts: HostClientOptions = {}): HostService {
  const pending = new Map<number, Pending>();
  const listeners = new Set<(p: ImportProgress) => void>();
  let nextId = 1;
  let exited: Error | null = null;

  port.onMessage((msg) => {
    if (msg.type === 'progress') {
      for (const l of listeners) l(msg.progress);
      return;
    }
    if (msg.type !== 'reply') return;
    const p = pending.get(msg.id);
    if (!p) return; // late reply to a request already failed by exit
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(msg.error));
  });

  port.onExit((code) => {
    exited = new Error(`host process exited (code ${code})`);
    for (const p of pending.values()) p.reject(exited);
    pending.clear();
  });

  function request(build: (id: number) => ToHost): Promise<unknown> {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      port.post(build(id));
    });
  }

  return {
    handle<C extends Channel>(channel: C, args: Args<C>): Promise<Result<C>> {
      return request((id) => ({ type: 'call', id, channel, args: [...args] })) as Promise<Result<C>>;
    },
    onProgress(listener: (p: ImportProgress) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (exited) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, opts.closeTimeoutMs ?? 5000);
      });
      try {
        // A failed close still ends in kill(): quitting must not hang on DuckDB.
        await Promise.race([request((id) => ({ type: 'close', id })).catch(() => undefined), timeout]);
      } finally {
        clearTimeout(timer);
        if (!exited) port.kill();
      }
    },
  };
}
