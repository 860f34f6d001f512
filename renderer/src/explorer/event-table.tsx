/**
 * The events table, virtualised: only visible rows are in the DOM, and the
 * pages under them are fetched as they scroll into view.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { annotationsOf, indexAnnotations } from '../annotations/annotation-index';
import { PivotValue } from '../pivot/pivot-value';
import { entityKind } from '../pivot/entity-kind';
import { useApp } from '../store/app-store';
import { tableColumns, type EventColumn } from './event-columns';
import { rowAt } from './page-cache';

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 26;
const STAR_WIDTH = 28;

const cellStyle = (c: EventColumn) => (c.grow ? { flex: `1 0 ${c.width}px` } : { flex: `0 0 ${c.width}px` });

export function EventTable() {
  const total = useApp((s) => s.total) ?? 0;
  const pages = useApp((s) => s.pages);
  const loading = useApp((s) => s.loading);
  const generation = useApp((s) => s.generation);
  const ensureRows = useApp((s) => s.ensureRows);
  const selected = useApp((s) => s.selectedEvent);
  const selectEvent = useApp((s) => s.selectEvent);
  const scroller = useRef<HTMLDivElement>(null);
  const columnKeys = useApp((s) => s.columns);
  const sortField = useApp((s) => s.sortField) ?? '@timestamp';
  const order = useApp((s) => s.order);
  const sortBy = useApp((s) => s.sortBy);
  const annotations = useApp((s) => s.annotations);
  const toggleBookmark = useApp((s) => s.toggleBookmark);
  const columns = useMemo(() => tableColumns(columnKeys), [columnKeys]);
  const index = useMemo(() => indexAnnotations(annotations), [annotations]);
  // Columns keep their widths; a narrow pane scrolls sideways, header and rows together.
  const MIN_WIDTH = STAR_WIDTH + columns.reduce((n, c) => n + c.width, 0);

  const virtual = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    // The sticky header sits above the rows inside the same scroller.
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) ensureRows(first, last);
  }, [first, last, pages, loading, ensureRows]);

  // A new query starts at the top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [generation]);

  return (
    <div className="event-table" role="table" ref={scroller}>
      <div className="event-table__head" role="row" style={{ minWidth: MIN_WIDTH, height: HEADER_HEIGHT }}>
        <div className="event-table__cell event-table__star" style={{ flex: `0 0 ${STAR_WIDTH}px` }} role="columnheader" title="Bookmarked">
          ★
        </div>
        {columns.map((c) => (
          <div
            key={c.key}
            className="event-table__cell event-table__sortable"
            style={cellStyle(c)}
            role="columnheader"
            data-testid={`column-header-${c.key}`}
            aria-sort={sortField === c.key ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
            title={`Sort by ${c.key}`}
            onClick={() => sortBy(c.key)}
          >
            {c.label}
            {sortField === c.key ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
          </div>
        ))}
      </div>
      <div className="event-table__body" style={{ minWidth: MIN_WIDTH, height: virtual.getTotalSize() }}>
        {items.map((v) => {
          const row = rowAt(pages, v.index);
          const isSelected = row !== undefined && selected?.id === row.id;
          return (
            <div
              key={v.key}
              role="row"
              data-testid="event-row"
              data-event-id={row?.id}
              className={`event-table__row${isSelected ? ' event-table__row--selected' : ''}${row ? '' : ' event-table__row--loading'}`}
              style={{ transform: `translateY(${v.start - HEADER_HEIGHT}px)`, height: ROW_HEIGHT }}
              onClick={() => row && selectEvent(row)}
            >
              <div className="event-table__cell event-table__star" style={{ flex: `0 0 ${STAR_WIDTH}px` }}>
                {row && <BookmarkStar marked={annotationsOf(index, 'event', row.id).bookmark !== null} onToggle={() => void toggleBookmark('event', String(row.id))} />}
              </div>
              {columns.map((c) => {
                const text = row ? c.value(row) : '';
                return (
                  <div key={c.key} className="event-table__cell" style={cellStyle(c)} title={text}>
                    {text && entityKind(c.key) ? <PivotValue field={c.key} value={text} /> : text}
                  </div>
                );
              })}
            </div>
          );
        })}
        {total === 0 && !loading && <div className="event-table__empty">No events match.</div>}
      </div>
    </div>
  );
}

function BookmarkStar({ marked, onToggle }: { marked: boolean; onToggle(): void }) {
  return (
    <button
      type="button"
      className={`bookmark-star${marked ? ' bookmark-star--on' : ''}`}
      data-testid="bookmark-toggle"
      data-bookmarked={marked}
      aria-label={marked ? 'Remove bookmark' : 'Bookmark this event'}
      onClick={(e) => {
        e.stopPropagation();
        onToggle();
      }}
    >
      {marked ? '★' : '☆'}
    </button>
  );
}
