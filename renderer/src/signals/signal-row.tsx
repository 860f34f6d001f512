/** One signal: level, title, group key, count and time span. */
import { Tag } from '@blueprintjs/core';
import type { SignalInfo } from '../../../engine/host/contract';
import { formatTimeShort } from '../common/time-format';
import { levelIntent } from './signal-level';

export interface SignalRowProps {
  signal: SignalInfo;
  selected: boolean;
  onSelect(): void;
}

export function SignalRow({ signal: s, selected, onSelect }: SignalRowProps) {
  return (
    <button
      type="button"
      className={`signal-row${selected ? ' signal-row--selected' : ''}`}
      data-testid="signal-row"
      data-signal-id={s.id}
      aria-pressed={selected}
      onClick={onSelect}
    >
      <div className="signal-row__top">
        <Tag intent={levelIntent(s.level)} minimal={levelIntent(s.level) === 'none'} className="signal-row__level">
          {s.level}
        </Tag>
        <span className="signal-row__title" data-testid="signal-title" title={s.ruleTitle}>
          {s.ruleTitle}
        </span>
        <span className="signal-row__count">{s.eventCount}</span>
      </div>
      {s.groupKey && <div className="signal-row__group" title={s.groupKey}>{s.groupKey}</div>}
      <div className="signal-row__time">
        {formatTimeShort(s.firstTime)}
        {s.lastTime && s.lastTime !== s.firstTime ? ` → ${formatTimeShort(s.lastTime)}` : ''}
      </div>
    </button>
  );
}
