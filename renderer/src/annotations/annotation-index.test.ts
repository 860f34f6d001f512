import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../engine/views/annotations/annotation-types';
import { annotationsOf, indexAnnotations } from './annotation-index';

const a = (id: string, targetId: string, kind: Annotation['kind'], text = ''): Annotation => ({ id, target: 'event', targetId, kind, text, createdAt: '' });

describe('indexAnnotations', () => {
  it('groups bookmarks, tags and notes by target', () => {
    const idx = indexAnnotations([a('1', '7', 'bookmark'), a('2', '7', 'tag', 'c2'), a('3', '7', 'note', 'look'), a('4', '8', 'tag', 'x')]);
    const seven = annotationsOf(idx, 'event', 7);
    expect(seven.bookmark?.id).toBe('1');
    expect(seven.tags.map((t) => t.text)).toEqual(['c2']);
    expect(seven.notes.map((t) => t.text)).toEqual(['look']);
    expect(annotationsOf(idx, 'event', 8).bookmark).toBeNull();
    expect(annotationsOf(idx, 'signal', 7).tags).toEqual([]);
  });
});
