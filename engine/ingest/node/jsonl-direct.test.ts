import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase, type OpenCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import { CORE_COLUMNS, EVENTS_TABLE } from '../../schema/ecs';
import { ident, rowsOf } from '../../sql/port';
import { directStats, importJsonlDirect, jsonlDirectCandidate } from './jsonl-direct';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { tarOf } from '../../testing/tar-fixture';

/**
 * Lines where DuckDB and JS could read a record differently: each must come
 * out of the direct path exactly as out of the streaming one.
 */
const TRICKY: string[] = [
  // Plain ECS, nested and flat; a flat null does not hide the nested value.
  '{"@timestamp":"2026-03-01T10:00:00.123Z","host":{"name":"web-01"},"user":{"name":"alice"},"source":{"ip":"10.0.0.1","port":51234},"process":{"pid":4242,"command_line":"bash -c \\"id\\""}}',
  '{"@timestamp":"2026-03-01T10:00:01Z","host.name":"flat-host","process.pid":"0012","destination.port":"443"}',
  '{"host.name":null,"host":{"name":"nested-wins"},"event.action":"x"}',
  '{"host.name":"flat-wins","host":{"name":"nested-loses"}}',
  // Numbers, booleans, containers in text columns.
  '{"event.code":4624,"event.action":-7,"log.level":0,"message":"zero"}',
  '{"event.code":1.0,"message":"a float that JS prints as 1"}',
  '{"event.code":1e3,"event.action":1.5,"message":"exponent"}',
  '{"event.code":12345678901234567890,"message":"past 2^53"}',
  '{"event.code":123456789012345,"event.action":1234567890123456}',
  '{"event.code":-0,"event.outcome":true,"event.kind":false}',
  '{"message":{"nested":[1,"x",{"k":1.50}]},"event.action":[1,2,"three"],"event.category":[]}',
  '{"message":"[INFO] started","event.action":"{not json","event.outcome":"[1,2]"}',
  '{"message":"info: infinite loop in nanny.nan, inflation 5%"}',
  // Escapes and Unicode.
  '{"message":"line\\nbreak \\"quoted\\" back\\\\slash \\u00e9 \\ud83d\\ude00 nul\\u0000end","user":{"name":"jos\\u00e9"}}',
  '{"message":"lone \\ud800 surrogate"}',
  '{"message":"déjà vu — 日本語 😀","host":{"name":"hôte"}}',
  // Integer columns.
  '{"source":{"port":99999999999},"destination":{"port":-1},"process":{"pid":2147483648,"parent":{"pid":9007199254740993}}}',
  '{"source":{"port":"  12"},"destination":{"port":"1.5"},"process":{"pid":1.9,"parent":{"pid":true}}}',
  '{"source":{"port":[80]},"destination":{"port":{"n":1}},"process":{"pid":"abc"}}',
  // Times.
  '{"@timestamp":"2026-03-01T10:00:00.123456789Z","message":"nanoseconds"}',
  '{"@timestamp":"2026-03-01T10:00:00.123456Z","message":"microseconds"}',
  '{"@timestamp":"2026-03-01T12:00:00+02:00","message":"offset"}',
  '{"@timestamp":"2026-03-01T12:00:00.5+0200","message":"offset without colon"}',
  '{"@timestamp":"2026-03-01T04:30:00-05:30","event.timezone":"America/Somewhere"}',
  '{"@timestamp":"2026-03-01t10:00:00z","message":"lower case"}',
  '{"@timestamp":"2026-03-01 10:00:00","message":"space, no zone"}',
  '{"@timestamp":"2026-02-30T10:00:00Z","message":"not on the calendar"}',
  '{"@timestamp":"2026-03-01T24:00:00Z","message":"end of day"}',
  '{"@timestamp":"2016-12-31T23:59:60Z","message":"leap second"}',
  '{"@timestamp":"1969-12-31T23:59:59.999Z","message":"before 1970"}',
  '{"ts":1700000000,"message":"epoch seconds"}',
  '{"ts":1700000000123,"message":"epoch ms"}',
  '{"ts":1700000000123456,"message":"epoch us"}',
  '{"ts":1700000000.987654,"message":"fractional epoch"}',
  '{"time":"1700000000","message":"epoch as a string"}',
  '{"time":"1.7e9","message":"exponent string"}',
  '{"ts":-5,"message":"negative epoch"}',
  '{"ts":0,"message":"zero epoch"}',
  '{"date":{"y":2026},"message":"time as an object"}',
  '{"timestamp":true}',
  '{"@timestamp":null,"timestamp":"2026-03-01T10:00:02Z","message":"first key null"}',
  '{"eventTime":"2026-03-01T10:00:03.000Z","EventTime":"ignored"}',
  // Lenient JSON that JSON.parse refuses, and plain invalid lines.
  '{"a":NaN}',
  '{"a":-Infinity}',
  '{"a":inf}',
  '{"a":1,}',
  '{"a":[1,2 ]  , }',
  '{"a":[1,]}',
  '{"a":01}',
  '{"a":1} trailing',
  'not json at all',
  '[1,2,3]',
  '"a string"',
  '42',
  // Blanks and whitespace.
  '',
  '   ',
  '\t',
  '\u00a0',
  '  {"message":"padded","host":{"name":"pad"}}  ',
  '{"event.dataset":"custom.set","message":"own dataset"}',
  '{"message":"' + 'x'.repeat(100_000) + '"}',
];

