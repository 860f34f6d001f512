/** Left panel: detection signals, most severe first; a click filters the explorer. */
import { Button, Callout } from '@blueprintjs/core';
import { useMemo } from 'react';
import { useApp } from '../store/app-store';
import { sortSignals } from './signal-level';
import { SignalRow } from './signal-row';

export function SignalsPanel() {
  const signals = useApp((s) => s.signals);
  const selected = useApp((s) => s.selectedSignalId);
  const error = useApp((s) => s.signalsError);
  const detecting = useApp((s) => s.detecting);
  const selectSignal = useApp((s) => s.selectSignal);
  const runDetection = useApp((s) => s.runDetection);
  const sorted = useMemo(() => sortSignals(signals), [signals]);

  return (
    <nav className="signals-panel">
      <div className="signals-panel__head">
        <span className="signals-panel__title">Signals ({signals.length})</span>
        <Button icon="predictive-analysis" size="small" loading={detecting} onClick={() => void runDetection()} data-testid="run-detection">
          Run detection
        </Button>
      </div>
      {error && <Callout intent="danger" compact>{error}</Callout>}
      <div className="signals-panel__list">
        {sorted.map((s) => (
          <SignalRow key={s.id} signal={s} selected={s.id === selected} onSelect={() => selectSignal(s.id === selected ? null : s.id)} />
        ))}
        {signals.length === 0 && !error && <div className="signals-panel__empty">No signals. Import logs, then run detection.</div>}
      </div>
    </nav>
  );
}
