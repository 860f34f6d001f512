/**
 * The process tree on real Sysmon recordings (EVTX-ATTACK-SAMPLES). Figures
 * checked by hand against the files: process counts are their Sysmon 1 events;
 * depth is the longest chain of parent→child links between processes seen
 * starting (the parents of the first processes were never seen and become
 * synthetic roots, which do not count).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase } from '../../../case/node/case-store';
import { importFiles } from '../../../case/node/import-files';
import { corpusRoot } from '../../../testing/node/corpus';
import { buildProcessForest } from '../process-tree';
import { walkForest } from '../shape-forest';
import type { ProcessForest } from '../tree-types';

const root = corpusRoot();
const samples = root ? join(root, 'EVTX-ATTACK-SAMPLES') : '';

async function forestOf(file: string): Promise<ProcessForest> {
  const c = await openCase(await mkdtemp(join(tmpdir(), 'vestige-tree-corpus-')));
  try {
    const [s] = await importFiles(c, [join(samples, file)]);
    expect(s.error).toBeUndefined();
    return await buildProcessForest(c.port, {});
  } finally {
    await c.close();
  }
}

describe.skipIf(!root)('process tree on EVTX-ATTACK-SAMPLES', () => {
  it('PanacheSysmon_vs_AtomicRedTeam01: 511 processes, depth 4', async () => {
    const f = await forestOf('AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx');
    expect(f).toMatchObject({ processCount: 511, nodeCount: 515, syntheticCount: 4, maxDepth: 4, spoofedCount: 0, truncated: false });
    expect(f.hosts).toEqual([{ host: 'MSEDGEWIN10', processes: 511 }]);
    // Every start links by ProcessGuid: no process is a root of its own.
    expect(f.roots.every((r) => r.synthetic)).toBe(true);
  });

  it('privesc_unquoted_svc_sysmon_1_11: 79 processes, depth 5, C:\\program.exe under services.exe', async () => {
    const f = await forestOf('Privilege Escalation/privesc_unquoted_svc_sysmon_1_11.evtx');
    expect(f).toMatchObject({ processCount: 79, maxDepth: 5 });
    const all = [...walkForest(f.roots)].map(([n]) => n);
    const planted = all.find((n) => n.image === 'C:\\program.exe')!;
    expect(all.find((n) => n.id === planted.parentId)?.image).toBe('C:\\Windows\\System32\\services.exe');
  });

  it('persistence_sysmon_11_13_1_shime_appfix: 175 processes', async () => {
    const f = await forestOf('Persistence/persistence_sysmon_11_13_1_shime_appfix.evtx');
    expect(f).toMatchObject({ processCount: 175, maxDepth: 5, spoofedCount: 0 });
  });

  it('sysmon_10_1_ppid_spoofing: cmd.exe under explorer is flagged, powershell named as the real creator', async () => {
    const f = await forestOf('Defense Evasion/sysmon_10_1_ppid_spoofing.evtx');
    const spoofed = [...walkForest(f.roots)].map(([n]) => n).filter((n) => n.spoof);
    expect(spoofed.map((n) => [n.pid, n.image])).toEqual([[7708, 'C:\\Windows\\System32\\cmd.exe']]);
    expect(spoofed[0].spoof).toMatchObject({ reason: 'creator-mismatch', creatorPid: 8004, creatorImage: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' });
    expect(f.roots.find((r) => r.children.includes(spoofed[0]))?.image).toBe('C:\\Windows\\explorer.exe');
  });
});
