import { describe, expect, it } from 'vitest';
import { parseLines } from '../../run-lines';
import { azureLinesFormat } from './azure';
import { fixtureLines } from './node/test-streams';

const lines = fixtureLines('azure.jsonl');
const rows = parseLines(azureLinesFormat.create({ sourceName: 'azure.jsonl', referenceTime: new Date() }), lines).map((r) => r.result);

describe('Azure / Entra ID', () => {
  it('maps an Event Hub sign-in record', () => {
    expect(rows[0]).toEqual({
      '@timestamp': '2024-07-01T10:00:00.123456Z',
      'event.timezone': 'Z',
      'event.kind': 'event',
      'event.dataset': 'azure.signinlogs',
      'event.action': 'Sign-in activity',
      'event.category': 'authentication',
      'event.outcome': 'failure',
      'log.level': '4',
      message: 'Invalid username or password.',
      'user.name': 'sam@example.org',
      'source.ip': '198.51.100.23',
      raw: lines[0],
    });
  });

  it('maps Graph sign-ins, Entra audit records and activity-log records', () => {
    expect(rows[1]).toMatchObject({ '@timestamp': '2024-07-01T10:02:00.000Z', 'event.dataset': 'azure.signinlogs', 'event.outcome': 'success', 'user.name': 'sam@example.org', 'source.ip': '198.51.100.23' });
    expect(rows[2]).toMatchObject({ 'event.dataset': 'azure.auditlogs', 'event.action': 'Add member to role', 'event.outcome': 'success', 'user.name': 'admin@example.org', 'source.ip': '203.0.113.9' });
    expect(rows[3]).toMatchObject({
      '@timestamp': '2024-07-01T11:00:00.500Z',
      'event.dataset': 'azure.activitylogs',
      'event.action': 'MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE',
      'event.outcome': 'success',
      'user.name': 'ops@example.org',
      'source.ip': '192.0.2.200',
    });
  });

  it('maps an AKS kube-audit record as the Kubernetes event it carries, keeping the wrapper as raw', () => {
    expect(rows[4]).toMatchObject({
      '@timestamp': '2024-07-01T11:04:59.123456Z',
      'event.dataset': 'kubernetes.audit',
      'event.action': 'get',
      'event.outcome': 'failure',
      'user.name': 'dev@example.org',
      'source.ip': '10.1.2.3',
      'url.original': '/api/v1/namespaces/prod/secrets/db',
      raw: lines[4],
    });
  });

  it('claims Azure lines only', () => {
    for (const l of lines) expect(azureLinesFormat.sniff([l]), l.slice(0, 60)).toBeGreaterThan(0.9);
    expect(azureLinesFormat.sniff(fixtureLines('gcp-audit.jsonl'))).toBe(0);
    expect(azureLinesFormat.sniff(fixtureLines('k8s-audit.jsonl'))).toBe(0);
  });
});
