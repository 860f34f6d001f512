/** Saved views: a named search, time filter, columns, sort and view, kept in the case (`saved_views`). */
import { stableId } from '../../detect/signals/signal-store';
import { rowsOf, type SqlPort } from '../../sql/port';
import type { SavedView, SavedViewState } from './explorer-channels';

const iso = (v: unknown): string => (v === null || v === undefined ? '' : new Date(Number(v)).toISOString());

export async function listSavedViews(port: SqlPort): Promise<SavedView[]> {
  const rows = rowsOf<{ id: string; name: string; state: string; created_at: number }>(await port.query(`SELECT id, name, CAST(state AS VARCHAR) AS state, created_at FROM saved_views ORDER BY lower(name), created_at`));
  return rows.map((r) => ({ id: r.id, name: r.name, state: JSON.parse(r.state) as SavedViewState, createdAt: iso(r.created_at) }));
}

/** Saves under a name; saving again under the same name replaces it. */
export async function saveView(port: SqlPort, v: { name: string; state: SavedViewState }, now = new Date()): Promise<SavedView> {
  const name = v.name.trim();
  const s = v.state;
  // Only the known keys are kept: the state came over the wire.
  const state: SavedViewState = { search: s.search, from: s.from ?? null, to: s.to ?? null, columns: [...s.columns], sortField: s.sortField ?? null, order: s.order, view: s.view };
  const id = stableId('view', name, now.toISOString());
  await port.exec(`DELETE FROM saved_views WHERE name = ?`, [name]);
  await port.exec(`INSERT INTO saved_views (id, name, state, created_at) VALUES (?, ?, ?, ?::TIMESTAMP)`, [id, name, JSON.stringify(state), now.toISOString()]);
  return { id, name, state, createdAt: now.toISOString() };
}

export async function removeSavedView(port: SqlPort, id: string): Promise<boolean> {
  const [{ n }] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM saved_views WHERE id = ?`, [id]));
  await port.exec(`DELETE FROM saved_views WHERE id = ?`, [id]);
  return Number(n) > 0;
}
