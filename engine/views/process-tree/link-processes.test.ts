import { describe, expect, it } from 'vitest';
import { linkProcesses, type LinkedNode } from './link-processes';
import { exit, ordered, start } from './record-fixture';

const parentOf = (nodes: LinkedNode[], eventId: number) => nodes.find((n) => n.eventId === eventId)?.parent ?? null;

describe('linkProcesses', () => {
  it('attaches a child to the latest process with its parent pid that started before it (pid reuse)', () => {
    const a = start(1, 100, 1, 'a.exe');
    const b = start(5, 100, 1, 'b.exe');
    const c1 = start(3, 200, 100, 'c1.exe');
    const c2 = start(7, 201, 100, 'c2.exe');
    const { nodes } = linkProcesses(ordered([a, b, c1, c2]));
    expect(parentOf(nodes, c1.eventId)?.eventId).toBe(a.eventId);
    expect(parentOf(nodes, c2.eventId)?.eventId).toBe(b.eventId);
  });

  it('does not attach to a process known to have exited before the child started', () => {
    const a = start(1, 100, 1, 'a.exe');
    const gone = exit(2, 100);
    const c = start(3, 200, 100, 'c.exe', { parentImage: 'C:\\x\\reused.exe' });
    const { nodes } = linkProcesses(ordered([a, gone, c]));
    const p = parentOf(nodes, c.eventId)!;
    expect(p.synthetic).toBe(true);
    expect(p.image).toBe('C:\\x\\reused.exe');
    expect(p.children.map((x) => x.image)).toEqual(['c.exe']);
    // An exit after the child started does not matter.
    const later = linkProcesses(ordered([start(1, 100, 1, 'a.exe'), start(3, 201, 100, 'd.exe'), exit(4, 100)]));
    expect(later.nodes[1].parent?.image).toBe('a.exe');
  });

  it('lets entity ids win over pids', () => {
    const real = start(1, 100, 1, 'real.exe', { guid: 'G-REAL' });
    const reuser = start(2, 100, 1, 'reuser.exe', { guid: 'G-REUSER' });
    const child = start(3, 300, 100, 'child.exe', { guid: 'G-CHILD', parentGuid: 'G-REAL' });
    const { nodes } = linkProcesses(ordered([real, reuser, child]));
    expect(parentOf(nodes, child.eventId)?.image).toBe('real.exe');
    expect(nodes.find((n) => n.eventId === child.eventId)?.id).toBe('g:h1|G-CHILD');
  });

  it('makes one synthetic root per missing parent, rebuilt from what the children say', () => {
    const c1 = start(1, 10, 4, 'smss.exe', { guid: 'G1', parentGuid: 'G-SYSTEM', parentImage: 'System', parentCommandLine: null });
    const c2 = start(2, 11, 4, 'smss.exe', { guid: 'G2', parentGuid: 'G-SYSTEM', parentImage: 'System' });
    const c3 = start(3, 12, 900, 'svchost.exe', { parentImage: 'C:\\services.exe', parentCommandLine: 'services.exe -k' });
    const c4 = start(4, 13, 900, 'svchost.exe', { parentImage: 'C:\\services.exe' });
    const { roots } = linkProcesses(ordered([c1, c2, c3, c4]));
    expect(roots).toHaveLength(2);
    expect(roots[0]).toMatchObject({ synthetic: true, image: 'System', pid: 4, eventId: null, time: null });
    expect(roots[0].children.map((c) => c.pid)).toEqual([10, 11]);
    expect(roots[1]).toMatchObject({ synthetic: true, image: 'C:\\services.exe', pid: 900, commandLine: 'services.exe -k' });
    expect(roots[1].children.map((c) => c.pid)).toEqual([12, 13]);
  });

  it('keeps hosts apart', () => {
    const p = start(1, 100, 1, 'p', { host: 'h1' });
    const c = start(2, 200, 100, 'c', { host: 'h2' });
    const { nodes } = linkProcesses(ordered([p, c]));
    expect(parentOf(nodes, c.eventId)?.synthetic).toBe(true);
  });

  it('survives a loop of entity ids from a hostile log by cutting it', () => {
    const a = start(1, 1, 2, 'a', { guid: 'A', parentGuid: 'B' });
    const b = start(2, 2, 1, 'b', { guid: 'B', parentGuid: 'A' });
    const { roots } = linkProcesses(ordered([a, b]));
    expect(roots.map((r) => r.image)).toEqual(['a']);
    expect(roots[0].children.map((c) => c.image)).toEqual(['b']);
  });

  it('treats a process without a parent pid or entity id as a root', () => {
    const { roots } = linkProcesses([start(1, 1, null, 'init')]);
    expect(roots).toHaveLength(1);
    expect(roots[0].synthetic).toBe(false);
  });
});
