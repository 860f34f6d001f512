import { describe, expect, it, vi } from 'vitest';
import type { Args, Channel, ImportProgress, Result } from '../engine/host/contract';
import type { HostService } from '../engine/host/service';
import { createHostClient } from './host-client';
import type { FromHost, HostPort, ParentSide, ToHost } from './host-protocol';
import { serveHost } from './host-server';

/** Main's end of a fake utility process: records what main posts, lets the test answer. */
function fakePort() {
  const sent: ToHost[] = [];
  let deliver: (m: FromHost) => void = () => {};
  let exit: (code: number) => void = () => {};
  const port: HostPort = {
    post: (m) => void sent.push(m),
    onMessage: (l) => (deliver = l),
    onExit: (l) => (exit = l),
    kill: vi.fn(),
  };
  return { port, sent, reply: (m: FromHost) => deliver(m), exit: (code: number) => exit(code) };
}

const progress: ImportProgress = { jobId: 'j1', file: 'a.evtx', bytesDone: 10, bytesTotal: 20, records: 5, done: false };

describe('createHostClient', () => {
  it('matches replies to requests by id, in any order', async () => {
    const f = fakePort();
    const client = createHostClient(f.port);
    const a = client.handle('case.info', []);
    const b = client.handle('case.rejections', [3, 10]);
    expect(f.sent).toEqual([
      { type: 'call', id: 1, channel: 'case.info', args: [] },
      { type: 'call', id: 2, channel: 'case.rejections', args: [3, 10] },
    ]);
    f.reply({ type: 'reply', id: 2, ok: true, value: ['second'] });
    f.reply({ type: 'reply', id: 1, ok: true, value: 'first' });
    await expect(a).resolves.toBe('first');
    await expect(b).resolves.toEqual(['second']);
  });

  it('rejects a request whose reply is an error, leaving others pending', async () => {
    const f = fakePort();
    const client = createHostClient(f.port);
    const a = client.handle('detect.run', []);
    const b = client.handle('signals.list', []);
    f.reply({ type: 'reply', id: 1, ok: false, error: 'rule x: bad field' });
    await expect(a).rejects.toThrow('rule x: bad field');
    f.reply({ type: 'reply', id: 99, ok: true, value: 'stray' }); // unknown id: ignored
    f.reply({ type: 'reply', id: 2, ok: true, value: [] });
    await expect(b).resolves.toEqual([]);
  });

  it('fails pending and later calls when the host process exits', async () => {
    const f = fakePort();
    const client = createHostClient(f.port);
    const a = client.handle('case.info', []);
    f.exit(9);
    await expect(a).rejects.toThrow('host process exited (code 9)');
    await expect(client.handle('case.info', [])).rejects.toThrow(/exited/);
    expect(f.sent).toHaveLength(1);
  });

  it('passes progress to subscribers until they unsubscribe', () => {
    const f = fakePort();
    const client = createHostClient(f.port);
    const got: ImportProgress[] = [];
    const off = client.onProgress((p: ImportProgress) => got.push(p));
    f.reply({ type: 'progress', progress });
    off();
    f.reply({ type: 'progress', progress });
    expect(got).toEqual([progress]);
  });

  it('close asks the host to close, then kills the process', async () => {
    const f = fakePort();
    const client = createHostClient(f.port);
    const closing = client.close();
    expect(f.sent).toEqual([{ type: 'close', id: 1 }]);
    expect(f.port.kill).not.toHaveBeenCalled();
    f.reply({ type: 'reply', id: 1, ok: true, value: undefined });
    await closing;
    expect(f.port.kill).toHaveBeenCalled();
  });

  it('close gives up and kills after the timeout when the host hangs', async () => {
    const f = fakePort();
    await createHostClient(f.port, { closeTimeoutMs: 10 }).close();
    expect(f.port.kill).toHaveBeenCalled();
  });
});

/** Both ends over an in-memory channel that structured-clones like Electron does. */
function connect(service: Promise<HostService>) {
  let toHost: (m: ToHost) => void = () => {};
  let toMain: (m: FromHost) => void = () => {};
  let onExit: (code: number) => void = () => {};
  const exit = vi.fn((code: number) => onExit(code));
  const parent: ParentSide = {
    post: (m) => queueMicrotask(() => toMain(structuredClone(m))),
    onMessage: (l) => (toHost = l),
  };
  serveHost(parent, service, exit);
  const client = createHostClient({
    post: (m) => queueMicrotask(() => toHost(structuredClone(m))),
    onMessage: (l) => (toMain = l),
    onExit: (l) => (onExit = l),
    kill: vi.fn(),
  });
  return { client, exit };
}

function fakeService(handle: (c: Channel, a: unknown[]) => Promise<unknown>) {
  let emit: (p: ImportProgress) => void = () => {};
  const service = {
    handle: vi.fn(handle) as unknown as HostService['handle'],
    onProgress: (l: (p: ImportProgress) => void) => {
      emit = l;
      return () => {};
    },
    close: vi.fn(async () => {}),
  };
  return { service, emit: (p: ImportProgress) => emit(p) };
}

describe('client and serveHost together', () => {
  it('round-trips calls, binary results, errors and progress', async () => {
    const rows = new Uint8Array([0xff, 0, 1]);
    const s = fakeService(async (c, a) => {
      if (c === 'events.page') return { total: 1, rows };
      if (c === 'import.paths') throw new Error(`cannot read ${String((a[0] as string[])[0])}`);
      return null;
    });
    const { client, exit } = connect(Promise.resolve(s.service));
    const got: ImportProgress[] = [];
    client.onProgress((p: ImportProgress) => got.push(p));

    const page = (await client.handle('events.page', [{ limit: 1 }])) as Result<'events.page'>;
    expect(page.total).toBe(1);
    expect(page.rows).toBeInstanceOf(Uint8Array);
    expect([...page.rows]).toEqual([0xff, 0, 1]);
    await expect(client.handle('import.paths', [['/nope']] as Args<'import.paths'>)).rejects.toThrow('cannot read /nope');

    s.emit(progress);
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual([progress]);

    await client.close();
    expect(s.service.close).toHaveBeenCalled();
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('answers calls made before the service is ready once it is', async () => {
    let ready: (s: HostService) => void = () => {};
    const s = fakeService(async () => 'late');
    const { client } = connect(new Promise((r) => (ready = r)));
    const call = client.handle('case.info', []);
    await new Promise((r) => setTimeout(r, 5));
    ready(s.service);
    await expect(call).resolves.toBe('late');
  });

  it('reports a host that failed to start on every call', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { client } = connect(Promise.reject(new Error('database is locked')));
    await expect(client.handle('case.info', [])).rejects.toThrow('host failed to start: database is locked');
  });
});
