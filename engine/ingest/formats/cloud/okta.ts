/**
 * Okta System Log events (`/api/v1/logs`, log streaming, SIEM exports), as
 * JSON lines. The API itself answers with a JSON array of the same objects:
 * the generic JSON-array format can map those with `oktaToEcs`.
 */
import type { ParseResult } from '../../format';
import { cloudRow, field, firstText, ipOrNull, text, type Obj } from './json-fields';
import { jsonFamilyLineFormat, type JsonFamily } from './json-line-format';

const OUTCOMES: Record<string, string> = { SUCCESS: 'success', ALLOW: 'success', FAILURE: 'failure', DENY: 'failure' };

function category(eventType: string | null): string | null {
  if (eventType === null) return null;
  if (/^(user\.account|user\.lifecycle|user\.mfa\.factor|group\.|application\.user_membership)/.test(eventType)) return 'iam';
  if (/^user\.(session|authentication|mfa)\./.test(eventType) || eventType.startsWith('policy.evaluate_sign_on')) return 'authentication';
  return null;
}

export function oktaToEcs(obj: Obj, raw: string): ParseResult {
  const eventType = firstText(obj, 'eventType');
  const result = firstText(obj, 'outcome.result');
  return cloudRow(obj, raw, 'okta.system', ['published'], {
    'event.action': eventType,
    'event.category': category(eventType),
    'event.outcome': result === null ? null : (OUTCOMES[result.toUpperCase()] ?? 'unknown'),
    'log.level': firstText(obj, 'severity'),
    message: firstText(obj, 'displayMessage'),
    'user.name': firstText(obj, 'actor.alternateId', 'actor.displayName'),
    'source.ip': ipOrNull(firstText(obj, 'client.ipAddress')),
    'url.original': firstText(obj, 'debugContext.debugData.url', 'debugContext.debugData.requestUri'),
  });
}

/** Okta event types are dotted words: `user.session.start`, `user.authentication.auth_via_IDP`. */
const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$/;
const DETAIL_KEYS = ['published', 'actor', 'uuid', 'legacyEventType', 'displayMessage'];

export const oktaFamily: JsonFamily = {
  name: 'okta-system-log',
  claim(obj) {
    const t = text(field(obj, 'eventType'));
    if (t === null || !EVENT_TYPE.test(t) || field(obj, 'eventSource') !== undefined) return 0;
    return DETAIL_KEYS.some((k) => field(obj, k) !== undefined) ? 0.95 : 0;
  },
  toEcs: oktaToEcs,
};

export const oktaLinesFormat = jsonFamilyLineFormat(oktaFamily);
