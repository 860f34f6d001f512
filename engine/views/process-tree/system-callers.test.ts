import { describe, expect, it } from 'vitest';
import { callerModule, openerRole } from './system-callers';

// CallTraces as Sysmon 10 logged them in the OTRF Windows datasets.
const PCASVC =
  'C:\\windows\\SYSTEM32\\ntdll.dll+9c534|C:\\windows\\System32\\KERNELBASE.dll+2726e|c:\\windows\\system32\\pcasvc.dll+13827|c:\\windows\\system32\\pcasvc.dll+f736|C:\\windows\\System32\\KERNEL32.DLL+17bd4|C:\\windows\\SYSTEM32\\ntdll.dll+6ce51';
const CONHOST_V2 = 'C:\\Windows\\SYSTEM32\\ntdll.dll+a6084|C:\\Windows\\SYSTEM32\\ConhostV2.dll+5c07|C:\\Windows\\SYSTEM32\\ConhostV2.dll+76ab|C:\\Windows\\System32\\KERNEL32.DLL+84d4|C:\\Windows\\SYSTEM32\\ntdll.dll+51821';
const CONHOST =
  'C:\\windows\\SYSTEM32\\ntdll.dll+9c534|C:\\windows\\System32\\KERNELBASE.dll+2726e|C:\\windows\\system32\\conhost.exe+1260d|C:\\windows\\system32\\conhost.exe+12505|C:\\windows\\System32\\KERNEL32.DLL+17bd4|C:\\windows\\SYSTEM32\\ntdll.dll+6ce51';
const APPINFO_CREATE =
  'C:\\windows\\SYSTEM32\\ntdll.dll+9d8e4|C:\\windows\\System32\\KERNELBASE.dll+59e1a|C:\\windows\\System32\\KERNELBASE.dll+55ec3|C:\\windows\\System32\\KERNEL32.DLL+1c9af|c:\\windows\\system32\\appinfo.dll+2c3d|C:\\windows\\System32\\RPCRT4.dll+76a53';
const CSR = 'C:\\Windows\\SYSTEM32\\ntdll.dll+9c524|C:\\Windows\\system32\\basesrv.DLL+2fba|C:\\Windows\\SYSTEM32\\CSRSRV.dll+5af4|C:\\Windows\\SYSTEM32\\ntdll.dll+6ce7f';
// sysmon_10_1_ppid_spoofing.evtx: powershell's creation handle on cmd.exe, from JIT code.
const POWERSHELL = 'C:\\Windows\\SYSTEM32\\ntdll.dll+a0fa4|C:\\Windows\\System32\\KERNELBASE.dll+48142|C:\\Windows\\System32\\KERNEL32.DLL+1c153|UNKNOWN(00007FF9A864DCCE)';

const svchost = 'C:\\windows\\system32\\svchost.exe';

describe('callerModule', () => {
  it('is the first frame past ntdll, kernelbase and kernel32', () => {
    expect(callerModule(PCASVC)).toBe('c:\\windows\\system32\\pcasvc.dll');
    expect(callerModule(APPINFO_CREATE)).toBe('c:\\windows\\system32\\appinfo.dll');
    expect(callerModule(CSR)).toBe('C:\\Windows\\system32\\basesrv.DLL');
    expect(callerModule(POWERSHELL)).toBe('UNKNOWN(00007FF9A864DCCE)');
    expect(callerModule('C:\\Windows\\SYSTEM32\\ntdll.dll+9c524')).toBeNull();
  });
});

describe('openerRole', () => {
  it('knows csrss by its image in System32, with or without a CallTrace', () => {
    expect(openerRole({ image: 'C:\\Windows\\system32\\csrss.exe', callTrace: CSR })).toBe('bookkeeping');
    expect(openerRole({ image: 'D:\\WINDOWS\\System32\\CSRSS.EXE', callTrace: null })).toBe('bookkeeping');
    expect(openerRole({ image: 'C:\\Users\\Public\\csrss.exe', callTrace: null })).toBeNull();
    expect(openerRole({ image: 'C:\\Windows\\System32\\csrss.exe.exe', callTrace: null })).toBeNull();
  });

  it('knows PcaSvc and the console host by the module that called, and AppInfo as an elevation', () => {
    expect(openerRole({ image: svchost, callTrace: PCASVC })).toBe('bookkeeping');
    expect(openerRole({ image: 'C:\\Windows\\system32\\conhost.exe', callTrace: CONHOST_V2 })).toBe('bookkeeping');
    expect(openerRole({ image: 'C:\\windows\\system32\\conhost.exe', callTrace: CONHOST })).toBe('bookkeeping');
    expect(openerRole({ image: svchost, callTrace: APPINFO_CREATE })).toBe('elevation');
  });

  it('knows nothing of other callers, of those modules outside System32, or of a log without CallTrace', () => {
    expect(openerRole({ image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', callTrace: POWERSHELL })).toBeNull();
    expect(openerRole({ image: svchost, callTrace: PCASVC.replace(/c:\\windows\\system32\\pcasvc/g, 'C:\\Users\\Public\\pcasvc') })).toBeNull();
    expect(openerRole({ image: svchost, callTrace: PCASVC.replace(/c:\\windows\\system32\\pcasvc/g, 'C:\\Windows\\System32\\x\\pcasvc') })).toBeNull();
    // pcasvc.dll deeper in the stack than the caller does not make the caller PcaSvc.
    expect(openerRole({ image: svchost, callTrace: `${POWERSHELL}|c:\\windows\\system32\\pcasvc.dll+13827` })).toBeNull();
    expect(openerRole({ image: svchost, callTrace: null })).toBeNull();
  });
});
