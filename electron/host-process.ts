/**
 * Entry of the host utility process (bundled to dist/electron/host-process.cjs).
 * It owns the HostService (DuckDB, import, detection) so that native work and
 * long imports never run on Electron main's thread. Main passes `--case DIR`
 * when the user gave one; otherwise the sample case is prepared here, since
 * that too can take a while.
 */
import { createHostService } from '../engine/host/node/host-service';
import { prepareDefaultCase } from '../engine/host/node/default-case';
import { parseCaseArg } from './case-arg';
import type { ParentPort } from './electron-api';
import type { ToHost } from './host-protocol';
import { serveHost } from './host-server';

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('host-process must be started with Electron utilityProcess.fork');

async function start() {
  const casePath = parseCaseArg(process.argv, process.cwd()) ?? (await prepareDefaultCase());
  return createHostService({ casePath, kind: 'electron' });
}

serveHost(
  {
    post: (message) => parentPort.postMessage(message),
    onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToHost)),
  },
  start(),
  // A moment's grace so the close reply and buffered stdio reach main first.
  (code) => setTimeout(() => process.exit(code), 50),
);
