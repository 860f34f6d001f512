import { describe, expect, it } from 'vitest';
import { linkProcesses } from './link-processes';
import { flagParentSpoofing } from './parent-spoofing';
import { normLogonId, type ProcessRecord } from './process-records';
import { logon, ordered, seclogon, start } from './record-fixture';

// Windows 10 Security 4688 as records: Subject is who called CreateProcess, Target the new token (0x0: the creator's).
const ALICE = 'S-1-5-21-1111-2222-3333-1104';
const SYSTEM = { subjectSid: 'S-1-5-18', subjectUser: 'CORP\\WS01$', subjectLogonId: '0x3e7' };
const alice = (id: string) => ({ subjectSid: ALICE, subjectUser: 'CORP\\alice', subjectLogonId: id });
const sec = (t: number, pid: number, ppid: number, image: string, parentImage: string, l: Parameters<typeof logon>[0]) =>
  start(t, pid, ppid, image, { parentImage, logon: logon({ targetLogonId: '0x0', ...l }) });

const EXPLORER = 'C:\\Windows\\explorer.exe';
const CMD = 'C:\\Windows\\System32\\cmd.exe';
const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const explorer = () => sec(1, 4000, 3900, EXPLORER, 'C:\\Windows\\System32\\userinit.exe', alice('0x5a000'));

function run(records: ProcessRecord[]) {
  const all = ordered(records);
  const link = linkProcesses(all);
  const count = flagParentSpoofing(link.nodes, link.byId, all);
  const byPid = (pid: number) => link.nodes.find((n) => n.pid === pid)!;
  return { count, byPid, flagged: link.nodes.filter((n) => n.spoof).map((n) => [n.pid, n.spoof!.reason]) };
}

