/**
 * Signals are upserted by a stable id (rule, group, first event), so running
 * the rules again updates a signal instead of duplicating it, and keeps the
 * analyst's triage state.
 */
import { rowsOf, type SqlPort } from '../../sql/port';

export interface NewSignal {
  ruleId: string;
  ruleTitle: string;
  ruleType: string;
  level: string;
  tags: readonly string[];
  groupKey: string;
  eventIds: readonly number[];
  firstTime: string | null;
  lastTime: string | null;
  /** Why it fired, for the analyst: a baseline, the two places of a journey, the steps of a sequence. */
  details?: Record<string, unknown>;
}

/** FNV-1a 64-bit, hex: a stable id without a crypto dependency. */
export function stableId(...parts: string[]): string {
  let h = 0xcbf29ce484222325n;
  const s = parts.join('\u0000');
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

export function signalId(s: NewSignal): string {
  return stableId(s.ruleId, s.groupKey, String(s.eventIds.length ? Math.min(...s.eventIds.slice(0, 100000)) : ''));
}

export async function upsertSignals(port: SqlPort, signals: readonly NewSignal[]): Promise<number> {
  for (const s of signals) {
    await port.exec(
      `INSERT INTO signals (id, rule_id, rule_title, rule_type, level, tags, group_key, event_ids, event_count, first_time, last_time, status, created_at, updated_at, details)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?::BIGINT[], ?, ?::TIMESTAMP, ?::TIMESTAMP, 'open', now()::TIMESTAMP, now()::TIMESTAMP, ?)
       ON CONFLICT (id) DO UPDATE SET rule_title = excluded.rule_title, level = excluded.level, tags = excluded.tags,
         event_ids = excluded.event_ids, event_count = excluded.event_count, first_time = excluded.first_time,
         last_time = excluded.last_time, updated_at = excluded.updated_at, details = excluded.details`,
      [
        signalId(s), s.ruleId, s.ruleTitle, s.ruleType, s.level, JSON.stringify(s.tags), s.groupKey,
        `[${s.eventIds.join(',')}]`, s.eventIds.length, s.firstTime, s.lastTime, s.details ? JSON.stringify(s.details) : null,
      ],
    );
  }
  return signals.length;
}

/**
 * After a run: signals of the rules in that run which it no longer produced
 * (rule disabled, events suppressed) go, unless an analyst triaged them: a
 * triage decision is part of the case record and is never dropped silently.
 * Signals of rules outside the run (another rule folder) are left alone.
 */
export async function pruneStaleSignals(port: SqlPort, ruleIds: readonly string[], produced: readonly NewSignal[]): Promise<number> {
  const where = `status = 'open' AND status_at IS NULL AND rule_id IN (SELECT unnest(?::VARCHAR[])) AND id NOT IN (SELECT unnest(?::VARCHAR[]))`;
  const params = [JSON.stringify([...new Set(ruleIds)]), JSON.stringify([...new Set(produced.map(signalId))])];
  const [{ n }] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM signals WHERE ${where}`, params));
  if (Number(n) > 0) await port.exec(`DELETE FROM signals WHERE ${where}`, params);
  return Number(n);
}
