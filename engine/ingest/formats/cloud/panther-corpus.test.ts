/**
 * Corpus check on the sample events embedded in panther-analysis rules: every
 * sample, written as a JSON line, is claimed by its own format above generic
 * jsonl (and by no other), maps without rejection, and fills @timestamp,
 * event.action, user.name and source.ip whenever the sample has the field
 * they come from (these samples are hand-made: many leave fields out).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../../testing/node/corpus';
import type { LineFormat } from '../../format';
import { parseOne } from '../../run-lines';
import { jsonlFormat } from '../jsonl';
import { windowsJsonLinesFormat } from '../windows-json';
import { azureLinesFormat } from './azure';
import { cloudtrailLinesFormat } from './cloudtrail';
import { gcpAuditLinesFormat } from './gcp-audit';
import { field, ipOrNull, text } from './json-fields';
import { k8sAuditLinesFormat } from './k8s-audit';
import { pantherSamples } from './node/panther-tests';
import { oktaLinesFormat } from './okta';

const root = corpusRoot();
const ALL: LineFormat[] = [cloudtrailLinesFormat, oktaLinesFormat, azureLinesFormat, gcpAuditLinesFormat, k8sAuditLinesFormat, windowsJsonLinesFormat];

/** Where each log type keeps the fields behind the columns, written out here rather than taken from the mappings. */
interface Expect {
  format: LineFormat;
  time: string[];
  action: string[];
  user: string[];
  ip: string[];
  /** The object the paths apply to (AKS wraps the Kubernetes event in a string). */
  inner?: (log: Record<string, unknown>) => unknown;
}

const K8S: Omit<Expect, 'format'> = { time: ['requestReceivedTimestamp', 'stageTimestamp'], action: ['verb'], user: ['user.username'], ip: ['sourceIPs.0'] };
const EXPECT: Record<string, Expect> = {
  'AWS.CloudTrail': { format: cloudtrailLinesFormat, time: ['eventTime'], action: ['eventName'], user: ['userIdentity.userName', 'userIdentity.arn', 'userIdentity.invokedBy'], ip: ['sourceIPAddress'] },
  'Okta.SystemLog': { format: oktaLinesFormat, time: ['published'], action: ['eventType'], user: ['actor.alternateId'], ip: ['client.ipAddress'] },
  'Azure.Audit': {
    format: azureLinesFormat,
    time: ['time'],
    action: ['operationName'],
    user: ['properties.userPrincipalName', 'properties.initiatedBy.user.userPrincipalName', 'properties.servicePrincipalName'],
    ip: ['callerIpAddress', 'properties.ipAddress'],
  },
  'GCP.AuditLog': { format: gcpAuditLinesFormat, time: ['timestamp'], action: ['protoPayload.methodName'], user: ['protoPayload.authenticationInfo.principalEmail'], ip: ['protoPayload.requestMetadata.callerIp'] },
  'Amazon.EKS.Audit': { format: k8sAuditLinesFormat, ...K8S },
  'Azure.MonitorActivity': { format: azureLinesFormat, time: ['time'], action: ['operationName'], user: ['caller'], ip: ['callerIpAddress'] },
  'Azure.MonitorActivity kube-audit': { format: azureLinesFormat, ...K8S, inner: (log) => JSON.parse(String(field(log, 'properties.log'))) },
};

const expectFor = (logType: string, log: Record<string, unknown>): Expect | undefined =>
  EXPECT[logType === 'Azure.MonitorActivity' && field(log, 'category') === 'kube-audit' ? `${logType} kube-audit` : logType];

/**
 * Samples no format should take or keep, listed so that any change shows:
 * placeholder times are rejected as in generic jsonl, and fragments without
 * the keys that name their service are left to generic jsonl.
 */
const KNOWN = [
  'aws_root_activity.yml "Root User Failed Activity": unreadable time in "eventTime": redacted',
  'signin_with_aws_cli_prompt.yml "Test-291327": unreadable time in "eventTime": ...',
  'okta_potentially_stolen_session.yml "Same device and OS": unreadable time in "published": redacted',
  'okta_potentially_stolen_session.yml "Different device & ASN": unreadable time in "published": redacted',
  'okta_potentially_stolen_session.yml "Different ASN & same device": unreadable time in "published": redacted',
  'okta_potentially_stolen_session.yml "Okta internal event should be ignored": unreadable time in "published": redacted',
  // {"operation":{"producer":"k8s.io"},"p_enrichment":{…}}
  'gcp_k8s_ioc_activity.yml "triggers": gcp-audit scores 0',
  'gcp_k8s_ioc_activity.yml "ignore": gcp-audit scores 0',
  // {"category":"Administrative","operationName":"…","p_enrichment":{…}}: two generic keys only.
  'k8s_ioc_activity.yml "Non-K8s Azure Activity (Excluded)": azure scores 0',
];

const has = (o: unknown, paths: string[], ip = false) =>
  paths.some((p) => {
    const v = p.split('.').reduce<unknown>((cur, k) => (Array.isArray(cur) ? cur[Number(k)] : field(cur, k)), o);
    return ip ? ipOrNull(text(v)) !== null : text(v) !== null;
  });

describe.skipIf(!root)('panther-analysis sample events', () => {
  it.each([
    ['aws_cloudtrail_rules'],
    ['okta_rules'],
    ['azure_signin_rules'],
    ['gcp_k8s_rules'],
    ['kubernetes_rules'],
  ])('%s: claimed by their own format, mapped with the fields they have', (dir) => {
    const { samples, scheduled } = pantherSamples(join(root!, 'panther-analysis/rules', dir));
    const problems: string[] = [];
    const figures: Record<string, Record<string, number>> = {};
    for (const s of samples) {
      const ex = expectFor(s.logType, s.log);
      const fig = (figures[s.logType] ??= { samples: 0, rows: 0, timed: 0, users: 0, ips: 0, untimed: 0 });
      fig.samples++;
      const where = `${s.rule} "${s.test}"`;
      if (!ex) {
        problems.push(`${where}: unexpected log type ${s.logType}`);
        continue;
      }
      const line = JSON.stringify(s.log);
      for (const f of ALL) {
        const score = f.sniff([line]);
        if (f === ex.format ? !(score > jsonlFormat.sniff([line])) : score !== 0) problems.push(`${where}: ${f.name} scores ${score}`);
      }
      const row = parseOne(ex.format.create({ sourceName: dir, referenceTime: new Date() }), line);
      if (row === null || 'reject' in row) {
        problems.push(`${where}: ${row === null ? 'no row' : row.reject}`);
        continue;
      }
      fig.rows++;
      const o = ex.inner ? ex.inner(s.log) : s.log;
      const want = (col: string, paths: string[], ip = false) => {
        if (has(o, paths, ip) && row[col as keyof typeof row] == null) problems.push(`${where}: ${col} empty`);
      };
      want('@timestamp', ex.time);
      want('event.action', ex.action);
      want('user.name', ex.user);
      want('source.ip', ex.ip, true);
      if (row['@timestamp'] != null) fig.timed++;
      else fig.untimed++;
      if (row['user.name'] != null) fig.users++;
      if (row['source.ip'] != null) fig.ips++;
      if (row['event.action'] == null && has(o, ex.action)) problems.push(`${where}: no action`);
    }
    console.log(`[panther ${dir}] ${JSON.stringify(figures)}; scheduled-query results left out: ${scheduled}`);
    expect(problems).toEqual(KNOWN.filter((k) => samples.some((s) => k.startsWith(`${s.rule} "${s.test}"`))));
    expect(samples.length).toBeGreaterThan(20);
  });
});
