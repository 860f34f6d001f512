import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostService } from '../service';
import { decodeEnvelope, encodeEnvelope, WEB } from '../wire';
import { startWebServer, type WebServer } from './web-server';

const calls: [string, unknown[]][] = [];
const service: HostService = {
  async handle(channel, args) {
    calls.push([channel, args as unknown[]]);
    if (channel === 'case.rejections') throw new Error('boom');
    return { echoed: args } as never;
  },
  onProgress: () => () => undefined,
  close: async () => undefined,
};

let server: WebServer;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vestige-static-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Vestige</title>');
  server = await startWebServer({ service, staticDir: dir, token: 'a'.repeat(64) });
});
afterAll(() => server.close());

function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: Uint8Array } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}
const cookie = () => `${WEB.cookie}=${server.token}`;
const call = (channel: string, args: unknown[], headers: Record<string, string> = {}) =>
  raw(WEB.callPath + channel, { method: 'POST', body: encodeEnvelope(args), headers: { 'content-type': WEB.contentType, cookie: cookie(), ...headers } });

describe('web-mode server', () => {
  it('binds to 127.0.0.1 and trades the URL token for an HttpOnly SameSite=Strict cookie', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${'a'.repeat(64)}`);
    const r = await raw(`/?token=${server.token}`);
    expect(r.status).toBe(302);
    expect(String(r.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
    expect((await raw('/', { headers: { cookie: cookie() } })).status).toBe(200);
  });

  it('refuses requests without the secret, with a wrong token, a foreign Host or a foreign Origin', async () => {
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/?token=nope')).status).toBe(403);
    expect((await raw('/', { headers: { cookie: cookie(), host: 'evil.example:80' } })).status).toBe(403);
    expect((await call('case.info', [], { origin: 'http://evil.example' })).status).toBe(403);
    expect(calls).toHaveLength(0);
  });

  it('sends no CORS headers and refuses other content types', async () => {
    const r = await raw(WEB.callPath + 'case.info', { method: 'POST', body: new Uint8Array(), headers: { cookie: cookie(), 'content-type': 'text/plain' } });
    expect(r.status).toBe(415);
    expect(Object.keys(r.headers).some((h) => h.startsWith('access-control-'))).toBe(false);
  });

  it('validates arguments before they reach the service and carries binary both ways', async () => {
    const bad = await call('events.page', [{ limit: -1 }]);
    expect(decodeEnvelope(bad.body)).toEqual({ ok: false, error: 'events.page: limit must be 1..10000' });
    expect(calls).toHaveLength(0);
    const bytes = new Uint8Array([1, 2, 3, 250]);
    const ok = await call('import.upload', ['a.log', bytes]);
    expect(decodeEnvelope(ok.body)).toEqual({ ok: true, result: { echoed: ['a.log', bytes] } });
    expect(calls).toEqual([['import.upload', ['a.log', bytes]]]);
    const failed = await call('case.rejections', [1, 5]);
    expect(decodeEnvelope(failed.body)).toEqual({ ok: false, error: 'boom' });
    expect((await call('no.such', [])).status).toBe(404);
  });

  it('never serves files outside its folder', async () => {
    const r = await raw('/..%2f..%2f..%2fetc%2fpasswd', { headers: { cookie: cookie() } });
    // Either refused, or answered with the app's own page (unknown paths fall back to it).
    if (r.status === 200) expect(r.body.toString()).toBe('<!doctype html><title>Vestige</title>');
    else expect([403, 404]).toContain(r.status);
    expect(r.body.toString()).not.toContain('root:');
  });
});
