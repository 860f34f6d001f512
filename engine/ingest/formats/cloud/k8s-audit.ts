/**
 * Kubernetes API server audit events (`audit.k8s.io/v1` `Event`), as the
 * log backend writes them: JSON lines. EKS (CloudWatch exports) keeps the same
 * objects; AKS wraps each in an Azure diagnostic record (see `azure.ts`).
 */
import type { ParseResult } from '../../format';
import { cloudRow, field, firstText, ipOrNull, text, type Obj } from './json-fields';
import { jsonFamilyLineFormat, type JsonFamily } from './json-line-format';

function outcome(code: unknown): string | null {
  const n = typeof code === 'number' ? code : typeof code === 'string' ? Number(code) : NaN;
  if (!Number.isFinite(n)) return null;
  return n < 400 ? 'success' : 'failure';
}

export function k8sAuditToEcs(obj: Obj, raw: string): ParseResult {
  const ips = field(obj, 'sourceIPs');
  return cloudRow(obj, raw, 'kubernetes.audit', ['requestReceivedTimestamp', 'stageTimestamp', 'timestamp', 'metadata.creationTimestamp'], {
    'event.action': firstText(obj, 'verb'),
    'event.outcome': outcome(field(obj, 'responseStatus.code')),
    'user.name': firstText(obj, 'user.username'),
    'source.ip': ipOrNull(Array.isArray(ips) ? text(ips[0]) : text(ips)),
    'url.original': firstText(obj, 'requestURI'),
    message: firstText(obj, 'responseStatus.message'),
  });
}

const DETAIL_KEYS = ['objectRef', 'requestURI', 'auditID', 'stage', 'user', 'sourceIPs', 'responseStatus'];

export const k8sAuditFamily: JsonFamily = {
  name: 'kubernetes-audit',
  claim(obj) {
    if (text(field(obj, 'kind')) !== 'Event') return 0;
    if (text(field(obj, 'apiVersion'))?.startsWith('audit.k8s.io/')) return 0.97;
    // Exports often drop apiVersion; kind + verb + an audit field is still unmistakable (core/v1 Events have no verb).
    return text(field(obj, 'verb')) !== null && DETAIL_KEYS.some((k) => field(obj, k) !== undefined) ? 0.95 : 0;
  },
  toEcs: k8sAuditToEcs,
};

export const k8sAuditLinesFormat = jsonFamilyLineFormat(k8sAuditFamily);
