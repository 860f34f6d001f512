/**
 * The Rules view: every rule of the rule set as compiled for this case,
 * searchable, switchable one by one or by folder, level and status, with its
 * SQL, its coverage here ("cannot fire here") and its refusal if any.
 */
import { Button, Callout, InputGroup, NonIdealState, Spinner } from '@blueprintjs/core';
import { useEffect, useMemo } from 'react';
import { useApp } from '../store/app-store';
import { RuleRow } from './rule-row';
import { RulesBulkBar } from './rules-bulk-bar';
import { filterRules, summarize } from './rules-filter';
import './rules.css';

export function RulesView() {
  const rules = useApp((s) => s.rules);
  const loading = useApp((s) => s.rulesLoading);
  const error = useApp((s) => s.rulesError);
  const search = useApp((s) => s.ruleSearch);
  const setSearch = useApp((s) => s.setRuleSearch);
  const loadRules = useApp((s) => s.loadRules);
  const setEnabled = useApp((s) => s.setRulesEnabled);
  const runDetection = useApp((s) => s.runDetection);
  const detecting = useApp((s) => s.detecting);
  useEffect(() => void loadRules(), [loadRules]);
  const shown = useMemo(() => filterRules(rules, search), [rules, search]);
  const sum = summarize(rules);

  return (
    <div className="rules-view" data-testid="rules-view">
      <div className="rules-view__bar">
        <InputGroup
          leftIcon="search"
          placeholder="Search rules (words, tags; enabled:no fires:no error:yes)"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="rules-search"
          className="rules-view__search"
        />
        <RulesBulkBar rules={rules} onSet={(sel, on) => void setEnabled(sel, on)} />
        <Button icon="predictive-analysis" size="small" loading={detecting} onClick={() => void runDetection()} data-testid="rules-run-detection">
          Run detection
        </Button>
      </div>
      <div className="rules-view__summary" data-testid="rules-summary">
        {sum.total} rules · {sum.enabled} enabled · {sum.refused} refused · {sum.cannotFire} cannot fire in this case · {shown.length} shown
      </div>
      {error && <Callout intent="danger" compact>{error}</Callout>}
      {loading && rules.length === 0 ? (
        <Spinner size={24} />
      ) : shown.length === 0 ? (
        <NonIdealState icon="search" title="No rule matches" />
      ) : (
        <div className="rules-view__list">
          {shown.map((r) => (
            <RuleRow key={`${r.id}:${r.path}:${r.line ?? 0}`} rule={r} onToggle={(on) => void setEnabled({ ruleId: r.id }, on)} />
          ))}
        </div>
      )}
    </div>
  );
}
