import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isReject, type ParseResult } from '../format';
import type { FieldMapping } from '../mapping';
import { parseLines } from '../run-lines';
import { csvFormat } from './csv';
import { CsvReader } from './csv-reader';
import { fixtureLines } from './node/fixture-lines';

const ctx = (mapping?: FieldMapping) => ({ sourceName: 'export.csv', referenceTime: new Date('2026-03-20T00:00:00Z'), mapping });
const run = (lines: string[], mapping?: FieldMapping) => parseLines(csvFormat.create(ctx(mapping)), lines);
const raw = (r: ParseResult) => JSON.parse(String((r as { raw: string }).raw)) as Record<string, unknown>;

describe('csv reader', () => {
  it('follows RFC 4180 quoting, across lines', () => {
    const r = new CsvReader(',');
    expect(r.feed('a,"b ""c"", d",e')).toEqual({ cells: ['a', 'b "c", d', 'e'] });
    expect(r.feed('1,"two')).toBeNull();
    expect(r.feed('lines",3')).toEqual({ cells: ['1', 'two\nlines', '3'] });
    expect(r.feed('x,y"z,')).toEqual({ cells: ['x', 'y"z', ''] });
  });

  it('gives up a quote that never closes instead of swallowing the file', () => {
    const r = new CsvReader(',', 10);
    expect(r.feed('"open')).toBeNull();
    expect(r.feed('still open')).toEqual({ error: 'quoted field not closed within 10 characters' });
    expect(r.feed('a,b')).toEqual({ cells: ['a', 'b'] });
  });
});

describe('csv', () => {
  it('maps aliases and ECS names, keeps every cell in raw, numbers records by their first line', () => {
    const items = run(fixtureLines('generic.csv'));
    expect(items.map((i) => [i.line, i.offset])).toEqual([[2, 49], [3, 117], [5, 198]]);
    const [a, b, c] = items.map((i) => i.result);
    expect(a).toEqual({
      '@timestamp': '2026-03-14T03:12:45.000Z',
      'event.timezone': 'Z',
      'event.dataset': 'csv',
      'event.action': 'ssh_login',
      'host.name': 'web-01',
      'user.name': 'alice',
      'source.ip': '185.220.101.47',
      'destination.port': 22,
      raw: JSON.stringify({ Time: '2026-03-14T03:12:45Z', Host: 'web-01', User: 'alice', src_ip: '185.220.101.47', dst_port: '22', 'event.action': 'ssh_login', Note: 'plain' }),
    });
    expect(raw(b).Note).toBe('multi\nline, with "quotes"');
    expect(b).toMatchObject({ '@timestamp': '2026-03-14T03:13:00.000Z', 'event.timezone': null });
    expect(c).toMatchObject({ '@timestamp': '2026-03-14T01:14:00.000Z', 'event.timezone': '+02:00', 'host.name': 'db-01' });
    expect(c).not.toHaveProperty('user.name');
    expect(c).not.toHaveProperty('destination.port');
  });

  it('sniffs the delimiter from the header', () => {
    const [r] = run(['time;src_ip;msg', '2026-03-14T03:12:45Z;10.0.0.1;a,b']).map((i) => i.result);
    expect(r).toMatchObject({ 'source.ip': '10.0.0.1', message: 'a,b' });
    const [t] = run(['time\tuser', '2026-03-14T03:12:45Z\tbob']).map((i) => i.result);
    expect(t).toMatchObject({ 'user.name': 'bob' });
  });

  it('applies a mapping: fields, time pattern, zone and dataset', () => {
    const mapping: FieldMapping = { fields: { '@timestamp': 'Date', 'source.ip': 'SrcIP', 'user.name': 'Account' }, timeFormat: '%d/%m/%Y %H:%M:%S', timeZone: 'Europe/Paris', dataset: 'acme.firewall' };
    const [r, bad] = run(['Date|SrcIP|Account|user', '14/03/2026 04:12:45|10.1.1.1|svc-backup|ignored', '31/02/2026 00:00:00|x|y|z'], mapping).map((i) => i.result);
    expect(r).toMatchObject({ '@timestamp': '2026-03-14T03:12:45.000Z', 'event.timezone': 'Europe/Paris', 'event.dataset': 'acme.firewall', 'source.ip': '10.1.1.1', 'user.name': 'svc-backup' });
    expect(bad).toEqual({ reject: 'unreadable time in "Date" as %d/%m/%Y %H:%M:%S: 31/02/2026 00:00:00' });
  });

  it('rejects a record left open at the end of the file', () => {
    const items = run(['a,b', '1,"never closed', 'more']);
    expect(items).toEqual([{ result: { reject: 'end of file inside a quoted field' }, line: 2, offset: 4 }]);
  });
});

const LOGHUB = '/work/shared/datasets/loghub';

describe.skipIf(!existsSync(LOGHUB))('csv corpus (loghub *_structured.csv)', () => {
  it('sniffs and parses every structured CSV completely', () => {
    const files = readdirSync(LOGHUB, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('_structured.csv'));
    let records = 0;
    for (const f of files) {
      const lines = readFileSync(join(LOGHUB, f), 'utf8').split(/\r?\n/);
      if (lines[lines.length - 1] === '') lines.pop();
      expect(csvFormat.sniff(lines.slice(0, 50)), f).toBeGreaterThan(0.5);
      const out = run(lines).map((i) => i.result);
      expect(out.filter(isReject), f).toEqual([]);
      expect(out, f).toHaveLength(2000);
      expect(raw(out[1999]).LineId, f).toBe('2000');
      records += out.length;
    }
    expect(files).toHaveLength(16);
    console.log(`csv corpus: ${files.length} files, ${records} records, 0 rejects`);
  });
});
