import { describe, expect, it } from 'vitest';
import { isReject, type ParseResult } from '../format';
import { parseLines, parseOne } from '../run-lines';
import { iisW3cFormat } from './iis-w3c';
import { fixtureLines } from './node/fixture-lines';

const create = () => iisW3cFormat.create({ sourceName: 'u_ex260314.log', referenceTime: new Date('2026-03-20T00:00:00Z') });
const ok = (r: ParseResult) => {
  if (isReject(r)) throw new Error(`expected a row, got ${r.reject}`);
  return r;
};
const out = () => parseLines(create(), fixtureLines('iis-w3c.log'));

describe('iis-w3c', () => {
  it('takes its columns from #Fields, emits nothing for directives and blank lines', () => {
    expect(out().map((o) => o.line)).toEqual([5, 6, 9, 10]);
  });

  it('maps a request: UTC time, client and server, URL with query, decoded user agent in raw', () => {
    const r = ok(out()[0].result);
    expect(r).toMatchObject({
      '@timestamp': '2026-03-14T03:12:45.000Z',
      'event.timezone': 'Z',
      'event.dataset': 'iis.access',
      'event.outcome': 'success',
      'source.ip': '10.0.2.17',
      'destination.ip': '10.0.2.15',
      'destination.port': 80,
      'host.name': 'WEB-01',
      'user.name': null,
      'url.original': '/erp/conn.aspx?proxy&port=3389&ip=127.0.0.1',
    });
    const raw = JSON.parse(String(r.raw));
    expect(raw['cs(User-Agent)']).toBe('Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)');
    expect(raw.user_agent).toBe('Mozilla/5.0 (Windows NT 10.0; Win64; x64)');
    expect(Object.keys(raw)).toHaveLength(17 + 1);
  });

  it('reads the user name and a failure status', () => {
    expect(ok(out()[1].result)).toMatchObject({ 'user.name': 'CORP\\alice', 'event.outcome': 'failure', 'url.original': '/owa/auth.owa' });
  });

  it('follows a new #Fields header, and rejects a line whose field count differs', () => {
    const o = out();
    expect(ok(o[2].result)).toMatchObject({ 'source.ip': '10.0.2.19', 'url.original': '/shell.aspx', 'event.outcome': 'failure', 'destination.ip': null });
    expect(o[3].result).toEqual({ reject: 'expected 6 fields (per #Fields), got 8' });
  });

  it('uses the IIS default columns when the header was cut off, and rejects other headless lines', () => {
    const line = '2019-09-03 10:13:44 10.0.2.15 POST /erp/conn.aspx proxy 80 - 10.0.2.17 - - 200 0 0 4';
    expect(parseOne(create(), line)).toMatchObject({ 'source.ip': '10.0.2.17', 'url.original': '/erp/conn.aspx?proxy' });
    expect(parseOne(create(), '2019-09-03 10:13:44 a b')).toEqual({ reject: 'W3C line before any #Fields header (and not the IIS default columns)' });
  });
});
