import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import type { ImportNote } from '../../host/contract';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../sql/port';
import { openCase, type OpenCase } from './case-store';
import { importFiles } from './import-files';
import { caseInfo, listRejections } from './case-queries';
import { corpusRoot } from '../../testing/node/corpus';
import { filesUnder } from '../../ingest/formats/evtx/node/evtx-test-files';
import { parsesAhead } from '../../ingest/formats/evtx/node/evtx-thread';

const AUTH = [
  'Mar 14 03:12:45 web-01 sshd[2211]: Failed password for invalid user admin from 185.220.101.47 port 51234 ssh2',
  'this is not syslog',
  'Mar 14 03:12:50 web-01 sshd[2211]: Accepted password for deploy from 185.220.101.47 port 51240 ssh2',
].join('\n') + '\n';

let open: OpenCase | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function fixture(name: string, data: string | Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vestige-src-'));
  const p = join(dir, name);
  await writeFile(p, data);
  return p;
}

describe('importFiles', () => {
  it('imports a folder: every file under it in name order, junk and links to folders skipped with notes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'vestige-folder-'));
    await mkdir(join(root, 'b-host', 'deeper'), { recursive: true });
    await mkdir(join(root, '__MACOSX'));
    await mkdir(join(root, 'empty'));
    await writeFile(join(root, 'b-host', 'deeper', 'auth.log'), AUTH);
    await writeFile(join(root, 'a.log'), AUTH.replace(/web-01/g, 'web-02'));
    await writeFile(join(root, '._a.log'), 'resource fork');
    await writeFile(join(root, '__MACOSX', '._b.log'), 'junk');
    await symlink(join(root, 'b-host'), join(root, 'c-link'));
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const notes: ImportNote[] = [];
    const sources = await importFiles(open, [root], { notes });
    expect(sources.map((x) => [x.path.slice(root.length), x.recordsStored])).toEqual([
      ['/a.log', 2],
      ['/b-host/deeper/auth.log', 2],
    ]);
    expect(notes.map((n) => [n.path.slice(root.length), n.note])).toEqual([
      ['/._a.log', 'macOS resource fork (._*): skipped'],
      ['/__MACOSX', 'macOS metadata (__MACOSX): skipped'],
      ['/c-link', 'link to a folder: not followed'],
      ['/empty', 'empty folder: nothing to import'],
    ]);
    const stored = rowsOf<{ n: bigint }>(await open.port.query(`SELECT count(*) AS n FROM import_notes`));
    expect(Number(stored[0].n)).toBe(4);
  });

  it('accounts for every record: read = stored + rejected, each rejection with its line and reason', async () => {
    const src = await fixture('auth.log', AUTH);
    const before = await readFile(src);
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const [s] = await importFiles(open, [src]);
    expect(s).toMatchObject({ format: 'syslog', recordsRead: 3, recordsStored: 2, recordsRejected: 1 });
    expect(s.firstRejections).toEqual([{ sourceId: 1, member: '', line: 2, offset: AUTH.indexOf('this is not'), reason: 'not a syslog line (no RFC 3164 or RFC 5424 header)' }]);
    expect(await listRejections(open.port, 1, 10)).toHaveLength(1);
    expect(await readFile(src)).toEqual(before); // sources are never modified
    const users = rowsOf<{ u: string }>(await open.port.query(`SELECT "user.name" AS u FROM events ORDER BY "event.id"`));
    expect(users.map((r) => r.u)).toEqual(['admin', 'deploy']);
  });

  it('reads gzip by content, hashes the file as given, refuses the same file twice, and survives reopening', async () => {
    const gz = gzipSync(Buffer.from(AUTH));
    const src = await fixture('auth.log.1', gz);
    const dir = await mkdtemp(join(tmpdir(), 'vestige-case-'));
    open = await openCase(dir);
    const [s] = await importFiles(open, [src]);
    const { createHash } = await import('node:crypto');
    expect(s.sha256).toBe(createHash('sha256').update(gz).digest('hex'));
    expect(s.format).toBe('syslog+gzip');
    const [again] = await importFiles(open, [src]);
    expect(again.error).toMatch(/already in this case/);
    await open.close();
    open = await openCase(dir);
    const info = await caseInfo(open.port, dir, 'x');
    expect(info.eventCount).toBe(2);
    expect(info.sources).toHaveLength(1);
    expect(info.sources[0]).toMatchObject({ sha256: s.sha256, recordsRead: 3, recordsStored: 2, recordsRejected: 1, status: 'ok' });
  });

  it('keeps the records before a truncated gzip and says where it broke', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `Mar 14 03:${String(i % 60).padStart(2, '0')}:00 h CRON[${i}]: job ${i}`).join('\n');
    const gz = gzipSync(Buffer.from(many));
    const src = await fixture('cut.log.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const [s] = await importFiles(open, [src]);
    expect(s.error).toMatch(/gzip stream broken/);
    expect(s.recordsStored).toBeGreaterThan(100);
    expect(s.recordsRead).toBe(s.recordsStored + s.recordsRejected);
  });

  it('refuses a binary file named .log with a clear error and stores nothing', async () => {
    const src = await fixture('evil.log', new Uint8Array(4096).map((_, i) => (i * 7) % 256));
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const [s] = await importFiles(open, [src]);
    expect(s.error).toBe('evil.log: binary data, not a recognised log format');
    expect(s.recordsStored).toBe(0);
  });

  it('cancels mid-file and leaves the case as it was before that file', async () => {
    const big = Array.from({ length: 60000 }, (_, i) => `{"@timestamp":"2026-03-14T03:00:00Z","message":"event ${i} padding padding padding padding"}`).join('\n');
    const src = await fixture('big.jsonl', big);
    const small = await fixture('auth.log', AUTH);
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    await importFiles(open, [small]);
    const abort = new AbortController();
    await expect(importFiles(open, [src], { signal: abort.signal, onProgress: (p) => p.bytesDone > 1 << 20 && abort.abort() })).rejects.toThrow(/import cancelled/);
    const info = await caseInfo(open.port, open.dir, 'x');
    expect(info.eventCount).toBe(2);
    expect(info.sources.map((x) => x.name)).toEqual(['auth.log']);
    expect(await listRejections(open.port, 2, 10)).toEqual([]);
  });

  it('cancels mid-way through a gzip file: the inflating stream ends with the cancel, nothing is kept', async () => {
    // Hard to compress, so that the file is read in several pieces (a progress tick each).
    let seed = 7;
    const noise = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31).toString(36);
    const big = Array.from({ length: 100000 }, (_, i) => `{"@timestamp":"2026-03-14T03:00:00Z","message":"event ${i} ${noise()}${noise()}${noise()}${noise()}${noise()}${noise()}"}`).join('\n');
    const gz = gzipSync(big, { level: 1 });
    expect(gz.length).toBeGreaterThan(2 << 20);
    const src = await fixture('big.jsonl.gz', gz);
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const abort = new AbortController();
    let ticks = 0;
    await expect(importFiles(open, [src], { signal: abort.signal, jsonlDirectMinBytes: Infinity, onProgress: () => ++ticks === 1 && abort.abort() })).rejects.toThrow(/import cancelled/);
    expect((await caseInfo(open.port, open.dir, 'x')).eventCount).toBe(0);
  });

  it('small files share a transaction: a cancelled file is taken back out and the files before it in the same call are kept', async () => {
    const small = await fixture('auth.log', AUTH);
    const other = await fixture('other.jsonl', '{"@timestamp":"2026-03-14T03:00:00Z","message":"kept"}\n');
    const big = await fixture('big.jsonl', Array.from({ length: 60000 }, (_, i) => `{"@timestamp":"2026-03-14T03:00:00Z","message":"event ${i} padding padding padding padding"}`).join('\n'));
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const abort = new AbortController();
    const seen: string[] = [];
    await expect(
      importFiles(open, [small, other, big], { signal: abort.signal, onProgress: (p) => (p.done ? seen.push(p.file) : p.file === big && p.bytesDone > 1 << 20 && abort.abort()) }),
    ).rejects.toThrow(/import cancelled/);
    expect(seen).toEqual([small, other, big]);
    const info = await caseInfo(open.port, open.dir, 'x');
    expect(info.sources.map((x) => [x.name, x.recordsStored])).toEqual([['auth.log', 2], ['other.jsonl', 1]]);
    expect(info.eventCount).toBe(3);
    const bySource = rowsOf<{ s: number; n: bigint }>(await open.port.query(`SELECT "vestige.source_id" AS s, count(*) AS n FROM events GROUP BY 1 ORDER BY 1`));
    expect(bySource.map((r) => [r.s, Number(r.n)])).toEqual([[1, 2], [2, 1]]);
    expect(rowsOf(await open.port.query(`SELECT source_id FROM rejections`)).map((r) => r.source_id)).toEqual([1]);
    // The next import carries on after what was kept: ids and source numbers do not collide.
    const [again] = await importFiles(open, [await fixture('more.jsonl', '{"@timestamp":"2026-03-14T04:00:00Z","message":"later"}\n')]);
    expect(again.recordsStored).toBe(1);
    const ids = rowsOf<{ id: bigint; s: number }>(await open.port.query(`SELECT "event.id" AS id, "vestige.source_id" AS s FROM events ORDER BY 1`));
    expect(new Set(ids.map((r) => r.id)).size).toBe(4);
    expect(ids[3].s).toBe(3);
  });

  it('the same file twice in one call is stored once, the second reported as a duplicate', async () => {
    const src = await fixture('auth.log', AUTH);
    const copy = await fixture('auth-copy.log', AUTH);
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const [a, b] = await importFiles(open, [src, copy]);
    expect(a).toMatchObject({ recordsStored: 2, recordsRejected: 1 });
    expect(b).toMatchObject({ recordsRead: 0, recordsStored: 0, error: 'already in this case as source 1 (same SHA-256): not imported again' });
    const info = await caseInfo(open.port, open.dir, 'x');
    expect(info.eventCount).toBe(2);
    expect(info.sources).toHaveLength(1);
    expect(await listRejections(open.port, 1, 10)).toHaveLength(1);
  });

  it('an integer a core column cannot hold is left out of it (kept in raw), and the batch is stored', async () => {
    const src = await fixture('ports.jsonl', ['{"source":{"port":99999999999},"process":{"pid":"12"},"message":"a"}', '{"source":{"port":443},"process":{"pid":"x"},"message":"b"}'].join('\n'));
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const [s] = await importFiles(open, [src]);
    expect(s).toMatchObject({ recordsRead: 2, recordsStored: 2, recordsRejected: 0 });
    const rows = rowsOf<{ p: number | null; pid: bigint | null; raw: string }>(await open.port.query(`SELECT "source.port" AS p, "process.pid" AS pid, raw FROM events ORDER BY "event.id"`));
    expect(rows.map((r) => [r.p, r.pid === null ? null : Number(r.pid)])).toEqual([[null, 12], [443, null]]);
    expect(rows[0].raw).toContain('99999999999');
  });

  it('a batch DuckDB refuses breaks the shared transaction: the files before it are imported again alone, the faulty one is named', async () => {
    const small = await fixture('auth.log', AUTH);
    const poison = await fixture('poison.jsonl', '{"@timestamp":"2026-03-14T03:00:00Z","message":"poison"}\n');
    const after = await fixture('after.jsonl', '{"@timestamp":"2026-03-14T03:00:00Z","message":"after"}\n');
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const port = open.port;
    // A storage that refuses any batch holding the poison row, after the transaction has begun.
    const refusing: typeof port = Object.assign(Object.create(port) as typeof port, {
      insertColumns: async (table: string, cols: Parameters<typeof port.insertColumns>[1]) => {
        if (cols.some((c) => c.name === 'message' && c.values.includes('poison'))) {
          await port.exec('SELECT error(?)', ['refused']).catch(() => undefined);
          throw new Error('batch refused');
        }
        return port.insertColumns(table, cols);
      },
    });
    const faulty = { ...open, port: refusing } as OpenCase;
    await expect(importFiles(faulty, [small, poison, after])).rejects.toThrow(/poison\.jsonl: batch refused/);
    const info = await caseInfo(port, open.dir, 'x');
    expect(info.sources.map((x) => [x.name, x.recordsStored])).toEqual([['auth.log', 2]]);
    expect(info.eventCount).toBe(2);
    expect(rowsOf(await port.query(`SELECT count(*) AS n FROM rejections`))[0].n).toBe(1n);
  });

  it('imports every log inside nested archives as its own source, with notes for junk', async () => {
    const { zipSync, gzipSync } = await import('fflate');
    const { tarOf } = await import('../../testing/tar-fixture');
    const enc = new TextEncoder();
    const zip = zipSync({
      'export/auth.log': enc.encode(AUTH),
      'export/nested.tar.gz': gzipSync(tarOf({ 'var/log/app.jsonl': '{"@timestamp":"2026-03-14T03:00:00Z","message":"x"}\n' })),
      '__MACOSX/export/._auth.log': enc.encode('junk'),
    });
    const src = await fixture('export.zip', zip);
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const notes: { path: string; member: string; note: string }[] = [];
    const sources = await importFiles(open, [src], { notes });
    expect(sources.map((x) => [x.member, x.format, x.recordsRead, x.recordsStored])).toEqual([
      ['export/auth.log', 'syslog+zip', 3, 2],
      ['export/nested.tar.gz/var/log/app.jsonl', 'jsonl+zip+gzip+tar', 1, 1],
    ]);
    expect(new Set(sources.map((x) => x.sha256)).size).toBe(1);
    expect(sources[0].memberSha256).not.toBe(sources[0].sha256);
    expect(notes).toEqual([{ path: src, member: '__MACOSX/export/._auth.log', note: 'macOS metadata (__MACOSX): skipped' }]);
    const prov = rowsOf<{ m: string; l: bigint }>(await open.port.query(`SELECT "vestige.member" AS m, "vestige.line" AS l FROM events ORDER BY "event.id"`));
    expect(prov.map((r) => [r.m, Number(r.l)])).toEqual([['export/auth.log', 1], ['export/auth.log', 3], ['export/nested.tar.gz/var/log/app.jsonl', 1]]);
  });

  it('rejects a single 10 MB line with its line and offset, and keeps the lines around it', async () => {
    const huge = '{"message":"' + 'x'.repeat(10 * 1024 * 1024) + '"}';
    const src = await fixture('huge.jsonl', `{"message":"before"}\n${huge}\n{"message":"after"}\n`);
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const [s] = await importFiles(open, [src]);
    expect(s).toMatchObject({ format: 'jsonl', recordsRead: 3, recordsStored: 2, recordsRejected: 1 });
    expect(s.firstRejections[0]).toMatchObject({ line: 2, offset: 21, reason: 'line longer than 4194304 bytes: skipped' });
    const msgs = rowsOf<{ m: string }>(await open.port.query(`SELECT message AS m FROM events ORDER BY "event.id"`));
    expect(msgs.map((r) => r.m)).toEqual(['before', 'after']);
  });
});

