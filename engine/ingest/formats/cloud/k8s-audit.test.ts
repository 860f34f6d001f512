import { describe, expect, it } from 'vitest';
import { parseLines } from '../../run-lines';
import { k8sAuditLinesFormat } from './k8s-audit';
import { fixtureLines } from './node/test-streams';

const lines = fixtureLines('k8s-audit.jsonl');
const rows = parseLines(k8sAuditLinesFormat.create({ sourceName: 'audit.log', referenceTime: new Date() }), lines).map((r) => r.result);

describe('Kubernetes audit', () => {
  it('maps an exec into a pod, timed when the request arrived', () => {
    expect(rows[0]).toEqual({
      '@timestamp': '2024-09-01T07:00:00.100200Z',
      'event.timezone': 'Z',
      'event.kind': 'event',
      'event.dataset': 'kubernetes.audit',
      'event.action': 'create',
      'event.outcome': 'success',
      'user.name': 'jo@example.org',
      'source.ip': '192.0.2.9',
      'url.original': '/api/v1/namespaces/default/pods/web-0/exec?command=sh&container=web&stdin=true&tty=true',
      message: null,
      raw: lines[0],
    });
  });

  it('marks forbidden requests as failed', () => {
    expect(rows[1]).toMatchObject({ 'event.action': 'list', 'event.outcome': 'failure', 'user.name': 'system:anonymous', message: 'secrets is forbidden' });
  });

  it('claims audit events, not core/v1 Events or other logs', () => {
    expect(k8sAuditLinesFormat.sniff(lines)).toBe(0.97);
    expect(k8sAuditLinesFormat.sniff(['{"kind":"Event","verb":"get","objectRef":{"resource":"pods"}}'])).toBe(0.95);
    expect(k8sAuditLinesFormat.sniff(['{"kind":"Event","apiVersion":"v1","reason":"BackOff","involvedObject":{}}'])).toBe(0);
    expect(k8sAuditLinesFormat.sniff(fixtureLines('azure.jsonl').slice(4))).toBe(0);
  });
});
