/**
 * The entity graph on a cytoscape canvas it owns. Updates on props: new nodes
 * and edges are added and laid out around what is already there (a whole
 * `cose` layout only when the graph is replaced), so an expansion does not
 * scramble the picture (layout choice and timings: graph-layout.ts). Labels are canvas text; the hover card is React text.
 * Signal nodes are diamonds in their level's colour, linked to entities by
 * dashed edges; a click on one opens the signal's events.
 */
import cytoscape, { type Core, type ElementDefinition, type EventObject, type LayoutOptions, type NodeSingular } from 'cytoscape';
import { useEffect, useRef } from 'react';
import type { EntityRef, GraphData, GraphNode } from '../../../engine/views/graph/graph-types';
import { levelColour } from '../timeline/timeline-shape';
import { ENTITY_COLOURS, nodeEntity, nodeLabel } from './entity-pivot';
import { layoutFor } from './graph-layout';

/** A click waits this long for a second click (a double-click expands instead of pivoting). */
const DOUBLE_CLICK_MS = 300;

export interface GraphCanvasProps {
  graph: GraphData;
  /** A new epoch means a new graph: lay it all out again. */
  epoch: number;
  onPivot(e: EntityRef): void;
  onExpand(e: EntityRef): void;
  /** A signal node was clicked: open that signal's events. */
  onSignal(signalId: string): void;
  /** The node under the pointer (`links`: its edges on screen), or null. */
  onHover(n: (GraphNode & { links: number }) | null): void;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      color: '#d3d8de',
      'font-size': 9,
      'text-valign': 'bottom',
      'text-margin-y': 2,
      width: 'data(size)',
      height: 'data(size)',
      'min-zoomed-font-size': 7,
    },
  },
  { selector: 'node[?marked]', style: { 'border-width': 3, 'border-color': 'data(levelColour)' } },
  { selector: 'node[?seed]', style: { shape: 'round-rectangle' } },
  { selector: 'node[type = "signal"]', style: { shape: 'diamond', 'z-index': 10, 'border-width': 2, 'border-color': '#f6f7f9', color: 'data(levelColour)', 'font-weight': 'bold' } },
  { selector: 'node:selected', style: { 'overlay-opacity': 0.2, 'overlay-color': '#fff' } },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': '#5f6b7c', opacity: 0.7, 'curve-style': 'haystack' } },
  // Haystack edges draw no dashes; straight ones are as cheap.
  { selector: 'edge[kind = "signal"]', style: { 'line-color': 'data(colour)', 'line-style': 'dashed', opacity: 0.55, 'curve-style': 'straight' } },
];

function toElements(g: GraphData): ElementDefinition[] {
  const levels = new Map(g.nodes.map((n) => [n.id, n.level]));
  return [
    ...g.nodes.map((n) => ({
      group: 'nodes' as const,
      data: {
        id: n.id, type: n.type, value: n.value, title: n.title ?? null, signals: n.signals, weight: n.weight, level: n.level, seed: n.seed,
        label: nodeLabel(n), colour: n.type === 'signal' ? levelColour(n.level ?? '') : ENTITY_COLOURS[n.type], marked: n.type !== 'signal' && n.signals > 0,
        levelColour: levelColour(n.level ?? ''),
        size: n.type === 'signal' ? 24 : 14 + Math.min(26, Math.log2(1 + n.weight) * 2),
      },
    })),
    ...g.edges.map((e) => ({
      group: 'edges' as const,
      data: { id: e.id, kind: e.kind, source: e.source, target: e.target, width: Math.min(6, 0.5 + Math.log10(1 + e.weight)), colour: levelColour(levels.get(e.source) ?? '') },
    })),
  ];
}

const nodeOf = (n: NodeSingular): GraphNode & { links: number } => ({
  id: n.id(), type: n.data('type'), value: n.data('value'), title: n.data('title') ?? undefined, signals: n.data('signals'), weight: n.data('weight'),
  level: n.data('level'), seed: n.data('seed'), links: n.degree(false),
});

export function GraphCanvas({ graph, epoch, onPivot, onExpand, onSignal, onHover }: GraphCanvasProps) {
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const shownEpoch = useRef(-1);
  const handlers = useRef({ onPivot, onExpand, onSignal, onHover });
  handlers.current = { onPivot, onExpand, onSignal, onHover };

  useEffect(() => {
    const cy = cytoscape({ container: box.current, style: STYLE, minZoom: 0.05, maxZoom: 4, wheelSensitivity: 0.3 });
    cyRef.current = cy;
    let timer: ReturnType<typeof setTimeout> | undefined;
    cy.on('tap', 'node', (e: EventObject) => {
      clearTimeout(timer);
      const n = e.target as NodeSingular;
      const ent = nodeEntity({ type: n.data('type'), value: n.data('value') });
      // A signal has nothing to expand: it opens at once.
      if (!ent) handlers.current.onSignal(n.data('value'));
      else timer = setTimeout(() => handlers.current.onPivot(ent), DOUBLE_CLICK_MS);
    });
    cy.on('dbltap', 'node', (e: EventObject) => {
      clearTimeout(timer);
      const n = e.target as NodeSingular;
      const ent = nodeEntity({ type: n.data('type'), value: n.data('value') });
      if (ent) handlers.current.onExpand(ent);
    });
    cy.on('mouseover', 'node', (e: EventObject) => handlers.current.onHover(nodeOf(e.target as NodeSingular)));
    cy.on('mouseout', 'node', () => handlers.current.onHover(null));
    return () => {
      clearTimeout(timer);
      cy.destroy();
      cyRef.current = null;
      shownEpoch.current = -1;
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    const el = box.current;
    if (!cy || !el) return;
    const t0 = performance.now();
    const fresh = shownEpoch.current !== epoch;
    shownEpoch.current = epoch;
    let added: cytoscape.CollectionReturnValue;
    cy.batch(() => {
      if (fresh) cy.elements().remove();
      const want = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
      cy.elements().filter((x) => !want.has(x.id())).remove();
      added = cy.add(toElements(graph).filter((d) => cy.getElementById(d.data.id!).empty()));
    });
    const newNodes = added!.nodes();
    if (fresh) {
      cy.layout(layoutFor(cy.nodes().length) as unknown as LayoutOptions).run();
    } else if (newNodes.nonempty()) {
      // New neighbours go in a ring around the node they hang off; everything else stays put.
      const anchor = newNodes.neighborhood().nodes().difference(newNodes).max((n) => (n as NodeSingular).degree(false)).ele as NodeSingular | undefined;
      const c = anchor ? anchor.position() : { x: 0, y: 0 };
      const r = 60 + newNodes.length * 3;
      newNodes.layout({ name: 'circle', animate: false, fit: false, boundingBox: { x1: c.x - r, y1: c.y - r, w: 2 * r, h: 2 * r } }).run();
    }
    el.dataset.nodeCount = String(cy.nodes().length);
    el.dataset.edgeCount = String(cy.edges().length);
    el.dataset.signalNodeCount = String(cy.nodes('[type = "signal"]').length);
    el.dataset.signalEdgeCount = String(cy.edges('[kind = "signal"]').length);
    el.dataset.layoutMs = String(Math.round(performance.now() - t0));
    el.dataset.epoch = String(epoch);
  }, [graph, epoch]);

  return <div ref={box} className="graph-canvas" data-testid="graph-canvas" data-node-count={graph.nodes.length} />;
}
