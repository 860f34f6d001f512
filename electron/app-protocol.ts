/**
 * Serves the built renderer (`dist/renderer`, Vite with base './') under
 * `app://vestige/`.
 *
 * Why a custom privileged scheme instead of file://: a file:// page's origin
 * is opaque, so CSP 'self' and the IPC sender check cannot tell our page from
 * any other local file; file:// pages may read any file the user can; and
 * module scripts, workers and fetch of wasm are restricted or blocked on it.
 * A `standard` + `secure` scheme gives the page a real origin we can pin,
 * and this handler only ever returns files under the renderer folder.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-url';
import { CSP } from './csp';
import type { Protocol } from './electron-api';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Must run before `app.ready`: Chromium fixes scheme privileges at startup. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** The file under `rootDir` that `url` names, or null for anything outside it or not ours. */
export function resolveAppFile(rootDir: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  if (rel.includes('\0')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, '.' + rel);
  // Belt and braces: URL parsing already collapses '..', but an encoded
  // separator (%2F, %5C) survives it, so check the final path too.
  return file.startsWith(root + path.sep) ? file : null;
}

export async function appResponse(rootDir: string, url: string): Promise<Response> {
  const file = resolveAppFile(rootDir, url);
  if (!file) return new Response('forbidden', { status: 403 });
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return new Response('not found', { status: 404 });
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      // Also set by window.ts via webRequest; set here too because custom
      // protocol responses are not guaranteed to pass through webRequest.
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** After `app.ready`: answer every app:// request from `rootDir`. */
export function serveAppProtocol(protocol: Protocol, rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rootDir, request.url));
}
