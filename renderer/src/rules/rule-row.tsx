/** One rule: switch, level, title, type, coverage; expands to its compiled SQL or its refusal. */
import { Switch, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import type { RuleInfo } from '../../../engine/detect/detect-channels';
import { levelIntent } from '../signals/signal-level';
import { coverageText } from './rules-filter';

export interface RuleRowProps {
  rule: RuleInfo;
  onToggle(enabled: boolean): void;
}

export function RuleRow({ rule: r, onToggle }: RuleRowProps) {
  const [open, setOpen] = useState(false);
  const cannotFire = !r.error && !r.canFire;
  return (
    <div className={`rule-row${r.enabled ? '' : ' rule-row--off'}`} data-testid="rule-row" data-rule-id={r.id}>
      <div className="rule-row__top">
        <Switch
          className="rule-row__switch"
          checked={r.enabled}
          disabled={r.error !== null}
          onChange={(e) => onToggle(e.currentTarget.checked)}
          data-testid="rule-toggle"
          aria-label={`${r.enabled ? 'Disable' : 'Enable'} ${r.title}`}
        />
        {r.level && <Tag intent={levelIntent(r.level)} minimal className="rule-row__level">{r.level}</Tag>}
        <button type="button" className="rule-row__title" onClick={() => setOpen(!open)} aria-expanded={open} title={r.path}>
          {r.title}
        </button>
        <span className="rule-row__type">{r.type}</span>
        <span className={`rule-row__coverage${cannotFire ? ' rule-row__coverage--none' : ''}`} data-testid="rule-coverage">
          {coverageText(r)}
        </span>
      </div>
      {r.error && (
        <div className="rule-row__error" data-testid="rule-error">
          {r.error.errorClass}: {r.error.message}
        </div>
      )}
      {open && (
        <div className="rule-row__detail">
          <div className="rule-row__path">
            {r.path}
            {r.line ? `:${r.line}` : ''} · {r.status} · {r.id}
            {r.tags.length > 0 && ` · ${r.tags.join(' ')}`}
          </div>
          {r.sql.map((s, i) => (
            <pre key={i} className="rule-row__sql" data-testid="rule-sql">
              {s.sql}
              {s.params.length > 0 && `\n-- params: ${JSON.stringify(s.params)}`}
            </pre>
          ))}
        </div>
      )}
    </div>
  );
}
