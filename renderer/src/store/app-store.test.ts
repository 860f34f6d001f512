import { describe, expect, it, vi } from 'vitest';
import { Int64, Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { Args, Channel, EventQuery, HostApi, ImportProgress, Result, SignalInfo } from '../../../engine/host/contract';
import { createAppStore } from './app-store';

const ids = (from: number, n: number) => tableToIPC(new Table({ 'event.id': vectorFromArray(Array.from({ length: n }, (_, i) => BigInt(from + i)), new Int64()) }), 'stream');

const signal: SignalInfo = {
  id: 's1', ruleId: 'r', ruleTitle: 'Brute force', ruleType: 'threshold', level: 'high', tags: [], tactics: [], techniques: [],
  groupKey: 'source.ip=10.0.0.1', eventCount: 2, eventIds: [11, 12], firstTime: null, lastTime: null, status: 'open',
};

/** A host whose calls are recorded and answered by `impl`; replies can be held back to test ordering. */
function fakeHost(impl: Partial<{ [C in Channel]: (...a: Args<C>) => Result<C> | Promise<Result<C>> }>) {
  const calls: { channel: Channel; args: unknown[] }[] = [];
  let progress: ((p: ImportProgress) => void) | null = null;
  const host: HostApi = {
    async call(channel, ...args) {
      calls.push({ channel, args });
      const f = impl[channel] as ((...a: unknown[]) => unknown) | undefined;
      if (!f) throw new Error(`unexpected ${channel}`);
      return (await f(...args)) as never;
    },
    onProgress(l) {
      progress = l;
      return () => (progress = null);
    },
  };
  return { host, calls, emit: (p: ImportProgress) => progress?.(p) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('explorer through the store', () => {
  it('drops a reply that arrives after a newer query', async () => {
    const held: ((v: Result<'events.page'>) => void)[] = [];
    const { host } = fakeHost({
      'events.page': () => new Promise((r) => held.push(r)),
      'events.histogram': () => ({ starts: [], counts: [], bucketMs: 1 }),
    });
    const store = createAppStore({ host, kind: 'web' });
    store.getState().setSearch('old');
    store.getState().setSearch('new');
    held[1]({ total: 1, rows: ids(1, 1) });
    held[0]({ total: 999, rows: ids(500, 200) });
    await flush();
    expect(store.getState().total).toBe(1);
    expect(store.getState().pages[0]?.map((r) => r.id)).toEqual([1]);
  });

  it('fetches the pages a scroll window needs, once', async () => {
    const { host, calls } = fakeHost({
      'events.page': (q: EventQuery) => ({ total: 1000, rows: ids(q.offset ?? 0, q.limit ?? 0) }),
      'events.histogram': () => ({ starts: [], counts: [], bucketMs: 1 }),
    });
    const store = createAppStore({ host, kind: 'web' });
    store.getState().runQuery();
    await flush();
    store.getState().ensureRows(150, 450);
    store.getState().ensureRows(150, 450);
    await flush();
    const offsets = calls.filter((c) => c.channel === 'events.page').map((c) => (c.args[0] as EventQuery).offset);
    expect(offsets).toEqual([0, 200, 400]);
    expect(store.getState().pages[2]?.[0].id).toBe(400);
  });

  it('narrows to a signal’s events and back', async () => {
    const { host, calls } = fakeHost({
      'signals.list': () => [signal],
      'events.page': () => ({ total: 0, rows: new Uint8Array() }),
      'events.histogram': () => ({ starts: [], counts: [], bucketMs: 1 }),
    });
    const store = createAppStore({ host, kind: 'web' });
    await store.getState().loadSignals();
    store.getState().selectSignal('s1');
    store.getState().selectSignal(null);
    const queries = calls.filter((c) => c.channel === 'events.page').map((c) => (c.args[0] as EventQuery).eventIds);
    expect(queries).toEqual([[11, 12], undefined]);
  });
});

describe('imports through the store', () => {
  it('hands files over one by one, keeps going after a failure, imports them in one job, then refreshes', async () => {
    const sizes = new Map<string, number>();
    const { host, calls } = fakeHost({
      'import.stage': (name: string, bytes: Uint8Array) => {
        if (name === 'bad.bin') throw new Error('unknown format');
        sizes.set(`/up/${name}`, bytes.length);
        return { path: `/up/${name}` };
      },
      'import.paths': (paths: string[]) => ({
        sources: paths.map((p) => ({ path: p, member: '', sha256: 'x', memberSha256: 'x', format: 'text', recordsRead: sizes.get(p)!, recordsStored: sizes.get(p)!, recordsRejected: 0, firstRejections: [], firstTime: null, lastTime: null })),
        signals: 0,
      }),
      'case.info': () => ({ path: '/c', name: 'c', eventCount: 3, signalCount: 0, sources: [], firstTime: null, lastTime: null }),
      'signals.list': () => [],
      'events.page': () => ({ total: 0, rows: new Uint8Array() }),
      'events.histogram': () => ({ starts: [], counts: [], bucketMs: 1 }),
    });
    const store = createAppStore({ host, kind: 'web' });
    await store.getState().importFiles([new File(['abc'], 'a.log'), new File(['zz'], 'bad.bin'), new File(['d'], 'c.log')]);
    const uploads = calls.filter((c) => c.channel === 'import.stage').map((c) => c.args[0]);
    expect(uploads).toEqual(['a.log', 'bad.bin', 'c.log']);
    expect(calls.filter((c) => c.channel === 'import.paths').map((c) => c.args)).toEqual([[['/up/a.log', '/up/c.log']]]);
    const s = store.getState();
    expect(s.importing).toBe(false);
    expect(s.lastReport?.map((r) => [r.path, r.recordsStored])).toEqual([['/up/a.log', 3], ['/up/c.log', 1]]);
    expect(s.importErrors).toEqual(['bad.bin: unknown format']);
    expect(s.caseInfo?.eventCount).toBe(3);
    expect(calls.some((c) => c.channel === 'events.page')).toBe(true);
  });

  it('imports dropped files by path in Electron (one call, nothing read in the page), and uploads them when a path is missing', async () => {
    const paths = vi.fn((p: string[]) => ({ sources: p.map((x) => ({ path: x, member: '', sha256: 'x', memberSha256: 'x', format: 'evtx', recordsRead: 1, recordsStored: 1, recordsRejected: 0, firstRejections: [], firstTime: null, lastTime: null })), signals: 0 }));
    const stage = vi.fn((name: string) => ({ path: `/up/${name}` }));
    const { host, calls } = fakeHost({
      'import.paths': paths,
      'import.stage': stage,
      'case.info': () => ({ path: '/c', name: 'c', eventCount: 0, signalCount: 0, sources: [], firstTime: null, lastTime: null }),
      'signals.list': () => [],
      'events.page': () => ({ total: 0, rows: new Uint8Array() }),
      'events.histogram': () => ({ starts: [], counts: [], bucketMs: 1 }),
    });
    const onDisk = new Map<File, string>();
    host.pathOf = (f) => onDisk.get(f as File) ?? null;
    const security = new File(['x'], 'Security.evtx');
    const folder = new File([], 'winevt');
    onDisk.set(security, '/evidence/Security.evtx').set(folder, '/evidence/winevt');
    const store = createAppStore({ host, kind: 'electron' });
    await store.getState().importDropped([security, folder]);
    expect(paths).toHaveBeenCalledTimes(1);
    expect(paths).toHaveBeenCalledWith(['/evidence/Security.evtx', '/evidence/winevt']);
    expect(stage).not.toHaveBeenCalled();
    expect(store.getState().lastReport?.map((r) => r.path)).toEqual(['/evidence/Security.evtx', '/evidence/winevt']);
    // A file without a disk path (made in the page) goes the upload way, with the others.
    const made = new File(['y'], 'made.log');
    await store.getState().importDropped([security, made]);
    expect(stage.mock.calls.map((c) => c[0])).toEqual(['Security.evtx', 'made.log']);
    expect(paths).toHaveBeenLastCalledWith(['/up/Security.evtx', '/up/made.log']);
    expect(calls.filter((c) => c.channel === 'import.paths')).toHaveLength(2);
    // In web mode there are no paths at all: uploads.
    const web = createAppStore({ host, kind: 'web' });
    await web.getState().importDropped([security]);
    expect(stage).toHaveBeenCalledTimes(3);
  });

  it('imports by path through the dialog in Electron, and does nothing when cancelled', async () => {
    let answer: string[] | null = null;
    const dialogArgs: unknown[][] = [];
    const paths = vi.fn(() => ({ sources: [], signals: 0 }));
    const { host } = fakeHost({
      'dialog.openFiles': (...a: unknown[]) => {
        if (answer) dialogArgs.push(a);
        return answer;
      },
      'import.paths': paths,
      'case.info': () => ({ path: '/c', name: 'c', eventCount: 0, signalCount: 0, sources: [], firstTime: null, lastTime: null }),
      'signals.list': () => [],
      'events.page': () => ({ total: 0, rows: new Uint8Array() }),
      'events.histogram': () => ({ starts: [], counts: [], bucketMs: 1 }),
    });
    const store = createAppStore({ host, kind: 'electron' });
    await store.getState().importViaDialog();
    expect(paths).not.toHaveBeenCalled();
    answer = ['/evidence/auth.log'];
    await store.getState().importViaDialog();
    expect(paths).toHaveBeenCalledWith(['/evidence/auth.log']);
    expect(dialogArgs).toEqual([[]]);
    // Folders: the dialog is asked for folders, and their paths are imported in one call.
    answer = ['/evidence/winevt', '/evidence/triage'];
    await store.getState().importViaDialog(true);
    expect(dialogArgs[1]).toEqual([{ folders: true }]);
    expect(paths).toHaveBeenLastCalledWith(['/evidence/winevt', '/evidence/triage']);
  });
});
