/**
 * Triage: an analyst moves a signal between open, under review and archived
 * (archiving needs a reason: "benign: the CI runner", "duplicate of …").
 * The state lives on the signal row, which re-running rules updates in place,
 * so it survives every later run.
 */
import { rowsOf, type SqlPort } from '../../sql/port';

export const SIGNAL_STATUSES = ['open', 'under_review', 'archived'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export class TriageError extends Error {}

export async function setSignalStatus(port: SqlPort, id: string, status: SignalStatus, reason: string | null): Promise<void> {
  if (!(SIGNAL_STATUSES as readonly string[]).includes(status)) throw new TriageError(`unknown status "${status}"`);
  const why = reason?.trim() || null;
  if (status === 'archived' && !why) throw new TriageError('archiving a signal needs a reason');
  const [{ n }] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM signals WHERE id = ?`, [id]));
  if (Number(n) === 0) throw new TriageError(`no signal ${id}`);
  await port.exec(`UPDATE signals SET status = ?, status_reason = ?, status_at = now()::TIMESTAMP WHERE id = ?`, [status, why, id]);
}
