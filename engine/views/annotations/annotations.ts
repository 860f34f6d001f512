/** Annotation storage: add (bookmarks and tags once per target), list, remove, and marks for the timeline. */
import { stableId } from '../../detect/signals/signal-store';
import { rowsOf, type SqlParam, type SqlPort } from '../../sql/port';
import type { Annotation, AnnotationMark, AnnotationMarksQuery, AnnotationQuery, NewAnnotation } from './annotation-types';

const iso = (v: unknown): string => (v === null || v === undefined ? '' : new Date(Number(v)).toISOString());
type Row = { id: string; target: string; target_id: string; kind: string; text: string; created_at: number };
const toAnnotation = (r: Row): Annotation => ({ id: r.id, target: r.target as Annotation['target'], targetId: r.target_id, kind: r.kind as Annotation['kind'], text: r.text, createdAt: iso(r.created_at) });

export async function addAnnotation(port: SqlPort, a: NewAnnotation, now = new Date()): Promise<Annotation> {
  const text = a.kind === 'bookmark' ? '' : (a.text ?? '').trim();
  // A bookmark or a tag is a fact about the target: adding it twice keeps one. Notes are kept each time.
  const id = a.kind === 'note' ? stableId('note', a.target, a.targetId, text, now.toISOString()) : stableId(a.kind, a.target, a.targetId, text.toLowerCase());
  await port.exec(
    `INSERT INTO annotations (id, target, target_id, kind, text, created_at) VALUES (?, ?, ?, ?, ?, ?::TIMESTAMP) ON CONFLICT (id) DO NOTHING`,
    [id, a.target, a.targetId, a.kind, text, now.toISOString()],
  );
  const [row] = rowsOf<Row>(await port.query(`SELECT * FROM annotations WHERE id = ?`, [id]));
  return toAnnotation(row);
}

export async function listAnnotations(port: SqlPort, q: AnnotationQuery = {}): Promise<Annotation[]> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  const add = (sql: string, p: SqlParam) => {
    where.push(sql);
    params.push(p);
  };
  if (q.target) add('target = ?', q.target);
  if (q.kind) add('kind = ?', q.kind);
  if (q.targetIds) add('target_id IN (SELECT unnest(?::VARCHAR[]))', JSON.stringify(q.targetIds));
  const rows = rowsOf<Row>(await port.query(`SELECT * FROM annotations ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at, id`, params));
  return rows.map(toAnnotation);
}

export async function removeAnnotation(port: SqlPort, id: string): Promise<boolean> {
  const [{ n }] = rowsOf<{ n: bigint }>(await port.query(`SELECT count(*) AS n FROM annotations WHERE id = ?`, [id]));
  await port.exec(`DELETE FROM annotations WHERE id = ?`, [id]);
  return Number(n) > 0;
}

/** Annotated events and signals placed in time (the timeline's marks), within an optional range. */
export async function annotationMarks(port: SqlPort, q: AnnotationMarksQuery = {}): Promise<AnnotationMark[]> {
  const range: string[] = [];
  const params: SqlParam[] = [];
  if (q.from) {
    range.push('t >= ?::TIMESTAMP');
    params.push(q.from);
  }
  if (q.to) {
    range.push('t < ?::TIMESTAMP');
    params.push(q.to);
  }
  const rows = rowsOf<{ target: string; target_id: string; t: number; bookmarked: boolean; tags: string | null; notes: string | null }>(
    await port.query(
      `WITH placed AS (
         SELECT a.*, e."@timestamp" AS t FROM annotations a JOIN events e ON a.target = 'event' AND e."event.id" = TRY_CAST(a.target_id AS BIGINT)
         UNION ALL
         SELECT a.*, s.first_time AS t FROM annotations a JOIN signals s ON a.target = 'signal' AND s.id = a.target_id)
       SELECT target, target_id, epoch_ms(any_value(t)) AS t, bool_or(kind = 'bookmark') AS bookmarked,
         to_json(list(text ORDER BY created_at) FILTER (WHERE kind = 'tag'))::VARCHAR AS tags,
         to_json(list(text ORDER BY created_at) FILTER (WHERE kind = 'note'))::VARCHAR AS notes
       FROM placed ${range.length ? 'WHERE ' + range.join(' AND ') : ''} GROUP BY target, target_id ORDER BY t, target_id`,
      params,
    ),
  );
  return rows.map((r) => ({
    target: r.target as AnnotationMark['target'],
    targetId: r.target_id,
    time: Number(r.t),
    bookmarked: Boolean(r.bookmarked),
    tags: r.tags ? (JSON.parse(r.tags) as string[]) : [],
    notes: r.notes ? (JSON.parse(r.notes) as string[]) : [],
  }));
}