describe('4688 creator logon check', () => {
  it('leaves a normal chain alone: each child made by its parent’s logon', () => {
    const { count, flagged } = run([
      explorer(),
      sec(2, 4100, 4000, CMD, EXPLORER, alice('0x5a000')),
      // services.exe (never seen starting: SYSTEM) starts a LOCAL SERVICE svchost, whose own child is made by LOCAL SERVICE.
      sec(3, 700, 600, 'C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\System32\\services.exe', { ...SYSTEM, targetSid: 'S-1-5-19', targetLogonId: '0x3e5' }),
      sec(4, 710, 700, 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe', 'C:\\Windows\\System32\\svchost.exe', { subjectSid: 'S-1-5-19', subjectLogonId: '0x3e5' }),
    ]);
    expect(flagged).toEqual([]);
    expect(count).toBe(0);
  });

  it('flags a child made by another logon than its parent’s, with the token it inherited from that parent', () => {
    const { count, byPid } = run([
      explorer(),
      // spoolsv runs as SYSTEM (made by services.exe with the same token).
      sec(2, 1500, 600, 'C:\\Windows\\System32\\spoolsv.exe', 'C:\\Windows\\System32\\services.exe', SYSTEM),
      // An elevated alice process (logon 0x5a111) names spoolsv as parent: the child gets spoolsv's SYSTEM token.
      sec(5, 1600, 1500, 'C:\\Windows\\System32\\rundll32.exe', 'C:\\Windows\\System32\\spoolsv.exe', { ...alice('0x5a111'), targetSid: 'S-1-5-18', targetLogonId: '0x3e7' }),
    ]);
    expect(count).toBe(1);
    const spoof = byPid(1600).spoof!;
    expect(spoof).toMatchObject({ reason: 'creator-logon-mismatch', creatorAccount: 'CORP\\alice (logon 0x5a111)' });
    expect(spoof.fields.map((f) => [f.field, f.value, f.expected])).toEqual([
      ['SubjectLogonId', '0x5a111', '0x3e7'],
      ['TargetLogonId', '0x3e7', '0x0 or 0x5a111'],
    ]);
    expect(spoof.fields[0].source).toMatch(/recorded parent's logon: SubjectLogonId of its 4688 \(event \d+\), whose TargetLogonId 0x0/);
    expect(spoof.evidenceEventIds).toEqual([byPid(1600).eventId, byPid(1500).eventId]);
    // The tree keeps the parent the log recorded.
    expect(byPid(1600).parent?.pid).toBe(1500);
  });

  it('calls a UAC elevation an elevation: SYSTEM gave a full token and named the requester', () => {
    const { count, byPid } = run([
      explorer(),
      sec(3, 4300, 4000, PS, EXPLORER, { ...SYSTEM, targetSid: ALICE, targetLogonId: '0x5a111', elevation: '%%1937' }),
      // The elevated shell's own children are made by its elevated logon: not flagged.
      sec(4, 4400, 4300, 'C:\\Windows\\System32\\net.exe', PS, alice('0x5a111')),
    ]);
    expect(count).toBe(0);
    expect(byPid(4300).spoof).toMatchObject({ reason: 'elevation', fields: [{ field: 'SubjectLogonId', value: '0x3e7', expected: '0x5a000' }] });
    expect(byPid(4400).spoof).toBeNull();
  });

  it('checks a Secondary Logon child against who asked for its session, not against SYSTEM', () => {
    const runas = 'C:\\Windows\\System32\\runas.exe';
    const { count, byPid } = run([
      explorer(),
      sec(2, 4100, 4000, runas, EXPLORER, alice('0x5a000')),
      seclogon(2.5, '0x5a000', '0x6b000'),
      sec(3, 4200, 4100, CMD, runas, { ...SYSTEM, targetSid: 'S-1-5-21-1111-2222-3333-1105', targetLogonId: '0x6b000' }),
      // MalSeclogon: seclogon is told the caller is lsass (never seen starting), but alice asked.
      seclogon(4, '0x5a000', '0x7c000'),
      sec(4.01, 4500, 636, 'C:\\Users\\alice\\MalSeclogon.exe', 'C:\\Windows\\System32\\lsass.exe', { ...SYSTEM, targetSid: ALICE, targetLogonId: '0x7c000' }),
    ]);
    expect(byPid(4200).spoof).toBeNull();
    expect(count).toBe(1);
    const s = byPid(4500).spoof!;
    expect(s.reason).toBe('creator-logon-mismatch');
    expect(s.creatorAccount).toBe('CORP\\alice (logon 0x5a000)');
    expect(s.fields).toEqual([
      { field: expect.stringMatching(/^SubjectLogonId of the Secondary Logon 4624 \(event \d+\), who asked for its logon 0x7c000$/), value: '0x5a000', expected: '0x3e7', source: "the recorded parent's logon: lsass.exe always runs as SYSTEM" },
    ]);
    expect(s.evidenceEventIds).toHaveLength(2);
  });

  it('flags SYSTEM creating for a user’s process when no Secondary Logon event explains it', () => {
    const { byPid } = run([explorer(), sec(3, 4600, 4000, CMD, EXPLORER, { ...SYSTEM, targetSid: 'S-1-5-18', targetLogonId: '0x0' })]);
    expect(byPid(4600).spoof).toMatchObject({ reason: 'creator-logon-mismatch', fields: [{ field: 'SubjectLogonId', value: '0x3e7', expected: '0x5a000' }] });
  });

  it('flags an inherited token when the parent was never seen: an ordinary account made a SYSTEM process', () => {
    const { byPid } = run([sec(5, 5268, 900, 'C:\\Windows\\System32\\notepad.exe', 'C:\\Program Files\\Agent\\agent.exe', { ...alice('0x16e3db3'), targetSid: 'S-1-5-18', targetUser: 'CORP\\WS01$', targetLogonId: '0x3e7' })]);
    const s = byPid(5268).spoof!;
    expect(s.reason).toBe('inherited-token');
    expect(s.fields.map((f) => [f.field, f.value, f.expected])).toEqual([['TargetLogonId', '0x3e7 (CORP\\WS01$)', '0x0 or 0x16e3db3']]);
    // A service account may hand out other tokens (CreateProcessAsUser): not flagged.
    expect(run([sec(5, 5268, 900, 'C:\\x.exe', 'C:\\agent.exe', { subjectSid: 'S-1-5-20', subjectLogonId: '0x3e4', targetSid: ALICE, targetLogonId: '0x5a000' })]).byPid(5268).spoof).toBeNull();
  });

  it('knows the logon of processes that only run as SYSTEM, even never seen starting', () => {
    const { byPid } = run([sec(5, 5268, 636, 'C:\\Windows\\System32\\lsass.exe', 'C:\\Windows\\System32\\lsass.exe', { ...alice('0x16e3db3'), targetSid: 'S-1-5-18', targetLogonId: '0x3e7' })]);
    expect(byPid(5268).spoof).toMatchObject({ reason: 'creator-logon-mismatch' });
    expect(byPid(5268).spoof!.fields[0]).toMatchObject({ field: 'SubjectLogonId', expected: '0x3e7', source: "the recorded parent's logon: lsass.exe always runs as SYSTEM" });
  });

  it('before Windows 10 (no Target), trusts a parent’s Subject only when an ordinary account made it', () => {
    const pre = (t: number, pid: number, ppid: number, image: string, parentImage: string, l: Parameters<typeof logon>[0]) => start(t, pid, ppid, image, { parentImage, logon: logon(l) });
    const python = 'C:\\Python27\\python.exe';
    const { byPid } = run([
      pre(1, 1264, 300, python, EXPLORER, { subjectSid: ALICE, subjectLogonId: '0x13765', elevation: '%%1938' }),
      pre(2, 1456, 1264, 'C:\\Windows\\System32\\wusa.exe', python, { ...SYSTEM, elevation: '%%1937' }),
      pre(3, 3188, 1264, CMD, python, { ...SYSTEM, elevation: '%%1936' }),
      // WmiPrvSE, started by SYSTEM, runs as NETWORK SERVICE: its 4688 cannot say so, so its child is not compared.
      pre(4, 2792, 584, 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe', 'C:\\Windows\\System32\\svchost.exe', SYSTEM),
      pre(5, 1060, 2792, 'C:\\Windows\\System32\\calc.exe', 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe', { subjectSid: 'S-1-5-20', subjectLogonId: '0x3e4' }),
    ]);
    expect(byPid(1456).spoof?.reason).toBe('elevation');
    expect(byPid(3188).spoof).toMatchObject({ reason: 'creator-logon-mismatch', fields: [{ value: '0x3e7', expected: '0x13765', source: expect.stringContaining('made by an ordinary account') }] });
    expect(byPid(1060).spoof).toBeNull();
  });

  it('does not compare with a process that merely reused the pid (another image than the event names)', () => {
    const { byPid } = run([
      sec(1, 636, 500, 'C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\System32\\services.exe', { subjectSid: 'S-1-5-19', subjectLogonId: '0x3e5' }),
      sec(9, 5268, 636, CMD, 'C:\\Program Files\\Other\\tool.exe', alice('0x5a000')),
    ]);
    expect(byPid(5268).spoof).toBeNull();
  });

  it('cannot see a spoof within one logon (the child of explorer that winword made): nothing in 4688 disagrees', () => {
    const { byPid } = run([explorer(), sec(2, 4700, 4000, 'C:\\Program Files\\Office\\WINWORD.EXE', EXPLORER, alice('0x5a000')), sec(3, 4800, 4000, PS, EXPLORER, alice('0x5a000'))]);
    expect(byPid(4800).spoof).toBeNull();
  });

  it('reads logon ids written in hex of any case or in decimal', () => {
    expect(normLogonId('0x00003E7')).toBe('0x3e7');
    expect(normLogonId(999)).toBe('0x3e7');
    expect(normLogonId('999')).toBe('0x3e7');
    expect(normLogonId('-')).toBeNull();
    expect(normLogonId(null)).toBeNull();
  });
});
