import { describe, expect, it } from 'vitest';
import type { ProcessNode } from '../../../engine/views/process-tree/tree-types';
import { filterForest, NO_FILTER } from './tree-filter';

const node = (pid: number, image: string, children: ProcessNode[] = [], extra: Partial<ProcessNode> = {}): ProcessNode => ({
  id: String(pid), pid, ppid: null, parentId: null, image, commandLine: `${image} --x`, user: 'root', host: 'h', time: null, eventId: pid, synthetic: false, spoof: null, signals: [], children, ...extra,
});

const forest = () => [
  node(1, '/usr/sbin/sshd', [node(2, '/bin/bash', [node(3, '/usr/bin/sudo', [node(4, '/tmp/xmrig')]), node(5, '/usr/bin/ls')])]),
  node(10, '/usr/sbin/cron', [node(11, '/bin/sh', [], { signals: [{ id: 's', title: 'Cron', level: 'high' }] })]),
];
const flat = (roots: readonly ProcessNode[]): string[] => roots.flatMap((r) => [`${r.pid}`, ...flat(r.children).map((x) => `>${x}`)]);

describe('filterForest', () => {
  it('returns the forest itself when nothing is asked', () => {
    const f = forest();
    expect(filterForest(f, NO_FILTER)).toBe(f);
  });

  it('keeps matches with their ancestors, by image, command line or exact pid', () => {
    expect(flat(filterForest(forest(), { text: 'XMRIG', flaggedOnly: false }))).toEqual(['1', '>2', '>>3', '>>>4']);
    expect(flat(filterForest(forest(), { text: '5', flaggedOnly: false }))).toEqual(['1', '>2', '>>5']);
    expect(filterForest(forest(), { text: 'nothing-like-this', flaggedOnly: false })).toEqual([]);
  });

  it('keeps only flagged processes (signals, spoofed parents) when asked', () => {
    expect(flat(filterForest(forest(), { text: '', flaggedOnly: true }))).toEqual(['10', '>11']);
  });
});
