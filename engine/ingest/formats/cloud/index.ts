/**
 * Cloud and identity-provider log formats. `cloudObjectToEcs` lets a format
 * that finds objects some other way (a JSON array file, a Graph `value` page)
 * map each one with the family that claims it.
 */
import type { ParseResult } from '../../format';
import { azureFamily } from './azure';
import { cloudtrailFamily } from './cloudtrail';
import { gcpAuditFamily } from './gcp-audit';
import type { Obj } from './json-fields';
import type { JsonFamily } from './json-line-format';
import { k8sAuditFamily } from './k8s-audit';
import { oktaFamily } from './okta';

export { cloudtrailLinesFormat, cloudtrailToEcs } from './cloudtrail';
export { cloudtrailRecordsFormat } from './cloudtrail-records';
export { oktaLinesFormat, oktaToEcs } from './okta';
export { azureLinesFormat, azureToEcs } from './azure';
export { gcpAuditLinesFormat, gcpAuditToEcs } from './gcp-audit';
export { k8sAuditLinesFormat, k8sAuditToEcs } from './k8s-audit';

export const CLOUD_FAMILIES: readonly JsonFamily[] = [cloudtrailFamily, oktaFamily, azureFamily, gcpAuditFamily, k8sAuditFamily];

/** The family that claims this object most confidently, or null. */
export function claimCloudObject(obj: Obj): JsonFamily | null {
  let best: JsonFamily | null = null;
  let score = 0;
  for (const f of CLOUD_FAMILIES) {
    const s = f.claim(obj);
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return best;
}

/** Maps an object with the family that claims it; null when none does (use generic `jsonObjectToRow`). */
export function cloudObjectToEcs(obj: Obj, raw: string): ParseResult | null {
  return claimCloudObject(obj)?.toEcs(obj, raw) ?? null;
}
