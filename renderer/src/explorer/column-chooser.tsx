/** Picks the table's columns: any core column or raw field path, listed from the case, or typed in. */
import { Button, Checkbox, InputGroup, Popover } from '@blueprintjs/core';
import { useState } from 'react';
import { validFieldName } from '../../../engine/views/search/explorer-channels';
import { useApp } from '../store/app-store';

export function ColumnChooser() {
  const fields = useApp((s) => s.fieldList);
  const columns = useApp((s) => s.columns);
  const toggle = useApp((s) => s.toggleColumn);
  const load = useApp((s) => s.loadFieldList);
  const [filter, setFilter] = useState('');
  const f = filter.trim().toLowerCase();
  const shown = fields.filter((x) => x.name !== '@timestamp' && x.name.toLowerCase().includes(f)).slice(0, 200);
  const typed = filter.trim();
  const content = (
    <div className="column-chooser" data-testid="column-chooser">
      <InputGroup
        size="small"
        placeholder="Filter fields, or type a raw path and Enter"
        value={filter}
        data-testid="column-filter"
        onChange={(e) => setFilter(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && validFieldName(typed) && !columns.includes(typed)) toggle(typed);
        }}
      />
      <div className="column-chooser__list">
        {shown.map((x) => (
          <div key={x.name} data-testid="column-option" data-field={x.name}>
            <Checkbox checked={columns.includes(x.name)} label={x.core ? x.name : `@${x.name}`} onChange={() => toggle(x.name)} />
          </div>
        ))}
      </div>
    </div>
  );
  return (
    <Popover content={content} placement="bottom-end" onOpening={() => void load()}>
      <Button icon="th-list" text="Columns" size="small" data-testid="column-chooser-button" />
    </Popover>
  );
}
