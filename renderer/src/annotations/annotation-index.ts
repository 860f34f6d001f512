/** Annotations grouped by what they are attached to, for quick lookups while rendering rows. */
import type { Annotation, AnnotationTarget } from '../../../engine/views/annotations/annotation-types';

export interface TargetAnnotations {
  bookmark: Annotation | null;
  tags: Annotation[];
  notes: Annotation[];
}

const EMPTY: TargetAnnotations = { bookmark: null, tags: [], notes: [] };

export function indexAnnotations(list: readonly Annotation[]): Map<string, TargetAnnotations> {
  const out = new Map<string, TargetAnnotations>();
  for (const a of list) {
    const key = `${a.target}:${a.targetId}`;
    const t = out.get(key) ?? { bookmark: null, tags: [], notes: [] };
    if (a.kind === 'bookmark') t.bookmark = a;
    else if (a.kind === 'tag') t.tags.push(a);
    else t.notes.push(a);
    out.set(key, t);
  }
  return out;
}

export function annotationsOf(index: ReadonlyMap<string, TargetAnnotations>, target: AnnotationTarget, id: string | number): TargetAnnotations {
  return index.get(`${target}:${id}`) ?? EMPTY;
}
