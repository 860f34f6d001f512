/**
 * Where the duckdb-wasm bundle comes from: files Vite copies out of
 * node_modules and our own server (app protocol or web-mode server) serves.
 * Never a CDN, and never duckdb-wasm's `getJsDelivrBundles()`.
 *
 * The eh bundle (wasm exceptions, one thread) is the one measured to work:
 * the threaded coi bundle failed large inserts (duckdb-wasm issue 2256) and
 * needs cross-origin isolation we do not set up.
 */
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export interface DuckDbBundle {
  /** Absolute URL of the wasm module. */
  mainModule: string;
  /** Absolute URL of the classic worker script that hosts it. */
  mainWorker: string;
}

/**
 * URLs are made absolute against the page: the dev server hands out
 * root-relative paths, and a relative wasm URL passed into the worker would be
 * resolved against the worker script's location instead of the page's.
 */
export function ehBundle(base: string = document.baseURI): DuckDbBundle {
  return { mainModule: new URL(ehWasm, base).href, mainWorker: new URL(ehWorker, base).href };
}

/** Starts the Web Worker that runs DuckDB; AsyncDuckDB is its client on this thread. */
export function startDuckDbWorker(bundle: DuckDbBundle): Worker {
  return new Worker(bundle.mainWorker, { name: 'duckdb-working-set' });
}