/** Folders the tests made, removed at the end. */
const made: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vestige-direct-'));
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

/** Lines the SQL maps: a file needs mostly such lines to go direct (its first 10,000 lines are sampled). */
const PLAIN = Array.from({ length: 3000 }, (_, i) =>
  JSON.stringify({ '@timestamp': new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString(), host: { name: `h${i % 7}` }, process: { pid: i }, message: `plain ${i}` }),
);

const compared = CORE_COLUMNS.map((c) => c.name).filter((n) => n !== 'event.id');

async function importBoth(content: string | Uint8Array, name = 'events.jsonl'): Promise<{ dir: string; direct: Snapshot; stream: Snapshot; fallbacks: string[]; slow: number; files: number }> {
  const dir = await tempDir();
  const file = join(dir, name);
  await writeFile(file, content);
  const before = { files: directStats.files, slow: directStats.slowLines, fallbacks: directStats.fallbacks.length };
  const direct = await snapshot(join(dir, 'a'), file, 0);
  const after = { files: directStats.files - before.files, slow: directStats.slowLines - before.slow, fallbacks: directStats.fallbacks.slice(before.fallbacks) };
  const stream = await snapshot(join(dir, 'b'), file, Infinity);
  return { dir, direct, stream, ...after };
}

interface Snapshot {
  rows: Record<string, unknown>[];
  ids: { id: number; line: number }[];
  rejections: Record<string, unknown>[];
  report: Record<string, unknown>;
}

async function snapshot(caseDir: string, file: string, minBytes: number): Promise<Snapshot> {
  const c = await openCase(caseDir);
  try {
    const [report] = await importFiles(c, [file], { searchIndex: false, jsonlDirectMinBytes: minBytes });
    const rows = rowsOf(await c.port.query(`SELECT ${compared.map(ident).join(', ')} FROM ${EVENTS_TABLE} ORDER BY "vestige.line"`));
    const ids = rowsOf<{ id: bigint; line: bigint }>(await c.port.query(`SELECT "event.id" AS id, "vestige.line" AS line FROM ${EVENTS_TABLE} ORDER BY "vestige.line"`)).map((r) => ({ id: Number(r.id), line: Number(r.line) }));
    const rejections = rowsOf(await c.port.query('SELECT source_id, member, line, "offset", reason FROM rejections ORDER BY line'));
    const { firstRejections, ...rest } = report;
    return { rows, ids, rejections, report: { ...rest, firstRejections: firstRejections.map((r) => ({ ...r })) } };
  } finally {
    await c.close();
  }
}

function expectSame(direct: Snapshot, stream: Snapshot, idsByLine = true): void {
  expect(direct.report).toEqual(stream.report);
  expect(direct.rejections).toEqual(stream.rejections);
  expect(direct.rows.length).toBe(stream.rows.length);
  for (let i = 0; i < stream.rows.length; i++) expect(direct.rows[i], `line ${String(stream.rows[i]['vestige.line'])}`).toEqual(stream.rows[i]);
  if (!idsByLine) return;
  // Ids follow line numbers: the first stored line's id plus its distance from it.
  const [first] = direct.ids;
  for (const r of direct.ids) expect(r.id - first.id).toBe(r.line - first.line);
}

