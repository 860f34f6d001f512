/**
 * The entity graph on the sample case (the SSH brute force → miner story on
 * web-01), as `vestige serve` prepares it from the files `npm run build`
 * generates: signals are nodes, linked to the entities their events name.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSignals } from '../../case/node/case-queries';
import { openCase, type OpenCase } from '../../case/node/case-store';
import { prepareDefaultCase } from '../../host/node/default-case';
import { sampleFilesDir } from '../../host/node/resources';
import type { SignalInfo } from '../../host/contract';
import { entityGraph } from './graph-query';
import { signalNodeId } from './graph-signals';
import type { GraphData } from './graph-types';

const built = existsSync(sampleFilesDir());
if (!built) console.warn('[graph] dist/sample-case not built (npm run build): sample-case graph tests skipped');

let c: OpenCase;
let signals: SignalInfo[];
let g: GraphData;

beforeAll(async () => {
  if (!built) return;
  c = await openCase(await prepareDefaultCase(join(await mkdtemp(join(tmpdir(), 'vestige-graph-sample-')), 'sample')));
  signals = await listSignals(c.port);
  g = await entityGraph(c.port, { limit: 300 });
}, 120_000);
afterAll(() => c?.close());

const signalNode = (title: string) => {
  const s = signals.find((x) => x.ruleTitle === title)!;
  return { s, node: g.nodes.find((n) => n.id === signalNodeId(s.id)) };
};
const linked = (id: string) => g.edges.filter((e) => e.source === id && e.kind === 'signal').map((e) => e.target);

describe.skipIf(!built)('entity graph on the sample case', () => {
  it('draws every open signal as a node with its rule title and level', () => {
    const open = signals.filter((s) => s.status === 'open');
    expect(open.length).toBeGreaterThan(10);
    const nodes = g.nodes.filter((n) => n.type === 'signal');
    expect(nodes.map((n) => n.title).sort()).toEqual(open.map((s) => s.ruleTitle).sort());
    for (const n of nodes) expect(n.level).toBe(open.find((s) => signalNodeId(s.id) === n.id)!.level);
    expect(g.nodes.length).toBeLessThanOrEqual(300);
  });

  it('links the brute force to web-01, the attacker’s address and the guessed account', () => {
    const { s, node } = signalNode('SSH Brute Force From One Source');
    expect(node).toMatchObject({ type: 'signal', level: 'high', title: 'SSH Brute Force From One Source' });
    const ends = linked(node!.id);
    expect(ends.slice(0, 2).sort()).toEqual(['host:web-01', 'ip:185.220.101.47']);
    expect(ends).toContain('user:deploy');
    // Every event of the brute force is a failed login on web-01 from the attacker.
    const toWeb = g.edges.find((e) => e.source === node!.id && e.target === 'host:web-01')!;
    expect(toWeb.weight).toBe(s.eventCount);
  });

  it('links the miner’s signals to the binary in /tmp and to root on web-01', () => {
    const { node } = signalNode('Execution Of A Binary From A Temporary Directory');
    expect(linked(node!.id).sort()).toEqual(['host:web-01', 'process:/tmp/xmrig', 'user:root']);
    const pool = signalNode('Outbound Connection To A Typical Mining Pool Port').node!;
    expect(linked(pool.id)).toEqual(expect.arrayContaining(['process:/tmp/xmrig', 'ip:203.0.113.78']));
  });

  it('links nothing the graph does not draw', () => {
    const ids = new Set(g.nodes.map((n) => n.id));
    const signalEdges = g.edges.filter((e) => e.kind === 'signal');
    expect(signalEdges.length).toBeGreaterThan(50);
    for (const e of signalEdges) {
      expect(e.source.startsWith('signal:')).toBe(true);
      expect(ids.has(e.target) && !e.target.startsWith('signal:')).toBe(true);
    }
  });
});
