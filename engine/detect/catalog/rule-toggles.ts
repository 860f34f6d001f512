/**
 * Which rules are switched on in a case. Toggles are kept in order in the
 * case's `settings` table (`rules.toggles`); the last toggle whose selector
 * matches a rule decides, and a rule no toggle matches is on. So "disable
 * level low, then enable this one low rule" does what it says.
 */
import { rowsOf, type SqlPort } from '../../sql/port';

export interface RuleSelector {
  /** A rule folder relative to its rule root (`linux`); matches sub-folders too. */
  folder?: string;
  level?: string;
  status?: string;
  ruleId?: string;
}

export interface RuleToggle {
  selector: RuleSelector;
  enabled: boolean;
}

export interface SelectableRule {
  id: string;
  folder: string;
  level: string;
  status: string;
}

const KEY = 'rules.toggles';
const SELECTOR_KEYS = ['folder', 'level', 'status', 'ruleId'] as const;

export function selectorMatches(s: RuleSelector, r: SelectableRule): boolean {
  if (s.folder !== undefined && r.folder !== s.folder && !r.folder.startsWith(s.folder + '/')) return false;
  if (s.level !== undefined && r.level !== s.level) return false;
  if (s.status !== undefined && r.status !== s.status) return false;
  if (s.ruleId !== undefined && r.id !== s.ruleId) return false;
  return true;
}

export function isRuleEnabled(toggles: readonly RuleToggle[], r: SelectableRule): boolean {
  for (let i = toggles.length - 1; i >= 0; i--) if (selectorMatches(toggles[i].selector, r)) return toggles[i].enabled;
  return true;
}

/** Only the known keys, with string values, in a fixed order (so equal selectors compare equal). */
export function normalizeSelector(s: RuleSelector): RuleSelector {
  const out: RuleSelector = {};
  for (const k of SELECTOR_KEYS) if (typeof s[k] === 'string' && s[k] !== '') out[k] = s[k];
  return out;
}

export async function loadToggles(port: SqlPort): Promise<RuleToggle[]> {
  const rows = rowsOf<{ v: string }>(await port.query(`SELECT CAST(value AS VARCHAR) AS v FROM settings WHERE key = ?`, [KEY]));
  if (rows.length === 0) return [];
  const parsed = JSON.parse(rows[0].v) as unknown;
  return Array.isArray(parsed) ? (parsed as RuleToggle[]) : [];
}

/** Appends a toggle; an earlier toggle with the same selector is replaced, so the list does not grow without end. */
export async function setRulesEnabled(port: SqlPort, selector: RuleSelector, enabled: boolean): Promise<RuleToggle[]> {
  const sel = normalizeSelector(selector);
  const same = JSON.stringify(sel);
  // A toggle for everything resets the list: nothing before it can matter.
  const kept = Object.keys(sel).length === 0 ? [] : (await loadToggles(port)).filter((t) => JSON.stringify(normalizeSelector(t.selector)) !== same);
  const next = [...kept, { selector: sel, enabled }];
  await port.exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [KEY, JSON.stringify(next)]);
  return next;
}
