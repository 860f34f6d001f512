/** The Process tree tab: host picker and counts, the tree, and the selected process's detail. */
import { Button, Callout, Checkbox, HTMLSelect, InputGroup, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import { useEffect, useMemo } from 'react';
import { useApp } from '../store/app-store';
import { TreeList } from './tree-list';
import { filterForest } from './tree-filter';
import { TreeNodeDetail } from './tree-node-detail';
import { findNode, parentIds, visibleRows } from './tree-rows';
import './tree.css';

export function ProcessTreeView() {
  const forest = useApp((s) => s.treeForest);
  const hostName = useApp((s) => s.treeHost);
  const loading = useApp((s) => s.treeLoading);
  const error = useApp((s) => s.treeError);
  const collapsed = useApp((s) => s.treeCollapsed);
  const selectedId = useApp((s) => s.treeSelectedId);
  const filter = useApp((s) => s.treeFilter);
  const setTreeFilter = useApp((s) => s.setTreeFilter);
  const eventCount = useApp((s) => s.caseInfo?.eventCount ?? 0);
  const signalCount = useApp((s) => s.signals.length);
  const loadTree = useApp((s) => s.loadTree);
  const setTreeHost = useApp((s) => s.setTreeHost);
  const setTreeCollapsed = useApp((s) => s.setTreeCollapsed);

  // Reload when the case gains events or signals (an import, a detection run).
  useEffect(() => {
    void loadTree();
  }, [loadTree, eventCount, signalCount]);

  const shown = useMemo(() => (forest ? filterForest(forest.roots, filter) : []), [forest, filter]);
  const rows = useMemo(() => visibleRows(shown, collapsed), [shown, collapsed]);
  const selected = useMemo(() => (forest ? findNode(forest.roots, selectedId) : null), [forest, selectedId]);

  return (
    <div className="process-tree">
      <div className="process-tree__bar">
        <HTMLSelect
          value={hostName ?? ''}
          onChange={(e) => setTreeHost(e.currentTarget.value)}
          disabled={!forest || forest.hosts.length === 0}
          data-testid="tree-host-select"
          aria-label="Host"
        >
          {forest?.hosts.map((h) => (
            <option key={h.host} value={h.host}>
              {`${h.host || '(no host)'} (${h.processes})`}
            </option>
          ))}
        </HTMLSelect>
        {forest && (
          <span className="process-tree__counts" data-testid="tree-counts">
            {`${forest.processCount} processes · ${forest.nodeCount} nodes · depth ${forest.maxDepth}`}
            {forest.syntheticCount > 0 && ` · ${forest.syntheticCount} parents not seen starting`}
          </span>
        )}
        <InputGroup
          size="small"
          leftIcon="filter"
          placeholder="Image, command line, user or pid"
          value={filter.text}
          onValueChange={(text) => setTreeFilter({ text })}
          data-testid="tree-filter"
        />
        <Checkbox
          className="process-tree__check"
          checked={filter.flaggedOnly}
          label="Signals and spoofing only"
          onChange={(e) => setTreeFilter({ flaggedOnly: e.currentTarget.checked })}
          data-testid="tree-flagged-only"
        />
        {forest && forest.spoofedCount > 0 && <Tag intent="danger" minimal>{`${forest.spoofedCount} spoofed parent(s)`}</Tag>}
        {forest && forest.elevatedCount > 0 && <Tag intent="warning" minimal>{`${forest.elevatedCount} UAC elevation(s)`}</Tag>}
        {forest?.truncated && <Tag intent="warning" minimal>truncated</Tag>}
        <span className="process-tree__spacer" />
        {loading && <Spinner size={16} />}
        <Button size="small" variant="minimal" icon="expand-all" onClick={() => setTreeCollapsed([])} data-testid="tree-expand-all">
          Expand all
        </Button>
        <Button size="small" variant="minimal" icon="collapse-all" onClick={() => forest && setTreeCollapsed(parentIds(forest.roots))} data-testid="tree-collapse-all">
          Collapse all
        </Button>
      </div>
      {error && <Callout intent="danger" compact>{error}</Callout>}
      {forest && forest.roots.length === 0 && !loading ? (
        <NonIdealState icon="diagram-tree" title="No process events" description="Import Sysmon, Security 4688, auditd or ECS process events to see process trees." />
      ) : (
        <div className="process-tree__body">
          <TreeList rows={rows} />
          {selected && <TreeNodeDetail node={selected} />}
        </div>
      )}
    </div>
  );
}
