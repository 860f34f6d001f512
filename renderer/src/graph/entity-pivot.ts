/** What the explorer searches for when the analyst pivots from a graph node, and how nodes are labelled. */
import type { EntityRef, EntityType, GraphNode } from '../../../engine/views/graph/graph-types';
import { fieldTerm } from '../timeline/timeline-shape';

const FIELD: Record<Exclude<EntityType, 'ip'>, string> = {
  user: 'user.name',
  host: 'host.name',
  process: 'process.executable',
  file: 'file.path',
};

/**
 * A search for one entity. An IP may be a source or a destination and search
 * terms are ANDed, so an IP is a quoted full-text phrase instead.
 */
export function entitySearch(e: EntityRef): string {
  if (e.type === 'ip') return `"${e.value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
  return fieldTerm(FIELD[e.type], e.value);
}

export const ENTITY_COLOURS: Record<EntityType, string> = {
  user: '#72ca9b',
  host: '#4c90f0',
  ip: '#c87619',
  process: '#bd6bbd',
  file: '#8f99a8',
};

/** Canvas labels stay short; the full value is in the tooltip. */
export function shortLabel(e: EntityRef, max = 28): string {
  const v = e.type === 'file' || e.type === 'process' ? e.value.split('/').filter(Boolean).pop() ?? e.value : e.value;
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

/** A node's canvas label: a signal by its rule title, an entity by its (base) name. */
export function nodeLabel(n: GraphNode, max = 28): string {
  if (n.type === 'signal') {
    const t = n.title ?? n.value;
    return t.length > max ? `${t.slice(0, max - 1)}…` : t;
  }
  return shortLabel({ type: n.type, value: n.value }, max);
}

/** The entity a node stands for, or null for a signal node (it opens its events instead of a search). */
export function nodeEntity(n: Pick<GraphNode, 'type' | 'value'>): EntityRef | null {
  return n.type === 'signal' ? null : { type: n.type, value: n.value };
}
