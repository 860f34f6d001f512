/**
 * Suppressions: "these events are known and fine" as an explorer search
 * (`user.name:backup source.ip:10.0.0.12`), optionally for one rule only, with
 * an optional expiry. At detection time the matching events are collected
 * into a temporary table and every rule's events are checked against it, so
 * a suppressed event never counts towards a signal (nor a threshold).
 */
import { compileSearch } from '../../views/search';
import { rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import type { NewSuppressionArgs, SuppressionInfo } from '../detect-channels';
import { stableId } from './signal-store';

/** The channel types are the stored shapes (`detect-channels.ts`). */
export type Suppression = SuppressionInfo;
export type NewSuppression = NewSuppressionArgs;

export class SuppressionError extends Error {}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());

export async function listSuppressions(port: SqlPort): Promise<Suppression[]> {
  const rows = rowsOf<Record<string, unknown>>(await port.query(`SELECT * FROM suppressions ORDER BY created_at, id`));
  return rows.map((r) => ({
    id: String(r.id),
    query: String(r.query),
    ruleId: (r.rule_id as string | null) ?? null,
    expiresAt: iso(r.expires_at),
    reason: String(r.reason),
    createdAt: iso(r.created_at) ?? '',
  }));
}

export async function addSuppression(port: SqlPort, s: NewSuppression, now = new Date()): Promise<Suppression> {
  const query = s.query.trim();
  if (!query) throw new SuppressionError('a suppression needs a search query (an empty one would hide everything)');
  if (!s.reason.trim()) throw new SuppressionError('a suppression needs a reason');
  let expires: string | null = null;
  if (s.expiresAt) {
    const t = Date.parse(s.expiresAt);
    if (Number.isNaN(t)) throw new SuppressionError(`expiresAt is not a date: ${s.expiresAt}`);
    expires = new Date(t).toISOString();
  }
  try {
    compileSearch(query);
  } catch (e) {
    throw new SuppressionError(`bad query: ${(e as Error).message}`);
  }
  const id = stableId('suppression', query, s.ruleId ?? '', now.toISOString());
  await port.exec(
    `INSERT INTO suppressions (id, query, rule_id, expires_at, reason, created_at) VALUES (?, ?, ?, ?::TIMESTAMP, ?, ?::TIMESTAMP)`,
    [id, query, s.ruleId || null, expires, s.reason.trim(), now.toISOString()],
  );
  return { id, query, ruleId: s.ruleId || null, expiresAt: expires, reason: s.reason.trim(), createdAt: now.toISOString() };
}

export async function removeSuppression(port: SqlPort, id: string): Promise<boolean> {
  const [{ n }] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM suppressions WHERE id = ?`, [id]));
  await port.exec(`DELETE FROM suppressions WHERE id = ?`, [id]);
  return Number(n) > 0;
}

export const SUPPRESSED_TABLE = 'vestige_suppressed';

/**
 * Fills the temporary table of suppressed event ids (rule_id NULL: every
 * rule) from the suppressions in force at `now`, and returns the predicate a
 * rule's query adds to keep only unsuppressed events.
 */
export async function prepareSuppressed(port: SqlPort, now = new Date()): Promise<{ count: number; exclude: (ruleId: string) => { sql: string; params: SqlParam[] } }> {
  await port.exec(`CREATE OR REPLACE TEMP TABLE ${SUPPRESSED_TABLE} (id BIGINT, rule_id VARCHAR)`);
  const active = (await listSuppressions(port)).filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now.getTime());
  for (const s of active) {
    const p = compileSearch(s.query);
    await port.exec(`INSERT INTO ${SUPPRESSED_TABLE} SELECT "event.id", ? FROM events WHERE ${p.where}`, [s.ruleId, ...p.params]);
  }
  const [{ n }] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(DISTINCT id) AS n FROM ${SUPPRESSED_TABLE}`));
  const none = Number(n) === 0;
  return {
    count: Number(n),
    exclude: (ruleId) =>
      none
        ? { sql: 'TRUE', params: [] }
        : { sql: `"event.id" NOT IN (SELECT id FROM ${SUPPRESSED_TABLE} WHERE rule_id IS NULL OR rule_id = ?)`, params: [ruleId] },
  };
}
