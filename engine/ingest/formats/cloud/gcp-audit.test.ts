import { describe, expect, it } from 'vitest';
import { parseLines } from '../../run-lines';
import { gcpAuditLinesFormat } from './gcp-audit';
import { fixtureLines } from './node/test-streams';

const lines = fixtureLines('gcp-audit.jsonl');
const rows = parseLines(gcpAuditLinesFormat.create({ sourceName: 'gcp.jsonl', referenceTime: new Date() }), lines).map((r) => r.result);

describe('GCP Cloud Audit Logs', () => {
  it('maps an admin-activity entry, keeping microseconds of the nanosecond stamp', () => {
    expect(rows[0]).toEqual({
      '@timestamp': '2024-08-12T14:22:33.123456Z',
      'event.timezone': 'Z',
      'event.kind': 'event',
      'event.dataset': 'gcp.audit',
      'event.action': 'google.iam.admin.v1.CreateServiceAccountKey',
      'event.outcome': 'success',
      'log.level': 'NOTICE',
      message: null,
      'user.name': 'kai@example.org',
      'source.ip': '192.0.2.77',
      raw: lines[0],
    });
  });

  it('marks a denied call as failed and ignores non-address caller names', () => {
    expect(rows[1]).toMatchObject({ 'event.action': 'storage.objects.get', 'event.outcome': 'failure', message: 'PERMISSION_DENIED', 'source.ip': null });
  });

  it('claims audit entries, with or without @type, and nothing else', () => {
    expect(gcpAuditLinesFormat.sniff(lines)).toBe(0.97);
    expect(gcpAuditLinesFormat.sniff(['{"protoPayload":{"methodName":"io.k8s.core.v1.pods.get"},"resource":{"type":"k8s_cluster"}}'])).toBe(0.95);
    expect(gcpAuditLinesFormat.sniff(['{"jsonPayload":{"message":"hi"},"resource":{}}'])).toBe(0);
    expect(gcpAuditLinesFormat.sniff(fixtureLines('azure.jsonl'))).toBe(0);
  });
});
