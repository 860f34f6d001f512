import { describe, expect, it } from 'vitest';
import type { SpoofFlag } from '../../../engine/views/process-tree/tree-types';
import { spoofText } from './spoof-text';

const base: SpoofFlag = { reason: 'creator-logon-mismatch', creatorId: null, creatorPid: null, creatorImage: null, creatorAccount: 'MSEDGEWIN10\\IEUser (logon 0x16e3db3)', fields: [], evidenceEventIds: [1] };

describe('spoofText', () => {
  it('names the creating account and every field that disagrees, with where the parent’s value comes from', () => {
    const t = spoofText({
      ...base,
      fields: [
        { field: 'SubjectLogonId', value: '0x16e3db3', expected: '0x3e7', source: "the recorded parent's logon: lsass.exe always runs as SYSTEM" },
        { field: 'TargetLogonId', value: '0x3e7', expected: '0x0 or 0x16e3db3', source: "a new process gets its creator's token unless handed another; this one has the recorded parent's" },
      ],
    });
    expect(t.badge).toBe('spoofed parent');
    expect(t.creator).toBe('Creating account: MSEDGEWIN10\\IEUser (logon 0x16e3db3)');
    expect(t.fields).toEqual([
      "SubjectLogonId is 0x16e3db3, expected 0x3e7: the recorded parent's logon: lsass.exe always runs as SYSTEM.",
      "TargetLogonId is 0x3e7, expected 0x0 or 0x16e3db3: a new process gets its creator's token unless handed another; this one has the recorded parent's.",
    ]);
    expect(t.why).toMatch(/Creator Subject/);
  });

  it('calls a UAC elevation what it is, and prefers the creating process when Sysmon names it', () => {
    const e = spoofText({ ...base, reason: 'elevation', creatorAccount: 'WORKGROUP\\WS01$ (logon 0x3e7)' });
    expect([e.badge, e.title, e.creator]).toEqual(['elevated (UAC)', 'Parent by UAC elevation', 'Creating account: WORKGROUP\\WS01$ (logon 0x3e7)']);
    const s = spoofText({ ...base, reason: 'creator-mismatch', creatorPid: 8004, creatorImage: 'C:\\powershell.exe' });
    expect(s.creator).toBe('Real creator: 8004 C:\\powershell.exe');
  });
});
