/**
 * The forest as the rows an indented list shows: depth-first, children of
 * collapsed nodes left out, with what each row needs to draw its connectors
 * (for every ancestor level: does a line continue down past this row?).
 */
import type { ProcessNode } from '../../../engine/views/process-tree/tree-types';

export interface TreeRow {
  node: ProcessNode;
  depth: number;
  /** One entry per ancestor level (outermost first): true when that ancestor has siblings still to come. */
  rails: boolean[];
  isLast: boolean;
  expanded: boolean;
}

export function visibleRows(roots: readonly ProcessNode[], collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const stack: { node: ProcessNode; depth: number; rails: boolean[]; isLast: boolean }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i], depth: 0, rails: [], isLast: i === roots.length - 1 });
  while (stack.length) {
    const { node, depth, rails, isLast } = stack.pop()!;
    const expanded = node.children.length > 0 && !collapsed.has(node.id);
    rows.push({ node, depth, rails, isLast, expanded });
    if (!expanded) continue;
    const childRails = depth === 0 ? [] : [...rails, !isLast];
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push({ node: node.children[i], depth: depth + 1, rails: childRails, isLast: i === node.children.length - 1 });
    }
  }
  return rows;
}

/** Ids of every node with children: "collapse all". */
export function parentIds(roots: readonly ProcessNode[]): string[] {
  const out: string[] = [];
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.children.length) {
      out.push(n.id);
      stack.push(...n.children);
    }
  }
  return out;
}

/** Finds a node by id (for the detail panel). */
export function findNode(roots: readonly ProcessNode[], id: string | null): ProcessNode | null {
  if (id === null) return null;
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.id === id) return n;
    stack.push(...n.children);
  }
  return null;
}

/** A short label: the image's file name (paths are long; the full path is in the detail). */
export function imageName(image: string | null): string {
  if (!image) return '(unknown image)';
  return image.slice(Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/')) + 1) || image;
}
