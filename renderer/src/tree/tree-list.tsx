/** The tree as an indented, virtualised list: only the rows in view are in the DOM. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useApp } from '../store/app-store';
import { TreeRowView } from './tree-row';
import type { TreeRow } from './tree-rows';

export const ROW_HEIGHT = 24;

export function TreeList({ rows }: { rows: readonly TreeRow[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const selectedId = useApp((s) => s.treeSelectedId);
  const toggle = useApp((s) => s.toggleTreeNode);
  const select = useApp((s) => s.selectTreeNode);
  const open = useApp((s) => s.openProcessEvent);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 30 });

  return (
    <div className="tree-list" ref={scroller} data-testid="tree-list" role="tree">
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((item) => {
          const row = rows[item.index];
          return (
            <TreeRowView
              key={row.node.id}
              row={row}
              top={item.start}
              selected={row.node.id === selectedId}
              onToggle={() => toggle(row.node.id)}
              onSelect={() => select(row.node.id === selectedId ? null : row.node.id)}
              onOpen={() => row.node.eventId !== null && void open(row.node.eventId)}
            />
          );
        })}
      </div>
    </div>
  );
}
