/**
 * Azure and Entra ID (Azure AD) logs as JSON lines, in two shapes:
 *  - diagnostic records (Event Hub, storage-account export, Log Analytics
 *    JSON): `{ time, operationName, category, properties: {…} }`. The
 *    category tells sign-ins (`*SignInLogs`) from Entra audit logs and
 *    Azure activity logs; AKS `kube-audit` records carry a Kubernetes audit
 *    event as a JSON string in `properties.log`, mapped as one.
 *  - Microsoft Graph objects (`/auditLogs/signIns`, `/auditLogs/directoryAudits`):
 *    `{ createdDateTime, userPrincipalName, ipAddress, status: { errorCode } }`
 *    and `{ activityDateTime, activityDisplayName, initiatedBy, result }`.
 *    Graph pages are `{ "value": [ … ] }`: the generic JSON-array format can
 *    map their elements with `azureToEcs`.
 */
import type { ParseResult } from '../../format';
import { cloudRow, field, firstText, ipOrNull, isObj, text, type Obj } from './json-fields';
import { jsonFamilyLineFormat, type JsonFamily } from './json-line-format';
import { k8sAuditToEcs } from './k8s-audit';

type Shape = 'signin' | 'audit' | 'activity' | 'kube-audit';

const UPN_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const NAME_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';

function shapeOf(obj: Obj): Shape {
  const category = (firstText(obj, 'category') ?? '').toLowerCase();
  if (category.endsWith('signinlogs') || (field(obj, 'createdDateTime') !== undefined && field(obj, 'userPrincipalName') !== undefined)) return 'signin';
  if (category === 'kube-audit' || category === 'kube-audit-admin') return 'kube-audit';
  // Entra audit records name their directory service; activity-log records do not.
  const props = field(obj, 'properties');
  const audit = category === 'auditlogs' || [obj, props].some((o) => isObj(o) && (field(o, 'loggedByService') !== undefined || field(o, 'activityDisplayName') !== undefined));
  return audit ? 'audit' : 'activity';
}

function signInOutcome(obj: Obj): string | null {
  const code = field(obj, 'properties.status.errorCode') ?? field(obj, 'status.errorCode') ?? field(obj, 'resultType');
  if (code === undefined || code === null || code === '') return null;
  return String(code) === '0' ? 'success' : 'failure';
}

function resultOutcome(obj: Obj): string | null {
  const r = (firstText(obj, 'properties.result', 'result', 'resultType', 'properties.status.value', 'resultSignature') ?? '').toLowerCase();
  if (['success', 'succeeded', 'accept', 'accepted', 'ok'].includes(r)) return 'success';
  if (['failure', 'failed', 'timeout', 'fail'].includes(r)) return 'failure';
  return r === '' ? null : 'unknown';
}

const TIME = ['time', 'TimeGenerated', 'createdDateTime', 'activityDateTime', 'properties.createdDateTime', 'properties.activityDateTime', 'properties.eventTimestamp'];

export function azureToEcs(obj: Obj, raw: string): ParseResult {
  const shape = shapeOf(obj);
  if (shape === 'kube-audit') return kubeAudit(obj, raw);
  const p = (path: string) => [`properties.${path}`, path];
  const common = {
    'log.level': firstText(obj, 'level'),
    'source.ip': ipOrNull(firstText(obj, 'callerIpAddress', ...p('ipAddress'), ...p('initiatedBy.user.ipAddress'))),
  };
  if (shape === 'signin') {
    return cloudRow(obj, raw, 'azure.signinlogs', TIME, {
      ...common,
      'event.action': firstText(obj, 'operationName') ?? 'Sign-in activity',
      'event.category': 'authentication',
      'event.outcome': signInOutcome(obj),
      'user.name': firstText(obj, ...p('userPrincipalName'), ...p('servicePrincipalName'), 'identity', ...p('userDisplayName')),
      message: firstText(obj, ...p('status.failureReason'), 'resultDescription'),
    });
  }
  if (shape === 'audit') {
    return cloudRow(obj, raw, 'azure.auditlogs', TIME, {
      ...common,
      'event.action': firstText(obj, 'operationName', ...p('activityDisplayName'), ...p('operationName')),
      'event.category': 'iam',
      'event.outcome': resultOutcome(obj),
      'user.name': firstText(obj, ...p('initiatedBy.user.userPrincipalName'), ...p('initiatedBy.app.displayName'), 'identity'),
      message: firstText(obj, ...p('resultReason'), 'resultDescription'),
    });
  }
  const claims = field(obj, 'identity.claims');
  return cloudRow(obj, raw, 'azure.activitylogs', TIME, {
    ...common,
    'event.action': firstText(obj, 'operationName', 'operationName.value', 'properties.operationName'),
    'event.outcome': resultOutcome(obj),
    'user.name': (isObj(claims) ? text(claims[UPN_CLAIM]) ?? text(claims[NAME_CLAIM]) : null) ?? firstText(obj, 'caller', 'properties.caller', 'identity.authorization.evidence.principalId'),
    message: firstText(obj, 'resultDescription', 'properties.statusMessage'),
  });
}

/** AKS diagnostic records: the Kubernetes event inside is what happened; the wrapper stays in raw. */
function kubeAudit(obj: Obj, raw: string): ParseResult {
  const log = field(obj, 'properties.log');
  let inner: unknown = log;
  if (typeof log === 'string') {
    try {
      inner = JSON.parse(log);
    } catch {
      return { reject: 'kube-audit record whose properties.log is not JSON' };
    }
  }
  if (!isObj(inner)) return { reject: 'kube-audit record without a Kubernetes audit event in properties.log' };
  const r = k8sAuditToEcs(inner, raw);
  if ('reject' in r || r['@timestamp'] != null) return r;
  const t = cloudRow(obj, raw, 'kubernetes.audit', TIME, {});
  return 'reject' in t ? t : { ...r, '@timestamp': t['@timestamp'], 'event.timezone': t['event.timezone'] };
}

export const azureFamily: JsonFamily = {
  name: 'azure',
  claim(obj) {
    const props = field(obj, 'properties');
    if (text(field(obj, 'operationName')) !== null && text(field(obj, 'category')) !== null && (isObj(props) || text(field(obj, 'resourceId')) !== null)) return 0.95;
    // Graph API sign-ins and directory audits.
    if (text(field(obj, 'createdDateTime')) !== null && text(field(obj, 'userPrincipalName')) !== null && (field(obj, 'ipAddress') !== undefined || isObj(field(obj, 'status')) || field(obj, 'appDisplayName') !== undefined)) return 0.95;
    if (text(field(obj, 'activityDateTime')) !== null && text(field(obj, 'activityDisplayName')) !== null) return 0.95;
    return 0;
  },
  toEcs: azureToEcs,
};

export const azureLinesFormat = jsonFamilyLineFormat(azureFamily);
