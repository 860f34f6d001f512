/** The main pane: search, filters, histogram, table. */
import { Button, Callout, Tag } from '@blueprintjs/core';
import { useEffect } from 'react';
import { formatTimeShort } from '../common/time-format';
import { SignalFilterChip } from '../signals/signal-filter-chip';
import { useApp } from '../store/app-store';
import { ColumnChooser } from './column-chooser';
import { EventTable } from './event-table';
import { FieldSidebar } from './field-sidebar';
import { SavedViewsMenu } from './saved-views-menu';
import { SqlConsoleButton } from './sql-console';
import './explorer-tools.css';
import { SearchBox } from './search-box';
import { TimeHistogram } from './time-histogram';

export function ExplorerView() {
  const total = useApp((s) => s.total);
  const from = useApp((s) => s.from);
  const to = useApp((s) => s.to);
  const histogram = useApp((s) => s.histogram);
  const error = useApp((s) => s.explorerError);
  const setRange = useApp((s) => s.setRange);
  const capped = useApp((s) => s.totalCapped);
  const toolsError = useApp((s) => s.toolsError);
  const loadAnnotations = useApp((s) => s.loadAnnotations);
  // A capped count is a lower bound; the histogram counted every match.
  const shown = capped && histogram ? histogram.counts.reduce((a, b) => a + b, 0) : total;

  useEffect(() => {
    void loadAnnotations();
  }, [loadAnnotations]);

  return (
    <main className="explorer">
      <div className="explorer__toolbar">
        <SearchBox />
        <SignalFilterChip />
        {(from || to) && (
          <Tag large minimal onRemove={() => setRange(null, null)} data-testid="range-chip">
            {formatTimeShort(from)} → {formatTimeShort(to)}
          </Tag>
        )}
        <ColumnChooser />
        <SavedViewsMenu />
        <SqlConsoleButton />
        <span className="explorer__total">
          <span data-testid="event-total">{shown ?? 0}</span> events
        </span>
      </div>
      <div className="explorer__histogram-row">
        <TimeHistogram histogram={histogram} onRange={(r) => setRange(r.from, r.to)} />
        <Button icon="cross" variant="minimal" size="small" disabled={!from && !to} onClick={() => setRange(null, null)} title="Clear time range" data-testid="histogram-clear" />
      </div>
      {(error || toolsError) && (
        <Callout intent="danger" compact className="explorer__error">
          {error ?? toolsError}
        </Callout>
      )}
      <div className="explorer__body">
        <FieldSidebar />
        <EventTable />
      </div>
    </main>
  );
}
