/** Shown while the explorer is narrowed to a signal's events; ✕ clears it. */
import { Tag } from '@blueprintjs/core';
import { useApp } from '../store/app-store';

export function SignalFilterChip() {
  const signal = useApp((s) => s.signals.find((x) => x.id === s.selectedSignalId) ?? null);
  const selectSignal = useApp((s) => s.selectSignal);
  if (!signal) return null;
  return (
    <Tag large intent="primary" className="filter-chip" data-testid="signal-filter-chip" title={signal.ruleTitle}>
      <span className="filter-chip__text">signal: {signal.ruleTitle}</span>
      <button type="button" className="filter-chip__clear" aria-label="Clear signal filter" data-testid="signal-filter-clear" onClick={() => selectSignal(null)}>
        ✕
      </button>
    </Tag>
  );
}
