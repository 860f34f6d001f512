/** Calls the web-mode contract from Node, as the page would (cookie from the printed URL's token). */
import { request } from 'node:http';
import type { Args, Channel, Result } from '../engine/host/contract';
import { decodeEnvelope, encodeEnvelope, WEB } from '../engine/host/wire';

export function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: Uint8Array } = {}) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>((ok, fail) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => ok({ status: res.statusCode!, body: Buffer.concat(parts), headers: res.headers }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

export async function apiCall<C extends Channel>(appUrl: string, channel: C, ...args: Args<C>): Promise<Result<C>> {
  const u = new URL(appUrl);
  const token = u.searchParams.get(WEB.tokenParam)!;
  const r = await rawRequest(`${u.origin}${WEB.callPath}${channel}`, {
    method: 'POST',
    body: encodeEnvelope(args),
    headers: { 'content-type': WEB.contentType, cookie: `${WEB.cookie}=${token}` },
  });
  const env = decodeEnvelope(r.body) as { ok: boolean; result?: Result<C>; error?: string };
  if (!env.ok) throw new Error(env.error);
  return env.result as Result<C>;
}