describe('JSON lines read by DuckDB', () => {
  beforeEach(() => {
    directStats.fallbacks.length = 0;
  });

  it('stores every tricky line exactly as the streaming path does, leaving to JS the ones the SQL cannot map', async () => {
    // Each tricky line once, then plain lines, so most of the file takes the SQL path.
    const r = await importBoth([...TRICKY, ...PLAIN].join('\n') + '\n');
    expect(r.files).toBe(1);
    expect(r.fallbacks).toEqual([]);
    expectSame(r.direct, r.stream);
    // The streaming path's verdicts, so the comparison is about something: 4 blank lines; 18 rejected (7 lenient
    // or invalid JSON, 1 with trailing text, 1 not JSON, 3 not objects, 6 unreadable times).
    expect(r.stream.report).toMatchObject({ format: 'jsonl', recordsRejected: 18, recordsStored: 3000 + TRICKY.length - 4 - 18 });
    expect(r.stream.rejections.map((x) => x.reason)).toContain('not a JSON object');
    const host = (h: string) => r.direct.rows.filter((x) => x['host.name'] === h).length;
    expect([host('nested-wins'), host('flat-wins'), host('nested-loses')]).toEqual([1, 1, 0]);
    expect(r.direct.rows.find((x) => x.message === 'a float that JS prints as 1')?.['event.code']).toBe('1');
    // Plain lines and most tricky ones were mapped by the SQL; the rest came back to JS.
    expect(r.slow).toBeGreaterThan(20);
    expect(r.slow).toBeLessThan(TRICKY.length);
  });

  it('reads \\r\\n files and a last line without newline the same way (from a path with a quote and a space)', async () => {
    const lines = [...TRICKY.slice(0, 30), ...PLAIN.slice(0, 100)];
    const r = await importBoth(lines.join('\r\n'), "it's here.jsonl");
    expect(r.files).toBe(1);
    expectSame(r.direct, r.stream);
    expect(r.direct.rows.length).toBeGreaterThan(10);
  });

  it('reads a gzip file the same way (member digest and size of the inflated lines), and leaves a broken one to the streaming path', async () => {
    const lines = [...TRICKY, ...PLAIN].join('\n') + '\n';
    const r = await importBoth(gzipSync(lines), 'events.jsonl.gz');
    expect(r.files).toBe(1);
    expectSame(r.direct, r.stream);
    expect(r.direct.report).toMatchObject({ format: 'jsonl+gzip', memberSha256: createHash('sha256').update(lines).digest('hex') });
    const whole = gzipSync(lines + lines);
    const broken = await importBoth(whole.subarray(0, Math.floor(whole.length * 0.7)), 'cut.jsonl.gz');
    expect(broken.files).toBe(0);
    expect(broken.fallbacks.join(' ')).toMatch(/cut\.jsonl\.gz/);
    expectSame(broken.direct, broken.stream, false);
    expect(broken.stream.report.error).toMatch(/gzip/);
  });

  it('reads a JSON-lines member of an archive the same way, from a copy it then removes; a member cut short is streamed as it is', async () => {
    const lines = [...TRICKY, ...PLAIN].join('\n') + '\n';
    const tgz = gzipSync(tarOf({ 'logs/events.jsonl': lines, 'notes/readme.txt': 'not a log\n' }));
    const r = await importBoth(tgz, 'case.tar.gz');
    expect(r.files).toBe(1);
    expect(r.fallbacks).toEqual([]);
    expectSame(r.direct, r.stream);
    expect(r.direct.report).toMatchObject({ member: 'logs/events.jsonl', format: 'jsonl+gzip+tar', memberSha256: createHash('sha256').update(lines).digest('hex') });
    expect(r.direct.rows.every((x) => x['vestige.member'] === 'logs/events.jsonl')).toBe(true);
    expect(r.direct.rejections.length).toBeGreaterThan(0);
    expect(r.direct.rejections.every((x) => x.member === 'logs/events.jsonl')).toBe(true);
    expect(await readdir(join(r.dir, 'a', 'spool'))).toEqual([]);
    // A copy an import killed on the way left behind is removed by the next import into that case.
    const left = join(r.dir, 'a', 'spool', 'member-killed');
    await mkdir(left, { recursive: true });
    await writeFile(join(left, 'member.jsonl'), lines);
    const again = await openCase(join(r.dir, 'a'));
    try {
      await importFiles(again, [], { searchIndex: false });
    } finally {
      await again.close();
    }
    expect(await readdir(join(r.dir, 'a')).then((names) => names.includes('spool'))).toBe(false);
    // Cut inside the member: the bytes before the cut are read, then the gzip error is reported, as when streamed.
    const cut = await importBoth(tgz.subarray(0, Math.floor(tgz.length * 0.6)), 'cut.tar.gz');
    expect(cut.files).toBe(0);
    expectSame(cut.direct, cut.stream, false);
    expect(cut.stream.report.error).toMatch(/gzip/);
    expect(cut.stream.report.recordsStored).toBeGreaterThan(0);
    expect(await readdir(join(cut.dir, 'a', 'spool'))).toEqual([]);
    // Progress moves forward only, through the copy (read in pieces of 1 MiB) and DuckDB's reading of it, to the whole file.
    const tar = tarOf({ 'big.jsonl': Array.from({ length: 8 }, () => PLAIN.join('\n')).join('\n') });
    const big = join(r.dir, 'big.tar');
    await writeFile(big, tar);
    const seen = await openCase(join(r.dir, 'progress'));
    try {
      const ticks: number[] = [];
      const [report] = await importFiles(seen, [big], { searchIndex: false, jsonlDirectMinBytes: 0, onProgress: (p) => ticks.push(p.bytesDone) });
      expect(report).toMatchObject({ format: 'jsonl+tar', recordsStored: 8 * PLAIN.length });
      expect([...ticks].sort((a, b) => a - b)).toEqual(ticks);
      expect(ticks[ticks.length - 1]).toBe(tar.length);
      expect(new Set(ticks).size).toBeGreaterThan(6);
    } finally {
      await seen.close();
    }
    const file = join(r.dir, 'again.tar.gz');
    await writeFile(file, tgz);
    // Cancelled at each point of the way (reading, spooling, staging, storing): nothing kept, no copy left.
    for (let at = 1; at <= 4; at++) {
      const c = await openCase(join(r.dir, `cancel-${at}`));
      try {
        const ac = new AbortController();
        let ticks = 0;
        await expect(importFiles(c, [file], { searchIndex: false, jsonlDirectMinBytes: 0, signal: ac.signal, onProgress: () => ++ticks === at && ac.abort() }), `tick ${at}`).rejects.toThrow(/cancelled/);
        expect(rowsOf(await c.port.query(`SELECT count(*) AS n FROM ${EVENTS_TABLE}`)), `tick ${at}`).toEqual([{ n: 0n }]);
        expect(await readdir(join(r.dir, `cancel-${at}`, 'spool')).catch(() => []), `tick ${at}`).toEqual([]);
      } finally {
        await c.close();
      }
    }
  });

  it('leaves to the streaming path a file whose lines DuckDB would cut differently, and the rows are the same', async () => {
    const body = TRICKY.slice(0, 5).join('\n') + '\n';
    const cases: [string, string | Uint8Array][] = [
      ['a byte-order mark', '\ufeff' + body],
      ['a carriage return without newline', body + '{"message":"a\rb"}\n'],
      ['NUL or 0x01 bytes', body + '{"message":"a\u0001b"}\n'],
      ['invalid UTF-8', Buffer.concat([Buffer.from(body), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d, 0x0a]), Buffer.from(body)])],
      ['both \\n and \\r\\n line ends', body + '{"message":"crlf"}\r\n'],
    ];
    for (const [why, content] of cases) {
      const r = await importBoth(content);
      expect(r.files, why).toBe(0);
      expect(r.fallbacks.join(' '), why).toContain(why);
      expectSame(r.direct, r.stream, false);
    }
  });

  it('streams a file whose first lines are mostly left to JS by the SQL (padded lines here), with the same rows', async () => {
    const r = await importBoth([...PLAIN.slice(0, 50).map((l) => ` ${l}`), ...PLAIN.slice(50, 90)].join('\n'));
    expect(r.files).toBe(0);
    expect(r.fallbacks.join(' ')).toMatch(/50 of the first 90 records are not mapped by the SQL/);
    expectSame(r.direct, r.stream, false);
    expect(r.stream.report).toMatchObject({ recordsStored: 90 });
  });

  it('is a candidate only for a large enough JSON-lines file, plain or gzipped, on native DuckDB without a mapping', async () => {
    const dir = await tempDir();
    const jsonl = join(dir, 'a.jsonl');
    await writeFile(jsonl, TRICKY.slice(0, 3).join('\n'));
    const syslog = join(dir, 'auth.log');
    await writeFile(syslog, 'Mar 14 03:12:45 web-01 sshd[2211]: Failed password for root from 10.0.0.1 port 22 ssh2\n');
    const glob = join(dir, 'a[1].jsonl');
    await writeFile(glob, TRICKY.slice(0, 3).join('\n'));
    const gz = join(dir, 'a.jsonl.gz');
    await writeFile(gz, gzipSync(TRICKY.slice(0, 3).join('\n')));
    const tgz = join(dir, 'a.tar.gz');
    await writeFile(tgz, gzipSync(tarOf({ 'a.jsonl': TRICKY.slice(0, 3).join('\n') })));
    const port = await openDuckDb();
    try {
      expect(await jsonlDirectCandidate(port, jsonl, { minBytes: 0 })).toBe(true);
      expect(await jsonlDirectCandidate(port, gz, { minBytes: 0 })).toBe(true);
      expect(await jsonlDirectCandidate(port, tgz, { minBytes: 0 })).toBe(false);
      // A gzip file is measured by the inflated size its trailer gives: 17 MiB of lines in a small file goes direct.
      const big = join(dir, 'big.jsonl.gz');
      const line = TRICKY[0] + '\n';
      await writeFile(big, gzipSync(line.repeat(Math.ceil((17 << 20) / line.length))));
      expect(await jsonlDirectCandidate(port, big)).toBe(true);
      expect(await jsonlDirectCandidate(port, gz)).toBe(false);
      // Bytes already read are used as they are: no file is opened.
      const bytes = new TextEncoder().encode(TRICKY.slice(0, 3).join('\n'));
      expect(await jsonlDirectCandidate(port, join(dir, 'not-on-disk.jsonl'), { minBytes: 0, bytes })).toBe(true);
      expect(await jsonlDirectCandidate(port, join(dir, 'not-on-disk.jsonl'), { minBytes: 0 })).toBe(false);
      expect(await jsonlDirectCandidate(port, jsonl)).toBe(false);
      expect(await jsonlDirectCandidate(port, jsonl, { minBytes: 0, mapping: { fields: {} } })).toBe(false);
      expect(await jsonlDirectCandidate(port, syslog, { minBytes: 0 })).toBe(false);
      expect(await jsonlDirectCandidate(port, glob, { minBytes: 0 })).toBe(false);
      expect(await jsonlDirectCandidate({ ...port, readsFiles: false } as typeof port, jsonl, { minBytes: 0 })).toBe(false);
    } finally {
      await port.close();
    }
  });
});

