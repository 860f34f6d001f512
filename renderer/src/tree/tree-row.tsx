/** One process in the list: connectors, expander, pid and image, markers; the command line as text. */
import { Icon } from '@blueprintjs/core';
import type { TreeRow } from './tree-rows';
import { imageName } from './tree-rows';
import { spoofText } from './spoof-text';

interface Props {
  row: TreeRow;
  top: number;
  selected: boolean;
  onToggle(): void;
  onSelect(): void;
  onOpen(): void;
}

export function TreeRowView({ row, top, selected, onToggle, onSelect, onOpen }: Props) {
  const n = row.node;
  const spoof = n.spoof ? spoofText(n.spoof) : null;
  const elevated = n.spoof?.reason === 'elevation';
  const cls = ['tree-row', selected && 'tree-row--selected', n.synthetic && 'tree-row--synthetic', n.signals.length > 0 && 'tree-row--signal'].filter(Boolean).join(' ');
  return (
    <div
      className={cls}
      style={{ transform: `translateY(${top}px)` }}
      onClick={onSelect}
      onDoubleClick={onOpen}
      role="treeitem"
      aria-expanded={n.children.length ? row.expanded : undefined}
      aria-selected={selected}
      data-testid="tree-node"
      data-pid={n.pid ?? ''}
      data-image={n.image ?? ''}
      data-depth={row.depth}
      title={n.commandLine ?? n.image ?? ''}
    >
      {row.rails.map((on, i) => (
        <span key={i} className={on ? 'tree-row__rail tree-row__rail--on' : 'tree-row__rail'} />
      ))}
      {row.depth > 0 && <span className={row.isLast ? 'tree-row__elbow tree-row__elbow--last' : 'tree-row__elbow'} />}
      <span
        className="tree-row__toggle"
        onClick={(e) => {
          e.stopPropagation();
          if (n.children.length) onToggle();
        }}
        data-testid={n.children.length ? 'tree-toggle' : undefined}
      >
        {n.children.length > 0 && <Icon icon={row.expanded ? 'chevron-down' : 'chevron-right'} size={12} />}
      </span>
      <span className="tree-row__pid">{n.pid ?? '?'}</span>
      <span className="tree-row__image">{imageName(n.image)}</span>
      {n.synthetic && <span className="tree-row__note">not seen starting</span>}
      {spoof && (
        <span
          className={elevated ? 'tree-row__spoof tree-row__spoof--elevated' : 'tree-row__spoof'}
          data-testid={elevated ? 'tree-elevated' : 'tree-spoofed'}
          data-reason={n.spoof!.reason}
          title={[spoof.creator, ...spoof.fields].filter(Boolean).join('\n') || spoof.why}
        >
          {spoof.badge}
        </span>
      )}
      {n.signals.length > 0 && (
        <span className="tree-row__signal" data-testid="tree-signal" title={n.signals.map((s) => s.title).join('\n')}>
          <Icon icon="warning-sign" size={11} /> {n.signals.length}
        </span>
      )}
      {n.children.length > 0 && !row.expanded && <span className="tree-row__note">{`+${n.children.length}`}</span>}
      <span className="tree-row__cmd">{n.commandLine ?? ''}</span>
    </div>
  );
}
