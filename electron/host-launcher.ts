/**
 * Starts host-process.cjs as an Electron utility process and wraps it as a
 * HostService (see host-protocol.ts). A utility process rather than a worker
 * thread: it is a separate OS process, so a DuckDB crash or a stuck native
 * call cannot take the window down, and Electron manages its lifetime.
 */
import type { HostService } from '../engine/host/service';
import { electronMain } from './electron-module';
import { createHostClient } from './host-client';
import type { FromHost } from './host-protocol';

export function startHostProcess(modulePath: string, casePath: string | null): HostService {
  const child = electronMain().utilityProcess.fork(modulePath, casePath ? ['--case', casePath] : [], {
    serviceName: 'Vestige host',
    stdio: 'inherit',
  });
  // Messages posted before the child is up are queued by Electron, so no handshake.
  return createHostClient({
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message) => listener(message as FromHost)),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  });
}
