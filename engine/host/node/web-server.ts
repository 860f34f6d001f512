/**
 * Web mode: the same renderer served on 127.0.0.1 by a privileged local
 * server that implements the host contract. Because any page the user has
 * open could try to talk to it, it:
 *  - binds to 127.0.0.1 only;
 *  - requires a per-run secret: `/?token=…` (the printed URL) sets an
 *    HttpOnly SameSite=Strict cookie, every other request must carry it;
 *  - rejects a Host header that is not its own (DNS rebinding) and an Origin
 *    that is not its own (cross-site requests);
 *  - accepts calls only with its own content type (so no "simple" cross-site
 *    form post can reach it) and sends no CORS headers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, normalize, resolve, sep } from 'node:path';
import { isChannel, validateArgs, type Channel } from '../contract';
import type { HostService } from '../service';
import { decodeEnvelope, encodeEnvelope, WEB } from '../wire';

export interface WebServerOptions {
  service: HostService;
  staticDir: string;
  port?: number;
  token?: string;
  /** Largest request body accepted (uploads), bytes. */
  maxBody?: number;
}

export interface WebServer {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.map': 'application/json',
};

function cookieOf(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

function same(a: string | null, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function send(res: ServerResponse, status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', ...extra });
  res.end(body);
}

async function readBody(req: IncomingMessage, max: number): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > max) throw new Error(`request body over ${max} bytes`);
    parts.push(c as Buffer);
  }
  return Buffer.concat(parts);
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const maxBody = opts.maxBody ?? 2 ** 30;
  const staticRoot = resolve(opts.staticDir);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return send(res, 403, 'forbidden: unexpected Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) return send(res, 403, 'forbidden: cross-origin request');
    const url = new URL(req.url ?? '/', `http://${host}`);
    const given = url.searchParams.get(WEB.tokenParam);
    if (given !== null) {
      if (!same(given, token)) return send(res, 403, 'forbidden: wrong token');
      return send(res, 302, '', 'text/plain', {
        location: '/',
        'set-cookie': `${WEB.cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    if (!same(cookieOf(req, WEB.cookie), token)) return send(res, 401, 'unauthorised: open the URL Vestige printed (it carries the session token)');

    if (url.pathname.startsWith(WEB.callPath)) return call(req, res, url.pathname.slice(WEB.callPath.length));
    if (url.pathname === WEB.eventsPath) return events(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    return serveStatic(res, url.pathname);
  };

  const call = async (req: IncomingMessage, res: ServerResponse, name: string) => {
    if (req.method !== 'POST') return send(res, 405, 'method not allowed');
    if (req.headers['content-type'] !== WEB.contentType) return send(res, 415, 'unsupported content type');
    if (!isChannel(name)) return send(res, 404, `no such channel: ${name}`);
    let args: unknown;
    try {
      args = decodeEnvelope(await readBody(req, maxBody));
    } catch (e) {
      return send(res, 400, `bad request body: ${(e as Error).message}`);
    }
    if (!Array.isArray(args)) return send(res, 400, 'arguments must be an array');
    const bad = validateArgs(name, args);
    if (bad) return send(res, 400, encodeEnvelope({ ok: false, error: `${name}: ${bad}` }), WEB.contentType);
    try {
      const result = await opts.service.handle(name as Channel, args as never);
      send(res, 200, encodeEnvelope({ ok: true, result }), WEB.contentType);
    } catch (e) {
      send(res, 200, encodeEnvelope({ ok: false, error: (e as Error).message }), WEB.contentType);
    }
  };

  const events = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.write(': connected\n\n');
    const off = opts.service.onProgress((p) => res.write(`data: ${JSON.stringify(p)}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 15000);
    req.on('close', () => {
      off();
      clearInterval(ping);
    });
  };

  const serveStatic = async (res: ServerResponse, pathname: string) => {
    const rel = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '');
    const file = resolve(staticRoot, rel);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return send(res, 403, 'forbidden');
    try {
      const st = await stat(file);
      if (!st.isFile()) return send(res, 404, 'not found');
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      send(res, 200, await readFile(file), type, type.startsWith('text/html') ? { 'content-security-policy': CSP } : {});
    } catch {
      if (!extname(rel)) return serveStatic(res, '/index.html');
      send(res, 404, 'not found');
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) send(res, 500, `internal error: ${(e as Error).message}`);
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?${WEB.tokenParam}=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

