import { describe, expect, it } from 'vitest';
import type { ProcessNode } from '../../../engine/views/process-tree/tree-types';
import { findNode, imageName, parentIds, visibleRows } from './tree-rows';

const node = (id: string, children: ProcessNode[] = []): ProcessNode => ({
  id, pid: null, ppid: null, parentId: null, image: id, commandLine: null, user: null, host: 'h', time: null, eventId: null, synthetic: false, spoof: null, signals: [], children,
});

// a ─ b ─ d
//   └ c
// e
const forest = () => [node('a', [node('b', [node('d')]), node('c')]), node('e')];
const show = (rows: ReturnType<typeof visibleRows>) => rows.map((r) => `${r.depth}${r.node.id}${r.isLast ? '.' : '+'}${r.rails.map((x) => (x ? '|' : ' ')).join('')}`);

describe('visibleRows', () => {
  it('lists nodes depth-first with the rails their connectors need', () => {
    expect(show(visibleRows(forest(), new Set()))).toEqual(['0a+', '1b+', '2d.|', '1c.', '0e.']);
  });

  it('leaves out the children of collapsed nodes', () => {
    const rows = visibleRows(forest(), new Set(['b']));
    expect(show(rows)).toEqual(['0a+', '1b+', '1c.', '0e.']);
    expect(rows[1].expanded).toBe(false);
    expect(show(visibleRows(forest(), new Set(parentIds(forest()))))).toEqual(['0a+', '0e.']);
  });

  it('finds nodes and shortens images to file names', () => {
    expect(findNode(forest(), 'd')?.id).toBe('d');
    expect(findNode(forest(), 'zz')).toBeNull();
    expect(imageName('C:\\Windows\\System32\\cmd.exe')).toBe('cmd.exe');
    expect(imageName('/tmp/xmrig')).toBe('xmrig');
    expect(imageName(null)).toBe('(unknown image)');
  });
});