const corpus = corpusRoot();
const evtxDir = corpus ? join(corpus, 'EVTX-ATTACK-SAMPLES') : null;
if (!corpus) console.log('[import-files] corpus absent (../shared/datasets or VESTIGE_CORPUS): the EVTX cancellation test is skipped');

describe('importFiles with EVTX parsed on its thread (corpus)', () => {
  it.skipIf(!evtxDir)('a cancel mid-folder keeps the files before it, drops the parses started ahead, and the next import is whole', async () => {
    const files = filesUnder(evtxDir!, '.evtx').slice(0, 60);
    const total = async (c: OpenCase) => Number(rowsOf<{ n: bigint }>(await c.port.query(`SELECT count(*) AS n FROM events`))[0].n);
    // A reference import of the same files, uncancelled.
    const ref = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const whole = await importFiles(ref, files, { searchIndex: false });
    const wholeCount = await total(ref);
    await ref.close();
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-case-')));
    const abort = new AbortController();
    const done: string[] = [];
    await expect(importFiles(open, files, { signal: abort.signal, onProgress: (p) => p.done && done.push(p.file) === 20 && abort.abort() })).rejects.toThrow(/import cancelled/);
    expect(parsesAhead()).toBe(0);
    const info = await caseInfo(open.port, open.dir, 'x');
    const kept = info.sources.map((s) => s.path);
    // What was kept is a prefix of the folder, each file whole.
    expect(kept).toEqual(files.slice(0, kept.length));
    expect(kept.length).toBeGreaterThanOrEqual(19);
    expect(info.eventCount).toBe(whole.slice(0, kept.length).reduce((n, s) => n + s.recordsStored, 0));
    // Importing the folder again adds exactly the rest.
    const again = await importFiles(open, files, { searchIndex: false });
    expect(again.filter((s) => !s.error?.startsWith('already in this case')).map((s) => s.path)).toEqual(files.slice(kept.length));
    expect(await total(open)).toBe(wholeCount);
  });
});
