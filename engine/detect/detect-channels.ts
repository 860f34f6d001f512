/**
 * Types and argument validators of the detection channels of the host
 * contract (`signals.setStatus`, `suppressions.*`, `rules.*`), kept here so
 * the contract only lists them. Plain data, no runtime dependencies.
 */

export type SignalStatus = 'open' | 'under_review' | 'archived';

export interface SuppressionInfo {
  id: string;
  /** An explorer search (engine/views/search.ts). */
  query: string;
  ruleId: string | null;
  expiresAt: string | null;
  reason: string;
  createdAt: string;
}

export interface NewSuppressionArgs {
  query: string;
  ruleId?: string | null;
  expiresAt?: string | null;
  reason: string;
}

export interface RuleSelectorArgs {
  folder?: string;
  level?: string;
  status?: string;
  ruleId?: string;
}

export interface RuleInfo {
  id: string;
  title: string;
  level: string;
  status: string;
  /** sigma, correlation, threshold, new_value, anomaly, impossible_travel, sequence; 'refused' for a rule that did not compile. */
  type: string;
  path: string;
  line: number | null;
  folder: string;
  tags: string[];
  enabled: boolean;
  /** Compiled WHERE predicate(s) over `events`, one per detection block, with bound parameters (as text). */
  sql: { sql: string; params: (string | number | boolean | null)[] }[];
  error: { errorClass: string; message: string } | null;
  /** Events in the rule's logsource scope in this case; null when it did not compile. */
  eventsInScope: number | null;
  canFire: boolean;
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown, max = 2000) => v === undefined || v === null || (isStr(v) && v.length <= max);
const STATUSES: readonly string[] = ['open', 'under_review', 'archived'];

export function validSetStatus(a: unknown[]): string | null {
  if (!isStr(a[0]) || a[0].length > 100) return 'id must be a string';
  if (!STATUSES.includes(a[1] as string)) return 'status must be open, under_review or archived';
  if (!optStr(a[2])) return 'reason must be a string (up to 2000 characters) or null';
  if (a[1] === 'archived' && !(isStr(a[2]) && a[2].trim())) return 'archiving needs a reason';
  return null;
}

export function validNewSuppression(a: unknown[]): string | null {
  const o = a[0];
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'suppression must be an object';
  const s = o as Record<string, unknown>;
  if (!isStr(s.query) || !s.query.trim() || s.query.length > 2000) return 'query must be a non-empty search (up to 2000 characters)';
  if (!isStr(s.reason) || !s.reason.trim() || s.reason.length > 2000) return 'reason must be a non-empty string';
  if (!optStr(s.ruleId, 200)) return 'ruleId must be a string';
  if (!optStr(s.expiresAt, 64) || (isStr(s.expiresAt) && Number.isNaN(Date.parse(s.expiresAt)))) return 'expiresAt must be an ISO date';
  return null;
}

export function validRemoveSuppression(a: unknown[]): string | null {
  return isStr(a[0]) && a[0].length <= 100 ? null : 'id must be a string';
}

export function validSetEnabled(a: unknown[]): string | null {
  const o = a[0];
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'selector must be an object';
  for (const [k, v] of Object.entries(o)) {
    if (!['folder', 'level', 'status', 'ruleId'].includes(k)) return `unknown selector key ${k}`;
    if (!isStr(v) || v.length > 300) return `${k} must be a string`;
  }
  return typeof a[1] === 'boolean' ? null : 'enabled must be a boolean';
}
