/** Switch many rules at once: every rule of a folder, a level or a status. */
import { Button, ButtonGroup, HTMLSelect } from '@blueprintjs/core';
import { useState } from 'react';
import type { RuleInfo, RuleSelectorArgs } from '../../../engine/detect/detect-channels';
import { facets } from './rules-filter';

type Key = 'folder' | 'level' | 'status';

export function RulesBulkBar({ rules, onSet }: { rules: readonly RuleInfo[]; onSet(sel: RuleSelectorArgs, enabled: boolean): void }) {
  const [key, setKey] = useState<Key>('folder');
  const options = facets(rules, key);
  const [value, setValue] = useState('');
  const chosen = options.some((o) => o.value === value) ? value : (options[0]?.value ?? '');
  return (
    <div className="rules-bulk" data-testid="rules-bulk">
      <HTMLSelect value={key} onChange={(e) => setKey(e.currentTarget.value as Key)} aria-label="Switch rules by">
        <option value="folder">folder</option>
        <option value="level">level</option>
        <option value="status">status</option>
      </HTMLSelect>
      <HTMLSelect value={chosen} onChange={(e) => setValue(e.currentTarget.value)} aria-label="Which" data-testid="rules-bulk-value">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.value || '(top)'} ({o.enabled}/{o.total} on)
          </option>
        ))}
      </HTMLSelect>
      <ButtonGroup>
        <Button size="small" disabled={!options.length} onClick={() => onSet({ [key]: chosen }, true)} data-testid="rules-bulk-enable">Enable</Button>
        <Button size="small" disabled={!options.length} onClick={() => onSet({ [key]: chosen }, false)} data-testid="rules-bulk-disable">Disable</Button>
      </ButtonGroup>
    </div>
  );
}
