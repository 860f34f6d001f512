/**
 * Narrowing a big forest on screen: keep the processes that match (by image,
 * command line, user or exact pid), or that carry a signal or a spoofed-parent
 * flag, together with their ancestors so each stays in its lineage.
 */
import type { ProcessNode } from '../../../engine/views/process-tree/tree-types';

export interface TreeFilter {
  text: string;
  /** Only processes with signals or a spoofed parent. */
  flaggedOnly: boolean;
}

export const NO_FILTER: TreeFilter = { text: '', flaggedOnly: false };

function matcher(f: TreeFilter): ((n: ProcessNode) => boolean) | null {
  const text = f.text.trim().toLowerCase();
  if (!text && !f.flaggedOnly) return null;
  return (n) => {
    if (f.flaggedOnly && n.signals.length === 0 && !n.spoof) return false;
    if (!text) return true;
    return String(n.pid) === text || [n.image, n.commandLine, n.user].some((v) => v !== null && v.toLowerCase().includes(text));
  };
}

/** The filtered forest (new node objects where children were dropped); the input when no filter is set. */
export function filterForest(roots: readonly ProcessNode[], f: TreeFilter): readonly ProcessNode[] {
  const match = matcher(f);
  if (!match) return roots;
  // Post-order without recursion: a node is kept when it matches or any child was kept.
  const kept = new Map<ProcessNode, ProcessNode>();
  const stack: [ProcessNode, boolean][] = roots.map((r) => [r, false]);
  while (stack.length) {
    const [n, done] = stack.pop()!;
    if (!done) {
      stack.push([n, true]);
      for (const c of n.children) stack.push([c, false]);
      continue;
    }
    const children = n.children.flatMap((c) => kept.get(c) ?? []);
    if (!children.length && !match(n)) continue;
    const same = children.length === n.children.length && children.every((c, i) => c === n.children[i]);
    kept.set(n, same ? n : { ...n, children });
  }
  return roots.flatMap((r) => kept.get(r) ?? []);
}
