/**
 * Which layout a fresh graph gets. `cose` (force-directed) reads best but is
 * roughly quadratic per iteration: measured headless on generated graphs,
 * 0.5 s at 200 nodes, 3 s at 400, about 7 s at 1,000 even with 150
 * iterations. `dagre` was 1.2 s headless on a 1,000-node tree but 84 s in
 * Chromium on 1,062 nodes with 1,426 edges (crossing minimisation), so past
 * COSE_MAX_NODES the graph gets `concentric` rings instead: seeds in the
 * middle, heavier entities nearer them, linear time.
 */
export const COSE_MAX_NODES = 300;

interface RingNode {
  data(key: string): unknown;
}

export function layoutFor(nodes: number): Record<string, unknown> {
  if (nodes <= COSE_MAX_NODES) {
    return { name: 'cose', animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 50, numIter: 800, fit: true, padding: 20 };
  }
  return {
    name: 'concentric',
    animate: false,
    fit: true,
    padding: 20,
    minNodeSpacing: 6,
    concentric: (n: RingNode) => (n.data('seed') ? 100 : Math.log2(1 + Number(n.data('weight') ?? 0))),
    levelWidth: () => 2,
  };
}
