import { describe, expect, it } from 'vitest';
import { linkProcesses } from './link-processes';
import { flagParentSpoofing } from './parent-spoofing';
import type { ProcessRecord } from './process-records';
import { access, ordered, start } from './record-fixture';

// The shape of Defense Evasion/sysmon_10_1_ppid_spoofing.evtx: powershell opens explorer
// with PROCESS_CREATE_PROCESS, cmd.exe appears under explorer, powershell holds cmd's creation handle.
const explorer = () => start(0, 4668, 4000, 'C:\\Windows\\explorer.exe', { guid: 'EXPLORER' });
const powershell = () => start(1, 8004, 4668, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', { guid: 'PS', parentGuid: 'EXPLORER' });
const cmd = (f: Partial<ProcessRecord> = {}) =>
  start(10.003, 7708, 4668, 'C:\\Windows\\System32\\cmd.exe', { guid: 'CMD', parentGuid: 'EXPLORER', parentImage: 'C:\\Windows\\explorer.exe', ...f });

function run(records: ProcessRecord[]) {
  const all = ordered(records);
  const link = linkProcesses(all);
  const count = flagParentSpoofing(link.nodes, link.byId, all);
  return { count, cmd: link.nodes.find((n) => n.guid === 'CMD')! };
}

describe('flagParentSpoofing', () => {
  it('flags a child whose creation handle went to a process that had opened its recorded parent for process creation', () => {
    const { count, cmd: c } = run([explorer(), powershell(), access(10, 'PS', 'EXPLORER', 0x1f3fff), cmd(), access(10.001, 'PS', 'CMD', 0x1fffff)]);
    expect(count).toBe(1);
    expect(c.spoof).toMatchObject({ reason: 'creator-mismatch', creatorId: 'g:h1|PS', creatorPid: 8004, creatorImage: expect.stringContaining('powershell.exe') });
    expect(c.spoof!.evidenceEventIds).toHaveLength(2);
    // The tree still shows the parent the log recorded; the flag says it is doubtful.
    expect(c.parent?.guid).toBe('EXPLORER');
  });

  it('does not flag the recorded parent touching its own child', () => {
    const { count } = run([explorer(), access(10, 'EXPLORER', 'EXPLORER', 0x1fffff), cmd(), access(10.001, 'EXPLORER', 'CMD', 0x1fffff)]);
    expect(count).toBe(0);
  });

  it('does not flag a process that only inspected the new child (no PROCESS_CREATE_PROCESS on the parent)', () => {
    const { count } = run([explorer(), powershell(), access(10, 'PS', 'EXPLORER', 0x1410), cmd(), access(10.001, 'PS', 'CMD', 0x1fffff)]);
    expect(count).toBe(0);
  });

  it('does not flag an access long after the child started', () => {
    const { count } = run([explorer(), powershell(), access(10, 'PS', 'EXPLORER', 0x1f3fff), cmd(), access(30, 'PS', 'CMD', 0x1fffff)]);
    expect(count).toBe(0);
  });

  it('flags a ParentImage that the parent linked by entity id does not have', () => {
    const { count, cmd: c } = run([explorer(), cmd({ parentImage: 'C:\\Windows\\System32\\winword.exe' })]);
    expect(count).toBe(1);
    expect(c.spoof?.reason).toBe('parent-image-mismatch');
    expect(run([explorer(), cmd({ parentImage: 'c:\\windows\\EXPLORER.EXE' })]).count).toBe(0);
  });
});
