/**
 * AWS CloudTrail events. The same mapping serves CloudTrail as JSON lines
 * (one event per line: Athena/Lake exports, `jq -c '.Records[]'`) and the raw
 * S3 objects `{"Records":[…]}` (`cloudtrail-records.ts`). Everything not
 * mapped (eventSource, awsRegion, recipientAccountId, requestParameters…)
 * stays queryable in raw.
 */
import type { ParseResult } from '../../format';
import { cloudRow, field, firstText, ipOrNull, isObj, tail, text, type Obj } from './json-fields';
import { jsonFamilyLineFormat, type JsonFamily } from './json-line-format';

/** Sign-in and token services: their calls are authentications, not configuration changes. */
const AUTH_SOURCES = new Set(['signin.amazonaws.com', 'sts.amazonaws.com', 'sso.amazonaws.com']);

function userName(id: unknown): string | null {
  if (!isObj(id)) return null;
  const named = firstText(id, 'userName');
  if (named) return named;
  // Assumed roles: the session name (ARN tail) is who acted, often the SSO user's e-mail; the issuer is the role.
  const type = text(field(id, 'type'));
  if (type === 'AWSService') return firstText(id, 'invokedBy');
  if (type === 'Root') return 'root';
  // Service events (AwsServiceEvent) may name only the service that acted.
  return tail(firstText(id, 'arn')) ?? firstText(id, 'sessionContext.sessionIssuer.userName', 'invokedBy');
}

function outcome(obj: Obj): string {
  if (firstText(obj, 'errorCode')) return 'failure';
  // ConsoleLogin failures carry no errorCode, only the response.
  const login = firstText(obj, 'responseElements.ConsoleLogin');
  return login === 'Failure' ? 'failure' : 'success';
}

export function cloudtrailToEcs(obj: Obj, raw: string): ParseResult {
  const source = firstText(obj, 'eventSource');
  return cloudRow(obj, raw, 'aws.cloudtrail', ['eventTime'], {
    'event.action': firstText(obj, 'eventName'),
    'event.category': source === null ? null : AUTH_SOURCES.has(source) ? 'authentication' : source === 'iam.amazonaws.com' ? 'iam' : null,
    'event.outcome': outcome(obj),
    'user.name': userName(field(obj, 'userIdentity')),
    'source.ip': ipOrNull(firstText(obj, 'sourceIPAddress')),
    message: firstText(obj, 'errorMessage'),
  });
}

const DETAIL_KEYS = ['eventVersion', 'eventTime', 'userIdentity', 'awsRegion', 'eventID', 'recipientAccountId'];
const EVENT_TYPES = new Set(['AwsApiCall', 'AwsServiceEvent', 'AwsConsoleAction', 'AwsConsoleSignIn', 'AwsCloudTrailInsight', 'AwsVpceEvent']);

export const cloudtrailFamily: JsonFamily = {
  name: 'cloudtrail',
  claim(obj) {
    if (text(field(obj, 'eventName')) === null) return 0;
    // S3 event notifications also have eventSource/eventName, but as "aws:s3".
    const source = text(field(obj, 'eventSource'));
    if (source?.endsWith('.amazonaws.com') && DETAIL_KEYS.some((k) => field(obj, k) !== undefined)) return 0.96;
    // Trimmed exports may drop eventSource; CloudTrail's own eventType values still name it.
    return EVENT_TYPES.has(text(field(obj, 'eventType')) ?? '') ? 0.95 : 0;
  },
  toEcs: cloudtrailToEcs,
};

export const cloudtrailLinesFormat = jsonFamilyLineFormat(cloudtrailFamily);
