/**
 * Parity: the same bytes through the JS line path and the SQL fast path must
 * give the same rows (every column but the id, which the fast path takes from
 * the line number) and the same rejections.
 */
import { describe, expect, it } from 'vitest';
import { CASE_DDL } from '../../case/schema';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { rowsOf, type SqlPort } from '../../sql/port';
import { EventBatcher } from '../batcher';
import { jsonlFormat } from '../formats/jsonl';
import { bulkJsonLines, bulkPortOf } from '../jsonl-bulk';
import { LineSplitter } from '../line-splitter';
import { isReject } from '../format';

const enc = new TextEncoder();
const ctx = { sourceName: 't.jsonl', referenceTime: new Date('2026-03-01T00:00:00Z') };

// Known gap, not in the list: duplicate keys ({"host":{"name":"a"},"host":{"name":"b"}}): JSON.parse keeps the
// last, DuckDB's yyjson the first. Out-of-range ports (99999999999) make the JS path's insert throw (int32).
const LINES = [
  '{"@timestamp":"2026-03-01T10:00:00.123456Z","host":{"name":"web-01"},"user.name":"alice","source":{"ip":"10.0.0.1","port":443}}',
  '{"timestamp":"2026-03-01 10:00:01+02","event":{"action":"exec","dataset":"x"},"process":{"pid":"12","parent":{"pid":1}}}',
  '{"time":"2026-03-01T10:00:02,5-0530","message":"caf\\u00e9 \\"q\\" C:\\\\Windows\\\\x"}',
  '{"ts":1700000000.123,"event.timezone":"Europe/Paris"}',
  '{"ts":"1700000000123"}',
  '{"eventTime":1700000000123456}',
  '{"date":"2026-02-31T25:61:00Z"}',
  '{"@timestamp":"not a time"}',
  '{"@timestamp":0}',
  '{"@timestamp":true}',
  '{"time":null,"ts":1700000001}',
  '',
  '   ',
  '\t{"a":1}  ',
  'not json at all',
  '{"a":1,}',
  '{"a":NaN}',
  '{"a":"\\x"}',
  '[1,2]',
  '"string"',
  '{"message":{"nested":1.50},"source.port":80.9,"destination":{"port":true}}',
  '{"event":{"category":["a",1,null]},"process":{"pid":[7,8]},"user":{"name":12.5}}',
  '{"host.name":null,"host":{"name":"nested"}}',
  '{"log":{"level":"-0"},"url":{"original":-0}}',
  '{"file":{"path":"a"}}\r',
  '\r',
  '\uFEFF{"message":"bom"}',
  '{"message":"\\ud83d\\ude00 emoji"}',
  '{"message":"' + 'x'.repeat(5000) + '"}',
  '{"@timestamp":"0099-01-01T00:00:00Z"}',
  '{"@timestamp":"2026-03-01T10:00:00 +01:00"}',
  '{"ts":1e400}',
  '{"ts":-5}',
];

async function newCase(): Promise<SqlPort> {
  const port = await openDuckDb();
  for (const ddl of CASE_DDL) await port.exec(ddl);
  return port;
}

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function viaJs(bytes: Uint8Array): Promise<SqlPort> {
  const port = await newCase();
  const b = new EventBatcher(port, 1, '', 1);
  const parser = jsonlFormat.create(ctx);
  const splitter = new LineSplitter();
  const out: { r: ReturnType<typeof Object>; line: number; offset: number }[] = [];
  const onLine = (l: { lineNo: number; offset: number; text: string | null; error?: string }) => {
    if (l.text === null) out.push({ r: { reject: l.error }, line: l.lineNo, offset: l.offset });
    else parser.line(l.text, l.lineNo, l.offset, (r, line, offset) => out.push({ r, line: line!, offset: offset! }));
  };
  splitter.push(bytes, onLine);
  splitter.end(onLine);
  for (const o of out) {
    if (isReject(o.r as never)) await b.reject(o.line, o.offset, (o.r as { reject: string }).reject);
    else await b.add(o.r as never, o.line, o.offset);
  }
  await b.flush();
  return port;
}

async function viaSql(bytes: Uint8Array, pieceBytes: number): Promise<{ port: SqlPort; batcher: EventBatcher }> {
  const port = await newCase();
  const b = new EventBatcher(port, 1, '', 1);
  await bulkJsonLines(bulkPortOf(port)!, chunks(bytes, 97), jsonlFormat.create(ctx), b, { pieceBytes });
  await b.flush();
  return { port, batcher: b };
}

const dump = async (port: SqlPort) => ({
  events: rowsOf(await port.query(`SELECT * EXCLUDE ("event.id") FROM events ORDER BY "vestige.line"`)).map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v))),
  rejections: rowsOf(await port.query(`SELECT line, "offset", reason FROM rejections ORDER BY line`)).map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v))),
});

describe('JSON lines: SQL fast path = JS path', () => {
  it.each([64, 1000, 1 << 20])('hostile lines, pieces of %i bytes', async (pieceBytes) => {
    const bytes = enc.encode(LINES.join('\n') + '\n' + LINES.slice(0, 3).join('\n'));
    const js = await dump(await viaJs(bytes));
    const { port, batcher } = await viaSql(bytes, pieceBytes);
    const sql = await dump(port);
    expect(sql.rejections).toEqual(js.rejections);
    expect(sql.events).toEqual(js.events);
    expect(batcher.read).toBe(batcher.stored + batcher.rejected);
    expect(batcher.stored).toBe(js.events.length);
    const ids = rowsOf<{ id: bigint; line: bigint }>(await port.query(`SELECT "event.id" AS id, "vestige.line" AS line FROM events ORDER BY line`));
    for (const r of ids) expect(Number(r.id)).toBe(Number(r.line));
  });

  it('a piece with invalid UTF-8 goes line by line in JS', async () => {
    const good = enc.encode(LINES.slice(0, 4).join('\n') + '\n');
    const bytes = new Uint8Array([...good, ...enc.encode('{"message":"bad '), 0xff, 0xfe, ...enc.encode('"}\n'), ...good]);
    const js = await dump(await viaJs(bytes));
    const sql = await dump((await viaSql(bytes, 64)).port);
    expect(sql.rejections).toEqual(js.rejections);
    expect(js.rejections.some((r) => r.includes('invalid UTF-8'))).toBe(true);
    expect(sql.events).toEqual(js.events);
  });

  it('a line longer than the limit is rejected and reading goes on', async () => {
    const long = '{"message":"' + 'y'.repeat(3000) + '"}';
    const bytes = enc.encode([LINES[0], long, LINES[1], long, LINES[2]].join('\n') + '\n');
    const port = await newCase();
    const b = new EventBatcher(port, 1, '', 1);
    await bulkJsonLines(bulkPortOf(port)!, chunks(bytes, 500), jsonlFormat.create(ctx), b, { pieceBytes: 256, maxLineBytes: 1024 });
    await b.flush();
    const d = await dump(port);
    expect(d.rejections.length).toBe(2);
    expect(d.rejections[0]).toContain('line longer than 1024 bytes');
    expect(d.events.length).toBe(3);
    expect(b.read).toBe(5);
  });
});
