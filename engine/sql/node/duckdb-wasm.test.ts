/**
 * Runs the port conformance suite on duckdb-wasm inside Node: the same adapter
 * the renderer uses, over the package's Node worker and eh wasm from
 * node_modules (nothing is fetched).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AsyncDuckDB, ConsoleLogger, LogLevel } from '@duckdb/duckdb-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmPort } from '../browser/duckdb-wasm';
import { portConformance } from '../port-conformance';
import { rowsOf } from '../port';

/** The Web Worker type AsyncDuckDB expects (DOM's, absent from Node's types). */
type DbWorker = NonNullable<ConstructorParameters<typeof AsyncDuckDB>[1]>;

const require = createRequire(import.meta.url);
const workerFile = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-eh.worker.cjs');
const wasmFile = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');

/**
 * The node worker bundle speaks the Web Worker API (globalThis.onmessage /
 * postMessage), which worker_threads lacks; the `web-worker` package would
 * bridge it but is not installed, so this is that bridge, both sides.
 */
function nodeWebWorker(): DbWorker {
  const boot = `const { parentPort } = require('node:worker_threads');
globalThis.self = globalThis;
globalThis.postMessage = (data, transfer) => parentPort.postMessage(data, transfer);
parentPort.on('message', (data) => globalThis.onmessage?.({ data }));
require(${JSON.stringify(workerFile)});`;
  // stdout: true keeps the worker's console.log of every failed query (already a rejected promise) out of the test log.
  const w = new Worker(boot, { eval: true, stdout: true });
  w.stdout.resume();
  const wrapped = new Map<unknown, (...a: unknown[]) => void>();
  const event = (type: string) => (type === 'close' ? 'exit' : type);
  const shim = {
    addEventListener(type: string, fn: (e: unknown) => void) {
      const f = type === 'message' ? (data: unknown) => fn({ data }) : fn;
      wrapped.set(fn, f);
      w.on(event(type), f);
    },
    removeEventListener(type: string, fn: (e: unknown) => void) {
      const f = wrapped.get(fn);
      if (f) w.off(event(type), f);
    },
    postMessage(msg: unknown, transfer?: ArrayBuffer[]) {
      w.postMessage(msg, transfer);
    },
    terminate() {
      void w.terminate();
    },
  };
  return shim as unknown as DbWorker;
}

async function openWasm() {
  const db = new AsyncDuckDB(new ConsoleLogger(LogLevel.WARNING), nodeWebWorker());
  await db.instantiate(wasmFile);
  return wasmPort(db, { terminateOnClose: true });
}

describe('duckdb-wasm adapter (Node worker, eh bundle)', () => {
  portConformance({ describe, it, expect, beforeAll, afterAll }, openWasm);

  it('never fetches an extension: json functions fail at once, the JSON type is a VARCHAR alias', async () => {
    const db = await openWasm();
    try {
      // With autoload on, this would try to download the json extension instead.
      await expect(db.query(`SELECT json_extract('{"a":1}', '$.a') AS v`)).rejects.toThrow(/json extension/);
      await db.exec(`CREATE TABLE j (raw JSON); INSERT INTO j VALUES ('{"a":1}')`);
      expect(rowsOf(await db.query('SELECT typeof(raw) AS t, raw FROM j'))).toEqual([{ t: 'VARCHAR', raw: '{"a":1}' }]);
    } finally {
      await db.close();
    }
  });
});
