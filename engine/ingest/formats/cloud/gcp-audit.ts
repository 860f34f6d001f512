/**
 * Google Cloud Audit Logs (Admin Activity, Data Access, System Event, Policy
 * Denied): LogEntry objects whose `protoPayload` is an `AuditLog`, as JSON
 * lines (Pub/Sub and storage sinks). `gcloud logging read --format=json`
 * prints a JSON array of the same entries: the generic JSON-array format can
 * map those with `gcpAuditToEcs`. GKE API calls arrive this way too.
 */
import type { ParseResult } from '../../format';
import { cloudRow, field, firstText, ipOrNull, isObj, text, type Obj } from './json-fields';
import { jsonFamilyLineFormat, type JsonFamily } from './json-line-format';

const AUDIT_LOG_TYPE = 'type.googleapis.com/google.cloud.audit.AuditLog';

function outcome(payload: unknown): string {
  // An AuditLog omits `status` (or leaves it empty) when the call succeeded.
  const code = field(payload, 'status.code');
  return code === undefined || code === null || code === 0 || code === '0' ? 'success' : 'failure';
}

export function gcpAuditToEcs(obj: Obj, raw: string): ParseResult {
  const pp = field(obj, 'protoPayload');
  return cloudRow(obj, raw, 'gcp.audit', ['timestamp', 'receiveTimestamp'], {
    'event.action': firstText(pp, 'methodName'),
    'event.outcome': outcome(pp),
    'log.level': firstText(obj, 'severity'),
    message: firstText(pp, 'status.message'),
    'user.name': firstText(pp, 'authenticationInfo.principalEmail', 'authenticationInfo.principalSubject'),
    'source.ip': ipOrNull(firstText(pp, 'requestMetadata.callerIp')),
  });
}

export const gcpAuditFamily: JsonFamily = {
  name: 'gcp-audit',
  claim(obj) {
    const pp = field(obj, 'protoPayload');
    if (!isObj(pp)) return 0;
    if (text(pp['@type']) === AUDIT_LOG_TYPE) return 0.97;
    // Some exports drop `@type`; a protoPayload (a LogEntry's) naming a method or service is still an AuditLog.
    return text(field(pp, 'methodName')) !== null || text(field(pp, 'serviceName')) !== null ? 0.95 : 0;
  },
  toEcs: gcpAuditToEcs,
};

export const gcpAuditLinesFormat = jsonFamilyLineFormat(gcpAuditFamily);
