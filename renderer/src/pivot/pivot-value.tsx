/**
 * An entity value (IP, user, host, process, hash, file…) that opens the
 * pivot menu: filter, exclude, open in graph / tree / map / timeline, copy.
 * One component for the table, the detail pane and the sidebar. The value is
 * rendered as text only.
 */
import { Menu, MenuDivider, MenuItem, Popover } from '@blueprintjs/core';
import type { MouseEvent } from 'react';
import { useApp } from '../store/app-store';
import { entityKind, pivotTargets } from './entity-kind';
import { usePivotActions } from './use-pivot-actions';

export interface PivotValueProps {
  field: string;
  value: string;
  /** Shown instead of the value (a formatted time, a shortened path). */
  label?: string;
  className?: string;
}

export function PivotValue({ field, value, label, className }: PivotValueProps) {
  const kind = entityKind(field);
  const targets = pivotTargets(kind);
  const act = usePivotActions();
  const search = useApp((s) => s.search);
  if (!value) return null;
  const stop = (e: MouseEvent) => e.stopPropagation();
  const menu = (
    <Menu data-testid="pivot-menu" onClick={stop}>
      <MenuItem icon="filter" text="Filter on this value" data-testid="pivot-filter" onClick={() => act.filter(field, value, false)} />
      <MenuItem icon="filter-remove" text="Exclude this value" data-testid="pivot-exclude" onClick={() => act.filter(field, value, true)} />
      {(targets.graph || targets.tree || targets.map || targets.timeline) && <MenuDivider />}
      {targets.graph && kind && kind !== 'hash' && <MenuItem icon="graph" text="Open in graph" data-testid="pivot-graph" onClick={() => act.graph(kind, value)} />}
      {targets.tree && <MenuItem icon="diagram-tree" text="Open in process tree" data-testid="pivot-tree" onClick={() => act.tree(kind, value)} />}
      {targets.map && <MenuItem icon="map" text="Open in map" data-testid="pivot-map" onClick={() => act.map()} />}
      {targets.timeline && <MenuItem icon="timeline-events" text="Open in timeline" data-testid="pivot-timeline" onClick={() => act.timeline(targets.timeline!)} />}
      <MenuDivider />
      <MenuItem icon="duplicate" text="Copy value" data-testid="pivot-copy" onClick={() => act.copy(value)} />
    </Menu>
  );
  // Clicks stop at this wrapper, not on the target: the Popover listens between the two, the table row above.
  return (
    <span className="pivot-value__wrap" onClick={stop}>
      <Popover content={menu} placement="bottom-start" minimal lazy key={search}>
        <span className={`pivot-value${className ? ' ' + className : ''}`} role="button" tabIndex={0} data-testid="pivot-value" data-field={field} title={`${field}: ${value}`}>
          {label ?? value}
        </span>
      </Popover>
    </span>
  );
}
