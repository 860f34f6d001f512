import { describe, expect, it } from 'vitest';
import { isReject, type ParseResult } from '../format';
import { parseLines } from '../run-lines';
import { fixtureLines } from './node/fixture-lines';
import { zeekJsonFormat } from './zeek-json';
import { epochTextToIso, unescapeTsv, zeekPathFromName } from './zeek-normalize';
import { zeekTsvFormat } from './zeek-tsv';

const ctx = (sourceName: string) => ({ sourceName, referenceTime: new Date('2026-03-20T00:00:00Z') });
const rows = (results: ParseResult[]) =>
  results.map((r) => {
    if (isReject(r)) throw new Error(`unexpected reject: ${r.reject}`);
    return r;
  });
const raw = (r: ParseResult) => JSON.parse(String((r as { raw: string }).raw)) as Record<string, unknown>;

describe('zeek-tsv', () => {
  const items = parseLines(zeekTsvFormat.create(ctx('zeek-conn.log')), fixtureLines('zeek-conn.log'));
  const [conn1, conn2, dns] = rows(items.map((i) => i.result));

  it('reads every record, follows headers that reappear mid-file and skips #open/#close', () => {
    expect(items.map((i) => i.line)).toEqual([9, 10, 20]);
    expect([conn1, conn2, dns].map((r) => r['event.dataset'])).toEqual(['zeek.conn', 'zeek.conn', 'zeek.dns']);
  });

  it('fills core columns and keeps microseconds in @timestamp', () => {
    expect(conn1).toMatchObject({
      '@timestamp': '2026-03-14T03:20:11.243101Z',
      'event.timezone': 'Z',
      'event.category': 'network',
      'source.ip': '10.0.2.15',
      'source.port': 51234,
      'destination.ip': '185.220.101.47',
      'destination.port': 443,
    });
  });

  it('types values by #types, keeps extra columns, drops unset ones and unescapes strings', () => {
    expect(raw(conn1)).toEqual({
      _path: 'conn', ts: '2026-03-14T03:20:11.243101Z', uid: 'CAbc1', 'id.orig_h': '10.0.2.15', 'id.orig_p': 51234,
      'id.resp_h': '185.220.101.47', 'id.resp_p': 443, proto: 'tcp', service: 'ssl', duration: 1.503, orig_bytes: 517,
      resp_bytes: 4120, conn_state: 'SF', local_orig: true, missed_bytes: 0, history: 'ShADadFf', tunnel_parents: [], site_tag: 'dmz\tedge\\x',
    });
    expect(raw(conn2)).not.toHaveProperty('duration');
    expect(raw(conn2).tunnel_parents).toEqual(['CXyz1', 'CXyz2']);
    expect(raw(dns)).toMatchObject({ query: 'exémple.org', answers: ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'], TTLs: [300, 300], rejected: false });
  });

  it('rejects records it cannot place, with a reason', () => {
    const p = zeekTsvFormat.create(ctx('x.log'));
    const out = parseLines(p, ['1.0\tx', '#fields\tts\tuid\tquery', '#types\ttime\tstring\tstring', '1773458411.1\tC1']);
    expect(out.map((o) => o.result)).toEqual([{ reject: 'record before the #fields header' }, { reject: '2 columns, #fields names 3' }]);
  });
});

describe('zeek-json', () => {
  it('gives the same rows as the TSV form (both id spellings; _path from the file name when absent)', () => {
    const tsv = rows(parseLines(zeekTsvFormat.create(ctx('conn.log')), fixtureLines('zeek-conn.log')).map((i) => i.result));
    const json = rows(parseLines(zeekJsonFormat.create(ctx('conn.json.gz')), fixtureLines('zeek-conn.json')).map((i) => i.result));
    expect(json).toHaveLength(2);
    const strip = (r: ParseResult) => {
      const o = raw(r);
      delete o._write_ts; // json-streaming-logs' write time exists only in that form
      return { ...r, raw: o };
    };
    expect(json.map(strip)).toEqual(tsv.slice(0, 2).map(strip));
  });

  it('rejects bad lines and unreadable times with reasons', () => {
    const p = zeekJsonFormat.create(ctx('dns.log'));
    const out = parseLines(p, ['{"ts":"yesterday","uid":"C1"}', '{bad', '[1]', '']).map((o) => o.result);
    expect(out).toEqual([{ reject: 'unreadable ts: yesterday' }, { reject: expect.stringMatching(/^invalid JSON/) }, { reject: 'not a JSON object' }]);
  });

  it('accepts other ISO spellings of ts and rounds them to the common form', () => {
    const r = parseLines(zeekJsonFormat.create(ctx('dns.log')), ['{"ts":"2026-03-14T04:20:11.5+01:00","uid":"C1"}'])[0].result;
    expect(raw(r).ts).toBe('2026-03-14T03:20:11.500000Z');
    expect(r).toMatchObject({ 'event.dataset': 'zeek.dns' });
  });
});

describe('zeek normalization', () => {
  it('converts epoch text exactly, including negative and exponent forms', () => {
    expect(epochTextToIso('1521911720.865716')).toBe('2018-03-24T17:15:20.865716Z');
    expect(epochTextToIso('-1418429426.887384')).toBe('1925-01-19T23:49:33.112616Z');
    expect(epochTextToIso('2.385616957e+09')).toBe('2045-08-06T07:22:37.000000Z');
    expect(epochTextToIso('soon')).toBeNull();
  });

  it('shows bytes as Zeek JSON does: text for UTF-8, \\xHH for controls and invalid bytes', () => {
    expect(unescapeTsv('a\\x0ab\\x01c\\xffd\\\\e\\xc3\\xa9')).toBe('a\nb\\x01c\\xffd\\eé');
  });

  it('takes the log type from rotated and compressed file names', () => {
    expect(['dns.log', 'logs/dns.json.gz', 'conn.2026-03-14-03-00-00.log.gz', 'C:\\z\\ssl.log'].map(zeekPathFromName)).toEqual(['dns', 'dns', 'conn', 'ssl']);
  });
});