describe('JSON lines read by DuckDB, in a case', () => {
  let c: OpenCase | null = null;
  afterEach(async () => {
    await c?.close();
    c = null;
  });

  it('stores the same rows in statements of a few lines as in one, with progress after each', async () => {
    const dir = await tempDir();
    const file = join(dir, 'events.jsonl');
    await writeFile(file, [...TRICKY, ...PLAIN.slice(0, 100)].join('\n'));
    const rows = async (insertLines: number) => {
      const c = await openCase(join(dir, `case-${insertLines}`));
      const port = c.port;
      try {
        const ticks: number[] = [];
        const out = await importJsonlDirect(port, file, { firstSourceId: 3, firstEventId: 100, insertLines, onProgress: (p) => ticks.push(p.bytesDone / p.bytesTotal) });
        const rejections = rowsOf(await port.query('SELECT * FROM rejections ORDER BY line'));
        return { out, ticks, rejections, rows: rowsOf(await port.query(`SELECT * FROM ${EVENTS_TABLE} ORDER BY "event.id"`)) };
      } finally {
        await c.close();
      }
    };
    const [one, many] = [await rows(1_000_000), await rows(7)];
    expect(many.rows).toEqual(one.rows);
    expect(many.rejections).toEqual(one.rejections);
    expect(many.out).toEqual(one.out);
    expect(one.rows.length).toBeGreaterThan(20);
    expect(many.ticks.filter((t) => t > 0.5 && t < 0.9).length).toBeGreaterThanOrEqual(Math.floor((TRICKY.length + 100) / 7) - 1);
    expect([...many.ticks].sort((a, b) => a - b)).toEqual(many.ticks);
  });

  it('a cancel while DuckDB reads the file interrupts that reading, and nothing is left', async () => {
    const dir = await tempDir();
    const file = join(dir, 'events.jsonl');
    await writeFile(file, Array.from({ length: 10 }, () => PLAIN.join('\n')).join('\n'));
    c = await openCase(join(dir, 'case'));
    const port = c.port;
    const interrupted: string[] = [];
    const fork = port.fork!.bind(port);
    port.fork = async () => {
      const side = await fork();
      const interrupt = side.interrupt!.bind(side);
      side.interrupt = () => (interrupted.push('side'), interrupt());
      return side;
    };
    const ac = new AbortController();
    await expect(importJsonlDirect(port, file, { firstSourceId: 3, firstEventId: 100, signal: ac.signal, onProgress: () => ac.abort() })).rejects.toThrow(/cancelled/);
    expect(interrupted).toEqual(['side']);
    expect(rowsOf(await port.query(`SELECT count(*) AS n FROM ${EVENTS_TABLE}`))).toEqual([{ n: 0n }]);
    expect(rowsOf(await port.query("SELECT database_name FROM duckdb_databases() WHERE database_name LIKE 'vestige_stage%'"))).toEqual([]);
  });

  it('takes back what it stored and leaves the file to the streaming path when DuckDB fails on the way', async () => {
    const dir = await tempDir();
    const file = join(dir, 'events.jsonl');
    await writeFile(file, [...TRICKY, ...PLAIN.slice(0, 100)].join('\n'));
    c = await openCase(join(dir, 'case'));
    const port = c.port;
    let inserts = 0;
    const exec = port.exec.bind(port);
    port.exec = (sql, params) => (/^INSERT INTO/.test(sql) && ++inserts === 3 ? Promise.reject(new Error('Out of Memory Error: injected')) : exec(sql, params));
    directStats.fallbacks.length = 0;
    expect(await importJsonlDirect(port, file, { firstSourceId: 3, firstEventId: 100, insertLines: 7 })).toBeNull();
    expect(inserts).toBe(3);
    expect(directStats.fallbacks).toEqual([`${file}: Out of Memory Error: injected`]);
    expect(rowsOf(await port.query(`SELECT count(*) AS n FROM ${EVENTS_TABLE}`))).toEqual([{ n: 0n }]);
    expect(rowsOf(await port.query(`SELECT count(*) AS n FROM rejections`))).toEqual([{ n: 0n }]);
  });

  it('a cancelled import keeps the files before it and nothing of it, not even its staging database; the same file twice is stored once', async () => {
    const dir = await tempDir();
    const file = join(dir, 'events.jsonl');
    const before = join(dir, 'before.jsonl');
    await writeFile(file, Array.from({ length: 5000 }, (_, i) => JSON.stringify({ message: `m${i}`, ts: 1700000000 + i })).join('\n'));
    await writeFile(before, '{"message":"kept"}\n');
    c = await openCase(join(dir, 'case'));
    const ac = new AbortController();
    const commits: string[] = [];
    const exec = c.port.exec.bind(c.port);
    c.port.exec = (sql, params) => (/^\s*COMMIT/i.test(sql) && commits.push(sql), exec(sql, params));
    // The small file goes through the streaming path into the transaction the large one then shares: one commit, after the cancel.
    await expect(
      importFiles(c, [before, file], { searchIndex: false, jsonlDirectMinBytes: 1000, signal: ac.signal, onProgress: (p) => p.file === file && ac.abort() }),
    ).rejects.toThrow(/cancelled/);
    expect(directStats.fallbacks.filter((f) => f.startsWith(file))).toEqual([]);
    expect(commits).toHaveLength(1);
    const count = async () => Number(rowsOf<{ n: bigint }>(await c!.port.query(`SELECT count(*) AS n FROM ${EVENTS_TABLE}`))[0].n);
    expect(rowsOf(await c.port.query(`SELECT message FROM ${EVENTS_TABLE}`))).toEqual([{ message: 'kept' }]);
    expect(rowsOf(await c.port.query("SELECT database_name FROM duckdb_databases() WHERE database_name LIKE 'vestige_stage%'"))).toEqual([]);
    // Imported whole this time, with another small file before it: still one transaction, one commit.
    const next = join(dir, 'next.jsonl');
    await writeFile(next, '{"message":"next"}\n');
    commits.length = 0;
    const [, first] = await importFiles(c, [next, file], { searchIndex: false, jsonlDirectMinBytes: 1000 });
    expect(first).toMatchObject({ recordsRead: 5000, recordsStored: 5000, recordsRejected: 0, firstTime: '2023-11-14T22:13:20.000Z' });
    expect(commits).toHaveLength(1);
    const [again] = await importFiles(c, [file], { searchIndex: false, jsonlDirectMinBytes: 0 });
    expect(again.error).toMatch(/already in this case/);
    expect(await count()).toBe(5002);
  });
});
