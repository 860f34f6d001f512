/**
 * From linked nodes to the forest a caller asked for: narrowed to one
 * process's lineage or to some processes and their ancestors, cut to a node
 * budget breadth-first, with signals attached, as plain data (no parent
 * links, so it serialises).
 */
import type { LinkResult, LinkedNode } from './link-processes';
import { DEFAULT_TREE_LIMIT, type NodeSignal, type ProcessForest, type ProcessNode, type ProcessTreeQuery } from './tree-types';

export interface ShapeInput extends LinkResult {
  hosts: ProcessForest['hosts'];
  /** Signals by the event ids they name. */
  signalsByEvent: ReadonlyMap<number, NodeSignal[]>;
}

/** Which nodes to keep: null keeps all. */
function keepSet(link: LinkResult, q: ProcessTreeQuery): Set<LinkedNode> | null {
  const ancestorsOf = (n: LinkedNode, into: Set<LinkedNode>) => {
    for (let p: LinkedNode | null = n; p && !into.has(p); p = p.parent) into.add(p);
  };
  if (q.rootEventId != null) {
    const keep = new Set<LinkedNode>();
    const target = link.nodes.find((n) => n.eventId === q.rootEventId);
    if (!target) return keep;
    ancestorsOf(target, keep);
    const stack: LinkedNode[] = [target];
    while (stack.length) {
      const n = stack.pop()!;
      keep.add(n);
      for (const c of n.children) stack.push(c as LinkedNode);
    }
    return keep;
  }
  if (q.eventIds) {
    const wanted = new Set(q.eventIds);
    const keep = new Set<LinkedNode>();
    for (const n of link.nodes) if (n.eventId !== null && wanted.has(n.eventId)) ancestorsOf(n, keep);
    return keep;
  }
  return null;
}

export function shapeForest(input: ShapeInput, q: ProcessTreeQuery): ProcessForest {
  const keep = keepSet(input, q);
  const limit = q.limit ?? DEFAULT_TREE_LIMIT;
  const plain = (n: LinkedNode): ProcessNode => ({
    id: n.id,
    pid: n.pid,
    ppid: n.ppid,
    parentId: n.parent?.id ?? null,
    image: n.image,
    commandLine: n.commandLine,
    user: n.user,
    host: n.host,
    time: n.time,
    eventId: n.eventId,
    synthetic: n.synthetic,
    spoof: n.spoof,
    signals: n.eventId === null ? [] : input.signalsByEvent.get(n.eventId) ?? [],
    children: [],
  });

  // Breadth-first, so a budget keeps the tops of all trees rather than the first tree whole.
  const roots: ProcessNode[] = [];
  // Depth counts parent→child links between processes seen starting: a synthetic root sits at -1.
  let queue: [LinkedNode, ProcessNode[], number][] = input.roots.filter((r) => !keep || keep.has(r)).map((r) => [r, roots, r.synthetic ? -1 : 0]);
  let count = 0;
  let maxDepth = 0;
  let truncated = false;
  let spoofed = 0;
  let elevated = 0;
  let synthetic = 0;
  while (queue.length) {
    const next: typeof queue = [];
    for (const [n, into, depth] of queue) {
      if (count >= limit) {
        truncated = true;
        break;
      }
      const p = plain(n);
      into.push(p);
      count++;
      if (!p.synthetic) maxDepth = Math.max(maxDepth, depth);
      if (p.spoof?.reason === 'elevation') elevated++;
      else if (p.spoof) spoofed++;
      if (p.synthetic) synthetic++;
      for (const c of n.children) if (!keep || keep.has(c as LinkedNode)) next.push([c as LinkedNode, p.children, depth + 1]);
    }
    if (truncated) break;
    queue = next;
  }
  return {
    hosts: input.hosts,
    roots,
    nodeCount: count,
    processCount: input.nodes.length,
    syntheticCount: synthetic,
    spoofedCount: spoofed,
    elevatedCount: elevated,
    maxDepth,
    truncated,
  };
}

/** Walks a forest depth-first, children in start order; a stack, not recursion, since chains can be long. */
export function* walkForest(roots: readonly ProcessNode[]): Generator<[ProcessNode, number]> {
  const stack: [ProcessNode, number][] = roots.map((r) => [r, 1] as [ProcessNode, number]).reverse();
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    yield [n, depth];
    for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i], depth + 1]);
  }
}
