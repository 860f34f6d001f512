/**
 * Which layout a fresh graph gets. `cose` (force-directed) reads best but is
 * roughly quadratic per iteration: measured headless on generated graphs,
 * 0.5 s at 200 nodes, 3 s at 400, about 7 s at 1,000 even with 150
 * iterations. `dagre` was 1.2 s headless on a 1,000-node tree but 84 s in
 * Chromium on 1,062 nodes with 1,426 edges (crossing minimisation), so past
 * COSE_MAX_NODES the graph gets `concentric` rings instead: seeds in the
 * middle, signal nodes on the ring around them, heavier entities nearer
 * them, linear time.
 */
export const COSE_MAX_NODES = 300;

/** A node or edge as the layouts see it. */
interface RingNode {
  data(key: string): unknown;
}

/** Which ring a node sits on in the concentric layout: higher is nearer the middle. */
export function ringOf(n: RingNode): number {
  if (n.data('seed')) return 100;
  // Above any entity (log2 of a weight stays under 64), below the seeds.
  if (n.data('type') === 'signal') return 80;
  return Math.log2(1 + Number(n.data('weight') ?? 0));
}

export function layoutFor(nodes: number): Record<string, unknown> {
  if (nodes <= COSE_MAX_NODES) {
    // Signal edges are long and slack so that a dozen signals on one host spread around it instead of knotting it.
    return {
      name: 'cose', animate: false, randomize: true, numIter: 800, fit: true, padding: 20,
      nodeRepulsion: (n: RingNode) => (n.data('type') === 'signal' ? 30000 : 9000),
      idealEdgeLength: (e: RingNode) => (e.data('kind') === 'signal' ? 110 : 50),
      edgeElasticity: (e: RingNode) => (e.data('kind') === 'signal' ? 400 : 32),
    };
  }
  return {
    name: 'concentric',
    animate: false,
    fit: true,
    padding: 20,
    minNodeSpacing: 6,
    concentric: ringOf,
    levelWidth: () => 2,
  };
}
