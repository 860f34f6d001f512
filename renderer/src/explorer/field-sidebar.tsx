/** Top values of a few fields for the current query; + filters on a value, − excludes it. */
import { Button } from '@blueprintjs/core';
import { PivotValue } from '../pivot/pivot-value';
import { useApp } from '../store/app-store';

export function FieldSidebar() {
  const top = useApp((s) => s.topValues);
  const addTerm = useApp((s) => s.addTerm);
  return (
    <aside className="field-sidebar" data-testid="field-sidebar">
      {top.map((f) => (
        <section key={f.field} className="field-sidebar__field" data-testid="sidebar-field" data-field={f.field}>
          <h5 className="field-sidebar__name">{f.field}</h5>
          {f.values.length === 0 && <div className="field-sidebar__empty">no values</div>}
          {f.values.map((v) => (
            <div key={v.value ?? ''} className="field-sidebar__value" data-testid="sidebar-value" data-value={v.value ?? ''}>
              <span className="field-sidebar__text">
                <PivotValue field={f.field} value={v.value ?? ''} />
              </span>
              <span className="field-sidebar__count" data-testid="sidebar-count">{v.count}</span>
              <Button size="small" variant="minimal" icon="plus" aria-label="Filter on this value" data-testid="sidebar-filter" onClick={() => addTerm(f.field, v.value ?? '', false)} />
              <Button size="small" variant="minimal" icon="minus" aria-label="Exclude this value" data-testid="sidebar-exclude" onClick={() => addTerm(f.field, v.value ?? '', true)} />
            </div>
          ))}
        </section>
      ))}
    </aside>
  );
}
