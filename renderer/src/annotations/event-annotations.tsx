/** Bookmark, tags and notes of one event or signal: shown and edited in the detail pane. */
import { Button, InputGroup, Tag, TextArea } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import type { AnnotationTarget } from '../../../engine/views/annotations/annotation-types';
import { useApp } from '../store/app-store';
import { annotationsOf, indexAnnotations } from './annotation-index';

export function AnnotationPanel({ target, id }: { target: AnnotationTarget; id: string }) {
  const all = useApp((s) => s.annotations);
  const annotate = useApp((s) => s.annotate);
  const remove = useApp((s) => s.removeAnnotation);
  const toggleBookmark = useApp((s) => s.toggleBookmark);
  const error = useApp((s) => s.annotationsError);
  const mine = useMemo(() => annotationsOf(indexAnnotations(all), target, id), [all, target, id]);
  const [tag, setTag] = useState('');
  const [note, setNote] = useState('');
  return (
    <section className="annotations" data-testid="annotations">
      <div className="annotations__row">
        <Button size="small" icon={mine.bookmark ? 'star' : 'star-empty'} text={mine.bookmark ? 'Bookmarked' : 'Bookmark'} data-testid="detail-bookmark" onClick={() => void toggleBookmark(target, id)} />
        {mine.tags.map((t) => (
          <Tag key={t.id} minimal interactive={false} onRemove={() => void remove(t.id)} data-testid="annotation-tag">
            {t.text}
          </Tag>
        ))}
        <InputGroup
          size="small"
          placeholder="Add tag, Enter"
          value={tag}
          data-testid="tag-input"
          className="annotations__tag-input"
          onChange={(e) => setTag(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && tag.trim()) void annotate(target, id, 'tag', tag.trim()).then(() => setTag(''));
          }}
        />
      </div>
      {mine.notes.map((n) => (
        <div key={n.id} className="annotations__note" data-testid="annotation-note">
          <span className="annotations__note-text">{n.text}</span>
          <Button size="small" variant="minimal" icon="cross" aria-label="Delete note" onClick={() => void remove(n.id)} />
        </div>
      ))}
      <TextArea fill rows={2} placeholder="Add a note" value={note} data-testid="note-input" onChange={(e) => setNote(e.currentTarget.value)} />
      <Button size="small" text="Add note" disabled={!note.trim()} data-testid="note-add" onClick={() => void annotate(target, id, 'note', note.trim()).then(() => setNote(''))} />
      {error && <div className="annotations__error">{error}</div>}
    </section>
  );
}
