import { describe, expect, it } from 'vitest';
import { parseLines } from '../../run-lines';
import { oktaLinesFormat, oktaToEcs } from './okta';
import { fixtureLines } from './node/test-streams';

const lines = fixtureLines('okta.jsonl');
const rows = () => parseLines(oktaLinesFormat.create({ sourceName: 'okta.jsonl', referenceTime: new Date() }), lines).map((r) => r.result);

describe('Okta System Log', () => {
  it('maps a failed sign-in and an admin adding a user to a group', () => {
    const [login, add] = rows();
    expect(login).toEqual({
      '@timestamp': '2024-06-10T08:01:02.345Z',
      'event.timezone': 'Z',
      'event.kind': 'event',
      'event.dataset': 'okta.system',
      'event.action': 'user.session.start',
      'event.category': 'authentication',
      'event.outcome': 'failure',
      'log.level': 'WARN',
      message: 'User login to Okta',
      'user.name': 'maya@example.org',
      'source.ip': '192.0.2.15',
      'url.original': '/api/v1/authn?',
      raw: lines[0],
    });
    expect(add).toMatchObject({ 'event.category': 'iam', 'event.outcome': 'success', 'user.name': 'admin@example.org', 'source.ip': '2001:db8:0:1::20' });
  });

  it('reads exports that lower-cased the top-level keys', () => {
    const obj = { published: '2024-06-10 08:01:02.345', eventtype: 'user.session.start', actor: { alternateId: 'x@example.org' }, outcome: { result: 'CHALLENGE' } };
    expect(oktaToEcs(obj, '{}')).toMatchObject({ '@timestamp': '2024-06-10T08:01:02.345Z', 'event.timezone': null, 'event.action': 'user.session.start', 'event.outcome': 'unknown', 'user.name': 'x@example.org' });
  });

  it('claims Okta lines only', () => {
    expect(oktaLinesFormat.sniff(lines)).toBeGreaterThan(0.9);
    expect(oktaLinesFormat.sniff(fixtureLines('cloudtrail.jsonl'))).toBe(0);
    expect(oktaLinesFormat.sniff(['{"eventType":"AwsApiCall","actor":{}}'])).toBe(0);
  });
});
