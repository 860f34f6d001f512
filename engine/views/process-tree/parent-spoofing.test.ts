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

// Windows' own openers, with CallTraces as Sysmon logged them in the OTRF Windows datasets.
const SVCHOST = 'C:\\windows\\system32\\svchost.exe';
const csrss = { image: 'C:\\windows\\system32\\csrss.exe', pid: 592 };
const pcaSvc = {
  image: SVCHOST,
  callTrace:
    'C:\\windows\\SYSTEM32\\ntdll.dll+9c534|C:\\windows\\System32\\KERNELBASE.dll+2726e|c:\\windows\\system32\\pcasvc.dll+13827|c:\\windows\\system32\\pcasvc.dll+f736|C:\\windows\\System32\\KERNEL32.DLL+17bd4',
};
const appInfoOpen = { image: SVCHOST, callTrace: 'C:\\windows\\SYSTEM32\\ntdll.dll+9c534|c:\\windows\\system32\\appinfo.dll+36f8|C:\\windows\\System32\\RPCRT4.dll+76a53' };
const appInfoCreate = {
  image: SVCHOST,
  callTrace:
    'C:\\windows\\SYSTEM32\\ntdll.dll+9d8e4|C:\\windows\\System32\\KERNELBASE.dll+59e1a|C:\\windows\\System32\\KERNEL32.DLL+1c9af|c:\\windows\\system32\\appinfo.dll+2c3d|C:\\windows\\System32\\RPCRT4.dll+76a53',
};

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

  it('takes only a handle with every right for the creation handle', () => {
    // DcomLaunch's shape: it holds 0x80 on the recorded parent (it created it) and queries that parent's children with 0x1000.
    const { count } = run([explorer(), powershell(), access(10, 'PS', 'EXPLORER', 0x1f3fff), cmd(), access(10.001, 'PS', 'CMD', 0x1000)]);
    expect(count).toBe(0);
  });

  it('does not take Windows bookkeeping for a creator: csrss and PcaSvc open each new process and its parent with every right', () => {
    expect(run([explorer(), access(10, 'CSRSS', 'EXPLORER', 0x1fffff, csrss), cmd(), access(10.001, 'CSRSS', 'CMD', 0x1fffff, csrss)]).count).toBe(0);
    expect(run([explorer(), access(10, 'PCA', 'EXPLORER', 0x1fffff, pcaSvc), cmd(), access(10.001, 'PCA', 'CMD', 0x1fffff, pcaSvc)]).count).toBe(0);
    // The same accesses by a csrss.exe outside System32 are someone else's.
    const fake = { image: 'C:\\Users\\Public\\csrss.exe', pid: 6666 };
    const { count, cmd: c } = run([explorer(), access(10, 'FAKE', 'EXPLORER', 0x1fffff, fake), cmd(), access(10.001, 'FAKE', 'CMD', 0x1fffff, fake)]);
    expect(count).toBe(1);
    expect(c.spoof).toMatchObject({ reason: 'creator-mismatch', creatorPid: 6666, creatorImage: fake.image });
  });

  it('finds the real creator behind the bookkeepers', () => {
    const { count, cmd: c } = run([
      explorer(),
      powershell(),
      access(9.99, 'CSRSS', 'EXPLORER', 0x1fffff, csrss),
      access(10, 'PS', 'EXPLORER', 0x1f3fff),
      cmd(),
      access(10.001, 'CSRSS', 'CMD', 0x1fffff, csrss),
      access(10.001, 'PCA', 'CMD', 0x1fffff, pcaSvc),
      access(10.001, 'PS', 'CMD', 0x1fffff),
    ]);
    expect(count).toBe(1);
    expect(c.spoof).toMatchObject({ reason: 'creator-mismatch', creatorId: 'g:h1|PS' });
  });

  it('calls an AppInfo creation a UAC elevation, as the 4688 check does, and does not count it', () => {
    const appInfo = start(0.5, 11640, 700, SVCHOST, { guid: 'APPINFO' });
    // UACME_59_Sysmon.evtx: AppInfo opens the requester with 0x1014c0 and creates the elevated process under it.
    const { count, cmd: c } = run([explorer(), appInfo, access(10, 'APPINFO', 'EXPLORER', 0x1014c0, appInfoOpen), cmd(), access(10.001, 'APPINFO', 'CMD', 0x1fffff, appInfoCreate)]);
    expect(count).toBe(0);
    expect(c.spoof).toMatchObject({ reason: 'elevation', creatorId: 'g:h1|APPINFO', creatorPid: 11640, creatorImage: SVCHOST });
    expect(c.spoof!.fields[0]).toMatchObject({ field: 'ParentProcessGuid', value: 'EXPLORER', expected: 'APPINFO', source: expect.stringContaining('UAC elevation') });
  });

  it('flags a ParentImage that the parent linked by entity id does not have', () => {
    const { count, cmd: c } = run([explorer(), cmd({ parentImage: 'C:\\Windows\\System32\\winword.exe' })]);
    expect(count).toBe(1);
    expect(c.spoof?.reason).toBe('parent-image-mismatch');
    expect(run([explorer(), cmd({ parentImage: 'c:\\windows\\EXPLORER.EXE' })]).count).toBe(0);
  });
});
