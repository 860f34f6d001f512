import { describe, expect, it } from 'vitest';
import { isReject, type ParseResult } from '../format';
import { parseLines, parseOne } from '../run-lines';
import { fixtureLines } from './node/fixture-lines';
import { webAccessFormat } from './web-access';

const p = () => webAccessFormat.create({ sourceName: 'access.log', referenceTime: new Date('2026-03-20T00:00:00Z') });
const ok = (r: ParseResult | null) => {
  if (!r || isReject(r)) throw new Error(`expected a row, got ${JSON.stringify(r)}`);
  return r;
};
const lines = fixtureLines('web-access.log');

describe('web-access', () => {
  it('parses the combined format with zone, user, HTTP fields in raw', () => {
    const r = ok(parseOne(p(), lines[0]));
    expect(r).toMatchObject({
      '@timestamp': '2000-10-10T20:55:36.000Z',
      'event.timezone': '-07:00',
      'event.dataset': 'web.access',
      'event.outcome': 'success',
      'source.ip': '10.0.0.7',
      'user.name': 'frank',
      'url.original': '/apache_pb.gif',
    });
    expect(JSON.parse(String(r.raw))).toEqual({
      client: '10.0.0.7', ident: '-', user: 'frank', time: '10/Oct/2000:13:55:36 -0700', request: 'GET /apache_pb.gif HTTP/1.0',
      method: 'GET', url: '/apache_pb.gif', version: 'HTTP/1.0', status: 200, bytes: 2326,
      referrer: 'http://www.example.com/start.html', user_agent: 'Mozilla/4.08 [en] (Win98; I ;Nav)',
    });
  });

  it('parses the common format: no user for "-", failure from 4xx', () => {
    expect(ok(parseOne(p(), lines[1]))).toMatchObject({ 'user.name': null, 'event.outcome': 'failure', '@timestamp': '2018-07-11T05:41:29.000Z', 'event.timezone': '+03:00' });
  });

  it('keeps a request with an unescaped quote whole (Tomcat writes attacks verbatim)', () => {
    const r = ok(parseOne(p(), lines[2]));
    expect(r['url.original']).toBe('/x.dll?postdata="><script>foo</script>');
    expect(JSON.parse(String(r.raw))).toMatchObject({ status: 404, bytes: 997, version: 'HTTP/1.1' });
  });

  it('reads IPv6 clients, "-" bytes and escaped quotes in the user agent', () => {
    const r = ok(parseOne(p(), lines[3]));
    expect(r['source.ip']).toBe('2001:db8::5');
    expect(JSON.parse(String(r.raw))).toMatchObject({ bytes: null, referrer: '-', user_agent: 'curl/8.5.0 "quoted"' });
  });

  it('keeps a request that is not HTTP (a TLS handshake on a plain port) with no URL', () => {
    const r = ok(parseOne(p(), lines[5]));
    expect(r).toMatchObject({ 'url.original': null, message: '\\x16\\x03\\x01', 'event.outcome': 'failure' });
  });

  it('skips blank lines and rejects other text with a reason', () => {
    const out = parseLines(p(), lines);
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 4, 6, 7]);
    expect(out[5].result).toEqual({ reject: 'not a common/combined access log line' });
  });
});
