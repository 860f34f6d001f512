/**
 * Bookmarks, tags and notes on events and signals (Timesketch's stars, labels
 * and comments), stored in the case's `annotations` table and attached by id:
 * the events themselves are never modified. Plain data and validators for the
 * `annotations.*` channels.
 */

export type AnnotationTarget = 'event' | 'signal';
export type AnnotationKind = 'bookmark' | 'tag' | 'note';
export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['bookmark', 'tag', 'note'];

export interface Annotation {
  id: string;
  target: AnnotationTarget;
  /** `event.id` as text, or a signal id. */
  targetId: string;
  kind: AnnotationKind;
  /** The tag or the note; '' for a bookmark. */
  text: string;
  createdAt: string;
}

export interface NewAnnotation {
  target: AnnotationTarget;
  targetId: string;
  kind: AnnotationKind;
  text?: string;
}

export interface AnnotationQuery {
  target?: AnnotationTarget;
  targetIds?: string[];
  kind?: AnnotationKind;
}

/** What the timeline draws: one mark per annotated event or signal, at its time. */
export interface AnnotationMark {
  target: AnnotationTarget;
  targetId: string;
  /** ms since epoch (UTC): the event's @timestamp or the signal's first event. */
  time: number;
  bookmarked: boolean;
  tags: string[];
  notes: string[];
}

export interface AnnotationMarksQuery {
  from?: string | null;
  to?: string | null;
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const TARGETS: readonly string[] = ['event', 'signal'];

export function validNewAnnotation(a: unknown[]): string | null {
  const o = a[0];
  if (!isObj(o)) return 'annotation must be an object';
  if (!TARGETS.includes(o.target as string)) return 'target must be event or signal';
  if (!isStr(o.targetId) || !o.targetId || o.targetId.length > 100) return 'targetId must be a string';
  if (o.target === 'event' && !/^\d+$/.test(o.targetId)) return 'an event targetId is its event.id';
  if (!ANNOTATION_KINDS.includes(o.kind as AnnotationKind)) return 'kind must be bookmark, tag or note';
  if (o.text !== undefined && !(isStr(o.text) && o.text.length <= 10000)) return 'text must be a string (up to 10,000 characters)';
  if (o.kind !== 'bookmark' && !(isStr(o.text) && o.text.trim())) return `a ${o.kind} needs text`;
  if (o.kind === 'tag' && (o.text as string).length > 100) return 'a tag is at most 100 characters';
  return null;
}

export function validAnnotationQuery(a: unknown[]): string | null {
  if (a[0] === undefined) return null;
  const o = a[0];
  if (!isObj(o)) return 'query must be an object';
  if (o.target !== undefined && !TARGETS.includes(o.target as string)) return 'target must be event or signal';
  if (o.kind !== undefined && !ANNOTATION_KINDS.includes(o.kind as AnnotationKind)) return 'kind must be bookmark, tag or note';
  if (o.targetIds !== undefined && !(Array.isArray(o.targetIds) && o.targetIds.length <= 10000 && o.targetIds.every((x) => isStr(x) && x.length <= 100))) return 'targetIds must be strings';
  return null;
}

export function validMarksQuery(a: unknown[]): string | null {
  const o = a[0] ?? {};
  if (!isObj(o)) return 'query must be an object';
  for (const t of [o.from, o.to]) if (t !== undefined && t !== null && !(isStr(t) && Number.isFinite(Date.parse(t)))) return 'from/to must be ISO times';
  return null;
}
