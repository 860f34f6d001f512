import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import type { ProcessForest } from '../../views/process-tree/tree-types';
import { UsageError } from './args';
import { cmdTree } from './cmd-tree';
import { main } from './main';

function sink() {
  let text = '';
  const out = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) });
  return { out, text: () => text };
}

async function caseWithProcesses(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vestige-cli-tree-'));
  const src = join(dir, 'endpoint.jsonl');
  const proc = (t: string, host: string, pid: number, ppid: number, exe: string, cmd: string) =>
    JSON.stringify({ '@timestamp': t, event: { category: ['process'], type: ['start'], action: 'exec' }, host: { name: host }, user: { name: 'root' }, process: { pid, executable: exe, command_line: cmd, parent: { pid: ppid, executable: '/usr/sbin/sshd' } } });
  await writeFile(src, [
    proc('2026-03-14T03:15:00Z', 'web-01', 4000, 3999, '/bin/bash', '-bash'),
    proc('2026-03-14T03:15:58Z', 'web-01', 4100, 4000, '/tmp/xmrig', '/tmp/xmrig -o pool.example:443 \u001b[2J'),
    proc('2026-03-14T03:16:00Z', 'db-01', 77, 1, '/usr/bin/id', 'id'),
  ].join('\n') + '\n');
  const c = await openCase(join(dir, 'case'));
  await importFiles(c, [src]);
  await c.close();
  return join(dir, 'case');
}

describe('vestige tree', () => {
  it('prints one host\'s forest as JSON: pid, parent, image, command line, time, children', async () => {
    const dir = await caseWithProcesses();
    const s = sink();
    expect(await cmdTree(['--case', dir, '--host', 'web-01', '--json'], s.out)).toBe(0);
    const f = JSON.parse(s.text()) as ProcessForest;
    expect(f.hosts.map((h) => h.host).sort()).toEqual(['db-01', 'web-01']);
    expect(f.processCount).toBe(2);
    const [sshd] = f.roots;
    expect(sshd).toMatchObject({ synthetic: true, pid: 3999, image: '/usr/sbin/sshd' });
    const bash = sshd.children[0];
    expect(bash).toMatchObject({ pid: 4000, ppid: 3999, parentId: sshd.id, image: '/bin/bash', commandLine: '-bash', time: '2026-03-14T03:15:00.000Z', user: 'root' });
    expect(bash.children[0]).toMatchObject({ pid: 4100, ppid: 4000, image: '/tmp/xmrig', children: [] });
  });

  it('prints an indented text tree by default, escaping control characters', async () => {
    const dir = await caseWithProcesses();
    const s = sink();
    expect(await cmdTree(['--case', dir], s.out)).toBe(0);
    const text = s.text();
    expect(text).toMatch(/host db-01\n└─ 1 \/usr\/sbin\/sshd {2}\[not seen starting\]\n {3}└─ 77 \/usr\/bin\/id/);
    expect(text).toMatch(/ {6}└─ 4100 \/tmp\/xmrig {2}2026-03-14T03:15:58\.000Z {2}user=root {2}cmd=\/tmp\/xmrig -o pool\.example:443 \\x1b\[2J/);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('3 processes, 5 nodes shown (2 not seen starting), depth 1');
  });

  it('refuses a missing or mistyped case and bad numbers', async () => {
    await expect(cmdTree([])).rejects.toThrow(UsageError);
    await expect(cmdTree(['--case', join(tmpdir(), 'no-such-vestige-case')])).rejects.toThrow(/not a Vestige case/);
    await expect(cmdTree(['--case', '.', '--limit', 'ten'])).rejects.toThrow(/--limit/);
    expect(await main(['tree'])).toBe(2);
  });
});
