/**
 * Electron entry (bundled to dist/electron/main.cjs). Only boot phases, in
 * order; each lives in boot.ts, and windows are made only by window.ts.
 */
import { claimSingleInstance, failBoot, handleQuit, openMainWindow, startHost, whenAppReady } from './boot';

if (claimSingleInstance()) {
  whenAppReady()
    .then(() => {
      const host = startHost(process.argv);
      handleQuit(host);
      openMainWindow(host);
    })
    .catch(failBoot);
}
