/**
 * Bookmarks, tags and notes on events and signals. They are few (made by
 * hand), so the whole list is kept and reloaded after every change; the
 * table, the detail pane and the signals read it through annotation-index.
 */
import type { Annotation, AnnotationKind, AnnotationTarget } from '../../../engine/views/annotations/annotation-types';
import { errorText, type SliceCreator } from '../store/app-state';

export interface AnnotationsSlice {
  annotations: Annotation[];
  annotationsError: string | null;
  loadAnnotations(): Promise<void>;
  annotate(target: AnnotationTarget, targetId: string, kind: AnnotationKind, text?: string): Promise<void>;
  removeAnnotation(id: string): Promise<void>;
  /** Adds the bookmark, or removes it when there is one. */
  toggleBookmark(target: AnnotationTarget, targetId: string): Promise<void>;
}

export const createAnnotationsSlice: SliceCreator<AnnotationsSlice> = ({ host }) => (set, get) => {
  const guarded = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      set({ annotations: await host.call('annotations.list'), annotationsError: null });
    } catch (e) {
      set({ annotationsError: errorText(e) });
    }
  };
  return {
    annotations: [],
    annotationsError: null,
    loadAnnotations: () => guarded(async () => undefined),
    annotate: (target, targetId, kind, text) => guarded(() => host.call('annotations.add', { target, targetId, kind, ...(text !== undefined ? { text } : {}) })),
    removeAnnotation: (id) => guarded(() => host.call('annotations.remove', id)),
    toggleBookmark(target, targetId) {
      const mark = get().annotations.find((a) => a.target === target && a.targetId === targetId && a.kind === 'bookmark');
      return mark ? get().removeAnnotation(mark.id) : get().annotate(target, targetId, 'bookmark');
    },
  };
};
