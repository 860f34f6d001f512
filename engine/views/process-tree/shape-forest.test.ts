import { describe, expect, it } from 'vitest';
import { linkProcesses } from './link-processes';
import { ordered, start } from './record-fixture';
import { shapeForest, walkForest } from './shape-forest';
import type { ProcessTreeQuery } from './tree-types';

// init(1) ─ sshd(10) ─ bash(11) ─ sudo(12) ─ bash(13) ─ xmrig(14)
//         └ cron(20) ─ sh(21)
// plus an orphan (parent 999 never seen) ─ x(30)
const recs = ordered([
  start(1, 1, null, '/sbin/init'),
  start(2, 10, 1, '/usr/sbin/sshd'),
  start(3, 11, 10, '/bin/bash'),
  start(4, 12, 11, '/usr/bin/sudo'),
  start(5, 13, 12, '/bin/bash'),
  start(6, 14, 13, '/tmp/xmrig'),
  start(7, 20, 1, '/usr/sbin/cron'),
  start(8, 21, 20, '/bin/sh'),
  start(9, 30, 999, '/x', { parentImage: '/gone' }),
]);
const idOf = (image: string) => recs.find((r) => r.image === image)!.eventId;
const shape = (q: ProcessTreeQuery, signals = new Map()) => shapeForest({ ...linkProcesses(recs), hosts: [], signalsByEvent: signals }, q);
const images = (f: ReturnType<typeof shape>) => [...walkForest(f.roots)].map(([n, d]) => `${d}:${n.image}`);

describe('shapeForest', () => {
  it('returns every tree, depth counted in links between processes seen starting', () => {
    const f = shape({});
    expect(f).toMatchObject({ nodeCount: 10, processCount: 9, syntheticCount: 1, maxDepth: 5, truncated: false });
    expect(images(f)).toEqual(['1:/sbin/init', '2:/usr/sbin/sshd', '3:/bin/bash', '4:/usr/bin/sudo', '5:/bin/bash', '6:/tmp/xmrig', '2:/usr/sbin/cron', '3:/bin/sh', '1:/gone', '2:/x']);
    expect(f.roots[1].children[0].parentId).toBe(f.roots[1].id);
    expect(f.roots[0].parentId).toBeNull();
  });

  it('narrows to one process: its ancestors and its subtree', () => {
    const f = shape({ rootEventId: idOf('/usr/bin/sudo') });
    expect(images(f)).toEqual(['1:/sbin/init', '2:/usr/sbin/sshd', '3:/bin/bash', '4:/usr/bin/sudo', '5:/bin/bash', '6:/tmp/xmrig']);
    expect(shape({ rootEventId: 123456 }).nodeCount).toBe(0);
  });

  it('narrows to some processes and their ancestors', () => {
    const f = shape({ eventIds: [idOf('/bin/sh'), idOf('/x')] });
    expect(images(f)).toEqual(['1:/sbin/init', '2:/usr/sbin/cron', '3:/bin/sh', '1:/gone', '2:/x']);
  });

  it('cuts breadth-first at the limit, keeping the tops of all trees', () => {
    const f = shape({ limit: 4 });
    expect(f.truncated).toBe(true);
    expect(images(f)).toEqual(['1:/sbin/init', '2:/usr/sbin/sshd', '2:/usr/sbin/cron', '1:/gone']);
  });

  it('marks the signals that name a process start on its node', () => {
    const sig = { id: 's1', title: 'Miner', level: 'high' };
    const f = shape({}, new Map([[idOf('/tmp/xmrig'), [sig]]]));
    const marked = [...walkForest(f.roots)].filter(([n]) => n.signals.length).map(([n]) => n.image);
    expect(marked).toEqual(['/tmp/xmrig']);
  });

  it('serialises without parent links', () => {
    expect(() => JSON.stringify(shape({}))).not.toThrow();
    expect(Object.keys(shape({}).roots[0]).sort()).not.toContain('parent');
  });
});
