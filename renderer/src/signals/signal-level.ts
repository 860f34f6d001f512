/** Sigma levels → Blueprint intents, and an order to sort by (most severe first). */
import type { Intent } from '@blueprintjs/core';

const LEVELS: Record<string, { intent: Intent; rank: number }> = {
  critical: { intent: 'danger', rank: 0 },
  high: { intent: 'danger', rank: 1 },
  medium: { intent: 'warning', rank: 2 },
  low: { intent: 'primary', rank: 3 },
  informational: { intent: 'none', rank: 4 },
};

export function levelIntent(level: string): Intent {
  return LEVELS[level.toLowerCase()]?.intent ?? 'none';
}

export function levelRank(level: string): number {
  return LEVELS[level.toLowerCase()]?.rank ?? 5;
}

/** Most severe first, then most events, then title. */
export function sortSignals<T extends { level: string; eventCount: number; ruleTitle: string }>(signals: readonly T[]): T[] {
  return [...signals].sort(
    (a, b) => levelRank(a.level) - levelRank(b.level) || b.eventCount - a.eventCount || a.ruleTitle.localeCompare(b.ruleTitle),
  );
}
