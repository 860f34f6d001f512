/** The Graph tab: where to start (the open signals or a chosen entity), the node limit, and the canvas. */
import { Button, Callout, HTMLSelect, InputGroup, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { ENTITY_TYPES, type EntityRef, type EntityType } from '../../../engine/views/graph/graph-types';
import { useApp } from '../store/app-store';
import { GraphCanvas, type GraphCanvasProps } from './graph-canvas';
import './graph.css';

const LIMITS = [100, 300, 1000, 3000];
type Hover = Parameters<GraphCanvasProps['onHover']>[0];

export function GraphView() {
  const graph = useApp((s) => s.graph);
  const epoch = useApp((s) => s.graphEpoch);
  const limit = useApp((s) => s.graphLimit);
  const loading = useApp((s) => s.graphLoading);
  const error = useApp((s) => s.graphError);
  const signalCount = useApp((s) => s.signals.length);
  const loadGraph = useApp((s) => s.loadGraph);
  const setGraphLimit = useApp((s) => s.setGraphLimit);
  const expandNode = useApp((s) => s.expandNode);
  const openEntityEvents = useApp((s) => s.openEntityEvents);
  const openGraphSignal = useApp((s) => s.openGraphSignal);
  const [type, setType] = useState<EntityType>('host');
  const [value, setValue] = useState('');
  const [hover, setHover] = useState<Hover>(null);

  useEffect(() => {
    if (!graph) void loadGraph(null);
  }, [graph, loadGraph, signalCount]);

  const entity = (): EntityRef | null => (value.trim() ? { type, value: value.trim() } : null);
  const onHover = (h: Hover) => {
    setHover(h);
    // Hovering an entity makes it the target of the Expand button.
    if (h && h.type !== 'signal') {
      setType(h.type);
      setValue(h.value);
    }
  };

  return (
    <div className="graph" data-testid="graph-view">
      <div className="graph__toolbar">
        <HTMLSelect value={type} onChange={(e) => setType(e.currentTarget.value as EntityType)} data-testid="graph-entity-type">
          {ENTITY_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </HTMLSelect>
        <InputGroup className="graph__value" placeholder="entity (hover a node to pick it)" value={value} onChange={(e) => setValue(e.currentTarget.value)} data-testid="graph-entity-value" />
        <Button icon="locate" text="Start here" disabled={!entity()} onClick={() => void loadGraph(entity())} data-testid="graph-seed" />
        <Button icon="add" text="Expand" disabled={!entity()} onClick={() => entity() && void expandNode(entity()!)} data-testid="graph-expand" />
        <Button icon="warning-sign" text="From open signals" onClick={() => void loadGraph(null)} data-testid="graph-from-signals" />
        <HTMLSelect value={limit} onChange={(e) => setGraphLimit(Number(e.currentTarget.value))} data-testid="graph-limit" title="Most nodes on the first view">
          {LIMITS.map((n) => (
            <option key={n} value={n}>
              {n} nodes
            </option>
          ))}
        </HTMLSelect>
        {loading && <Spinner size={16} />}
        {graph && (
          <span className="graph__info" data-testid="graph-info">
            {graph.nodes.length} nodes ({graph.nodes.filter((n) => n.type === 'signal').length} signals) · {graph.edges.length} edges{graph.truncated ? ' (heaviest kept)' : ''} · click: events ·
            double-click: expand
          </span>
        )}
      </div>
      {error && <Callout intent="danger">{error}</Callout>}
      <div className="graph__body">
        {graph && graph.nodes.length === 0 && <NonIdealState icon="graph" title="No entities" description="No open signals name an entity: pick one to start from." />}
        {graph && <GraphCanvas graph={graph} epoch={epoch} onPivot={openEntityEvents} onExpand={(e) => void expandNode(e)} onSignal={openGraphSignal} onHover={onHover} />}
        {hover && hover.type === 'signal' && (
          <div className="graph__card" data-testid="graph-card">
            <Tag minimal intent="danger">signal · {hover.level ?? '?'}</Tag> <span className="graph__card-value">{hover.title ?? hover.value}</span>
            <div>
              linked to {hover.links} entities shown ({hover.weight} mentions in its events) · click: its events
            </div>
          </div>
        )}
        {hover && hover.type !== 'signal' && (
          <div className="graph__card" data-testid="graph-card">
            <Tag minimal>{hover.type}</Tag> <span className="graph__card-value">{hover.value}</span>
            <div>
              {hover.weight} events on shown edges{hover.signals > 0 ? ` · in ${hover.signals} signal(s), worst ${hover.level ?? '?'}` : ''}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
