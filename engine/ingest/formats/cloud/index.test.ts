import { describe, expect, it } from 'vitest';
import { cloudObjectToEcs } from './index';
import { fixtureLines } from './node/test-streams';

describe('cloudObjectToEcs (for formats that find objects in arrays or documents)', () => {
  it('maps each object with the family that claims it, and leaves the rest to generic mapping', () => {
    const datasets = ['cloudtrail.jsonl', 'okta.jsonl', 'azure.jsonl', 'gcp-audit.jsonl', 'k8s-audit.jsonl'].map((f) =>
      fixtureLines(f).map((l) => (cloudObjectToEcs(JSON.parse(l), l) as { 'event.dataset': string })['event.dataset']),
    );
    expect(datasets).toEqual([
      ['aws.cloudtrail', 'aws.cloudtrail'],
      ['okta.system', 'okta.system'],
      ['azure.signinlogs', 'azure.signinlogs', 'azure.auditlogs', 'azure.activitylogs', 'kubernetes.audit'],
      ['gcp.audit', 'gcp.audit'],
      ['kubernetes.audit', 'kubernetes.audit'],
    ]);
    expect(cloudObjectToEcs({ message: 'hello', time: '2024-01-01T00:00:00Z' }, '{}')).toBeNull();
  });
});
