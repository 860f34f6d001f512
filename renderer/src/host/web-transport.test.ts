import { describe, expect, it, vi } from 'vitest';
import { decodeEnvelope, encodeEnvelope, WEB } from '../../../engine/host/wire';
import { createWebHost, parseProgress } from './web-transport';

function reply(value: unknown, status = 200) {
  const body = encodeEnvelope(value);
  return { status, arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) } as Response;
}

describe('web transport', () => {
  it('posts the args as an envelope to the channel route and returns the result', async () => {
    const rows = new Uint8Array([1, 2, 3]);
    const fetch = vi.fn(async () => reply({ ok: true, result: { total: 3, rows } }));
    const host = createWebHost({ fetch: fetch as unknown as typeof globalThis.fetch });
    const page = await host.call('events.page', { search: 'sshd', offset: 0, limit: 200 });
    expect(page.total).toBe(3);
    expect(page.rows).toBeInstanceOf(Uint8Array);
    expect([...page.rows]).toEqual([1, 2, 3]);

    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(WEB.callPath + 'events.page');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['content-type']).toBe(WEB.contentType);
    expect(decodeEnvelope(init.body as Uint8Array)).toEqual([{ search: 'sshd', offset: 0, limit: 200 }]);
  });

  it('sends upload bytes as a binary part', async () => {
    const fetch = vi.fn(async () => reply({ ok: true, result: { sources: [], signals: 0 } }));
    const host = createWebHost({ fetch: fetch as unknown as typeof globalThis.fetch });
    await host.call('import.upload', 'auth.log', new Uint8Array([9, 8, 7]));
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    const args = decodeEnvelope(init.body as Uint8Array) as [string, Uint8Array];
    expect(args[0]).toBe('auth.log');
    expect([...args[1]]).toEqual([9, 8, 7]);
  });

  it('throws the host error message', async () => {
    const fetch = vi.fn(async () => reply({ ok: false, error: 'limit must be 1..10000' }, 400));
    const host = createWebHost({ fetch: fetch as unknown as typeof globalThis.fetch });
    await expect(host.call('events.page', { limit: 0 })).rejects.toThrow('limit must be 1..10000');
  });

  it('throws on a body that is not an envelope', async () => {
    const fetch = vi.fn(async () => ({ status: 502, arrayBuffer: async () => new ArrayBuffer(2) }) as Response);
    const host = createWebHost({ fetch: fetch as unknown as typeof globalThis.fetch });
    await expect(host.call('case.info')).rejects.toThrow(/case.info: unreadable reply \(HTTP 502\)/);
  });

  it('fans SSE progress out to listeners and closes when the last leaves', () => {
    const instances: FakeSource[] = [];
    class FakeSource {
      onmessage: ((e: MessageEvent<string>) => void) | null = null;
      closed = false;
      constructor(public url: string) {
        instances.push(this);
      }
      close() {
        this.closed = true;
      }
    }
    const host = createWebHost({ fetch: vi.fn() as never, EventSource: FakeSource as never });
    const a = vi.fn();
    const b = vi.fn();
    const offA = host.onProgress(a);
    const offB = host.onProgress(b);
    expect(instances).toHaveLength(1);
    expect(instances[0].url).toBe(WEB.eventsPath);
    const p = { jobId: 'j', file: 'x.log', bytesDone: 5, bytesTotal: 10, records: 2, done: false };
    instances[0].onmessage!({ data: JSON.stringify(p) } as MessageEvent<string>);
    instances[0].onmessage!({ data: 'garbage' } as MessageEvent<string>);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledWith(p);
    offA();
    expect(instances[0].closed).toBe(false);
    offB();
    expect(instances[0].closed).toBe(true);
  });
});

describe('parseProgress', () => {
  it('rejects foreign shapes and keeps errors', () => {
    expect(parseProgress('{"file":1}')).toBeNull();
    expect(parseProgress('{"jobId":"j","file":"f","done":true,"error":"bad gzip"}')).toEqual({
      jobId: 'j', file: 'f', bytesDone: 0, bytesTotal: 0, records: 0, done: true, error: 'bad gzip',
    });
  });
});
