/** Left panel: detection signals, most severe first; a click filters the explorer and opens triage for it. */
import { Button, Callout, HTMLSelect } from '@blueprintjs/core';
import { Fragment, useMemo } from 'react';
import { useApp } from '../store/app-store';
import { filterByStatus, type StatusFilter } from './signal-details';
import { sortSignals } from './signal-level';
import { SignalActions } from './signal-actions';
import { SignalRow } from './signal-row';
import './signals-triage.css';

export function SignalsPanel() {
  const signals = useApp((s) => s.signals);
  const selected = useApp((s) => s.selectedSignalId);
  const error = useApp((s) => s.signalsError);
  const detecting = useApp((s) => s.detecting);
  const filter = useApp((s) => s.signalFilter);
  const setFilter = useApp((s) => s.setSignalFilter);
  const selectSignal = useApp((s) => s.selectSignal);
  const runDetection = useApp((s) => s.runDetection);
  const shown = useMemo(() => sortSignals(filterByStatus(signals, filter)), [signals, filter]);

  return (
    <nav className="signals-panel">
      <div className="signals-panel__head">
        <span className="signals-panel__title">Signals ({shown.length})</span>
        <HTMLSelect minimal value={filter} onChange={(e) => setFilter(e.currentTarget.value as StatusFilter)} aria-label="Show signals" data-testid="signal-filter">
          <option value="active">active</option>
          <option value="archived">archived</option>
          <option value="all">all</option>
        </HTMLSelect>
        <Button icon="predictive-analysis" size="small" loading={detecting} onClick={() => void runDetection()} data-testid="run-detection">
          Run detection
        </Button>
      </div>
      {error && <Callout intent="danger" compact>{error}</Callout>}
      <div className="signals-panel__list">
        {shown.map((s) => (
          <Fragment key={s.id}>
            <SignalRow signal={s} selected={s.id === selected} onSelect={() => selectSignal(s.id === selected ? null : s.id)} />
            {s.id === selected && <SignalActions signal={s} />}
          </Fragment>
        ))}
        {shown.length === 0 && !error && (
          <div className="signals-panel__empty">{signals.length === 0 ? 'No signals. Import logs, then run detection.' : `No ${filter} signals.`}</div>
        )}
      </div>
    </nav>
  );
}
