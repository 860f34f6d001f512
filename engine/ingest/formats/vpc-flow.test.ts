import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { isReject } from '../format';
import { parseLines } from '../run-lines';
import { fixtureLines } from './node/fixture-lines';
import { vpcFlowFormat } from './vpc-flow';

const ctx = { sourceName: 'flow.log', referenceTime: new Date('2026-03-20T00:00:00Z') };
const run = (lines: string[]) => parseLines(vpcFlowFormat.create(ctx), lines).map((i) => i.result);
const raw = (r: unknown) => JSON.parse(String((r as { raw: string }).raw)) as Record<string, unknown>;

describe('vpc-flow', () => {
  it('reads the default v2 layout with its header line', () => {
    const [accept, reject, nodata] = run(fixtureLines('vpc-flow.log'));
    expect(accept).toMatchObject({
      '@timestamp': '2014-12-14T04:06:50.000Z',
      'event.dataset': 'aws.vpcflow',
      'event.category': 'network',
      'event.action': 'accept',
      'event.outcome': 'success',
      'source.ip': '172.31.16.139',
      'source.port': 20641,
      'destination.ip': '172.31.16.21',
      'destination.port': 22,
    });
    expect(raw(accept)).toMatchObject({ 'account-id': '123456789010', protocol: 6, 'protocol-name': 'tcp', packets: 20, bytes: 4249, start: 1418530010 });
    expect(reject).toMatchObject({ 'event.outcome': 'failure', 'destination.port': 3389 });
    expect(nodata).toMatchObject({ 'source.ip': null, 'event.outcome': null });
    expect(raw(nodata)).toMatchObject({ srcaddr: null, protocol: null, 'log-status': 'NODATA' });
  });

  it('reads the default layout without a header', () => {
    expect(run(fixtureLines('vpc-flow.log').slice(1))).toHaveLength(3);
  });

  it('follows a custom ${field} format line', () => {
    const [a, b] = run(fixtureLines('vpc-flow-custom.log'));
    expect(a).toMatchObject({ '@timestamp': '2020-11-01T21:35:44.000Z', 'source.ip': '92.55.146.245', 'destination.port': 22, 'event.outcome': 'success' });
    expect(raw(a)).toMatchObject({ 'vpc-id': 'vpc-0a1b2c3d', 'tcp-flags': 18, 'flow-direction': 'ingress', 'instance-id': 'i-0123456789abcdef0' });
    expect(raw(b)).toMatchObject({ 'protocol-name': 'udp', 'flow-direction': 'egress' });
  });

  it('rejects a record that does not fit the layout', () => {
    expect(run(['2 123456789010 eni-1 1.2.3.4'])).toEqual([{ reject: '4 fields, the layout has 14' }]);
  });
});

const PANTHER = '/work/shared/datasets/panther-analysis/test_scenarios/compromised-root-creds/attacker_vpc.yml';

describe.skipIf(!existsSync(PANTHER))('vpc-flow corpus (Panther raw-form scenario)', () => {
  it('sniffs and parses every raw VPC flow line', () => {
    const doc = parseYaml(readFileSync(PANTHER, 'utf8')) as { LogType: string; Format: string; Logs: string[] };
    expect([doc.LogType, doc.Format]).toEqual(['AWS.VPCFlow', 'raw']);
    expect(vpcFlowFormat.sniff(doc.Logs)).toBeGreaterThan(0.9);
    const out = run(doc.Logs);
    expect(out.filter(isReject)).toEqual([]);
    expect(out).toHaveLength(doc.Logs.length);
    expect(out.map((r) => (r as Record<string, unknown>)['event.outcome'])).toEqual(['success', 'success', 'failure', 'success', 'success', 'success']);
  });
});
