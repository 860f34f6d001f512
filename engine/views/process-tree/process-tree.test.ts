/**
 * The whole path over DuckDB: rows as the real parsers produce them (evtx_dump
 * JSON through windowsEventToEcs; auditd and ECS JSON lines through the importer).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCase, type OpenCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import { windowsEventToEcs } from '../../ingest/formats/evtx';
import type { SqlPort } from '../../sql/port';
import { buildProcessForest } from './process-tree';
import { selectProcessRecords } from './process-records';
import { walkForest } from './shape-forest';
import type { ProcessForest } from './tree-types';

let open: OpenCase | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

let nextId = 1;
function win(eventId: number, channel: string, computer: string, time: string, data: Record<string, unknown>) {
  const event = { Event: { System: { EventID: eventId, Channel: channel, Computer: computer, TimeCreated: { '#attributes': { SystemTime: time } } }, EventData: data } };
  return { ...windowsEventToEcs(event), 'event.id': nextId++, raw: JSON.stringify(event) };
}
const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const sysmon1 = (t: string, guid: string, pid: number, image: string, pguid: string, ppid: number, pimage: string) =>
  win(1, SYSMON, 'ws1', t, { ProcessGuid: guid, ProcessId: pid, Image: image, CommandLine: `"${image}"`, User: 'CORP\\alice', ParentProcessGuid: pguid, ParentProcessId: ppid, ParentImage: pimage, ParentCommandLine: pimage });
const sec4688 = (t: string, pid: string, image: string, ppid: string, pimage: string) =>
  win(4688, 'Security', 'dc1', t, { NewProcessId: pid, NewProcessName: image, ProcessId: ppid, ParentProcessName: pimage, SubjectUserName: 'DC$', CommandLine: image });

async function insert(port: SqlPort, rows: Record<string, unknown>[]) {
  for (const r of rows) {
    const cols = Object.keys(r).filter((k) => r[k] !== undefined);
    await port.exec(`INSERT INTO events_raw (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => r[c] as string | number | null));
  }
}

const lines = (f: ProcessForest) => [...walkForest(f.roots)].map(([n, d]) => `${'  '.repeat(d - 1)}${n.pid} ${n.image}${n.synthetic ? ' (synthetic)' : ''}${n.spoof ? ' SPOOFED' : ''}${n.signals.length ? ' SIGNAL' : ''}`);

describe('buildProcessForest', () => {
  it('builds forests from Sysmon, Security 4688, auditd and ECS process events, per host', async () => {
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-tree-')));
    const cmd = sysmon1('2024-05-01T10:00:03Z', '{B-CMD}', 7708, 'C:\\Windows\\System32\\cmd.exe', '{B-EXPLORER}', 4668, 'C:\\Windows\\explorer.exe');
    await insert(open.port, [
      sysmon1('2024-05-01T10:00:01Z', '{B-EXPLORER}', 4668, 'C:\\Windows\\explorer.exe', '{B-USERINIT}', 4600, 'C:\\Windows\\System32\\userinit.exe'),
      sysmon1('2024-05-01T10:00:02Z', '{B-PS}', 8004, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '{B-EXPLORER}', 4668, 'C:\\Windows\\explorer.exe'),
      // GUIDs with and without braces name the same process.
      win(10, SYSMON, 'ws1', '2024-05-01T10:00:02.900Z', { SourceProcessGUID: 'b-ps', SourceProcessId: 8004, SourceImage: 'powershell.exe', TargetProcessGUID: '{B-EXPLORER}', GrantedAccess: '0x1f3fff' }),
      cmd,
      win(10, SYSMON, 'ws1', '2024-05-01T10:00:03.001Z', { SourceProcessGUID: '{B-PS}', SourceProcessId: 8004, SourceImage: 'powershell.exe', TargetProcessGUID: '{B-CMD}', GrantedAccess: '0x1fffff' }),
      // Security: services (0x2b8) starts 0x7d8, which exits; the pid is reused by a process of a second services instance.
      sec4688('2024-05-01T09:00:00Z', '0x2b8', 'C:\\Windows\\System32\\services.exe', '0x1f0', 'C:\\Windows\\System32\\wininit.exe'),
      sec4688('2024-05-01T09:00:01Z', '0x7d8', 'C:\\Windows\\System32\\svchost.exe', '0x2b8', 'C:\\Windows\\System32\\services.exe'),
      win(4689, 'Security', 'dc1', '2024-05-01T09:00:05Z', { ProcessId: '0x7d8', ProcessName: 'C:\\Windows\\System32\\svchost.exe' }),
      sec4688('2024-05-01T09:00:06Z', '0x9c4', 'C:\\Windows\\System32\\whoami.exe', '0x7d8', 'C:\\Windows\\System32\\svchost.exe'),
    ]);
    await open.port.exec(`INSERT INTO signals (id, rule_id, rule_title, level, event_ids) VALUES ('sig1', 'r1', 'Spoofed cmd', 'high', [${cmd['event.id']}])`);
    const dir = await mkdtemp(join(tmpdir(), 'vestige-tree-src-'));
    const audit = join(dir, 'audit.log');
    await writeFile(audit, [
      'type=SYSCALL msg=audit(1714557600.000:10): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=500 auid=0 uid=0 comm="bash" exe="/usr/bin/bash"',
      'type=EXECVE msg=audit(1714557600.000:10): argc=1 a0="bash"',
      'type=SYSCALL msg=audit(1714557601.000:11): arch=c000003e syscall=59 success=yes exit=0 ppid=500 pid=501 auid=0 uid=0 comm="id" exe="/usr/bin/id"',
      'type=EXECVE msg=audit(1714557601.000:11): argc=1 a0="id"',
      'type=SYSCALL msg=audit(1714557602.000:12): arch=c000003e syscall=59 success=no exit=-2 ppid=500 pid=502 auid=0 uid=0 comm="bash" exe="/usr/bin/bash"',
    ].map((l) => `node=lnx1 ${l}`).join('\n') + '\n');
    const ecs = join(dir, 'endpoint.jsonl');
    const proc = (t: string, pid: number, ppid: number, exe: string) =>
      JSON.stringify({ '@timestamp': t, event: { category: ['process'], type: ['start'], action: 'exec' }, host: { name: 'web1' }, process: { pid, executable: exe, command_line: exe, parent: { pid: ppid } } });
    await writeFile(ecs, [proc('2024-05-01T08:00:00Z', 900, 1, '/usr/sbin/sshd'), proc('2024-05-01T08:00:01Z', 901, 900, '/bin/bash'), JSON.stringify({ '@timestamp': '2024-05-01T08:00:02Z', event: { category: ['network'] }, host: { name: 'web1' }, process: { pid: 902 } })].join('\n') + '\n');
    const reports = await importFiles(open, [audit, ecs]);
    expect(reports.map((r) => [r.format, r.recordsRejected])).toEqual([['auditd', 0], ['jsonl', 0]]);

    const all = await buildProcessForest(open.port);
    expect(all.hosts).toEqual([{ host: 'dc1', processes: 3 }, { host: 'ws1', processes: 3 }, { host: 'lnx1', processes: 2 }, { host: 'web1', processes: 2 }]);
    expect(all.processCount).toBe(10);

    const ws = await buildProcessForest(open.port, { host: 'ws1' });
    expect(lines(ws)).toEqual(['4600 C:\\Windows\\System32\\userinit.exe (synthetic)', '  4668 C:\\Windows\\explorer.exe', '    8004 C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '    7708 C:\\Windows\\System32\\cmd.exe SPOOFED SIGNAL']);
    const spoofed = [...walkForest(ws.roots)].find(([n]) => n.spoof)![0];
    expect(spoofed.spoof).toMatchObject({ reason: 'creator-mismatch', creatorPid: 8004 });
    expect(spoofed.signals).toEqual([{ id: 'sig1', title: 'Spoofed cmd', level: 'high' }]);

    const dc = await buildProcessForest(open.port, { host: 'dc1' });
    expect(lines(dc)).toEqual([
      '496 C:\\Windows\\System32\\wininit.exe (synthetic)',
      '  696 C:\\Windows\\System32\\services.exe',
      '    2008 C:\\Windows\\System32\\svchost.exe',
      // 0x7d8 exited before whoami started: its parent is an unseen later holder of the pid.
      '2008 C:\\Windows\\System32\\svchost.exe (synthetic)',
      '  2500 C:\\Windows\\System32\\whoami.exe',
    ]);

    expect(lines(await buildProcessForest(open.port, { host: 'lnx1' }))).toEqual(['1 null (synthetic)', '  500 /usr/bin/bash', '    501 /usr/bin/id']);
    expect(lines(await buildProcessForest(open.port, { host: 'web1' }))).toEqual(['1 null (synthetic)', '  900 /usr/sbin/sshd', '    901 /bin/bash']);
  });

  it('reads the Sysmon 10 accesses with PROCESS_CREATE_PROCESS, with their CallTrace, and leaves the others in SQL', async () => {
    open = await openCase(await mkdtemp(join(tmpdir(), 'vestige-tree-')));
    const pca = 'C:\\windows\\SYSTEM32\\ntdll.dll+9c534|C:\\windows\\System32\\KERNELBASE.dll+2726e|c:\\windows\\system32\\pcasvc.dll+13827';
    const access = (t: string, grantedAccess: string, callTrace?: string) =>
      win(10, SYSMON, 'ws1', t, { SourceProcessGUID: '{B-SVC}', SourceProcessId: 516, SourceImage: 'C:\\windows\\system32\\svchost.exe', TargetProcessGUID: '{B-CMD}', GrantedAccess: grantedAccess, CallTrace: callTrace });
    await insert(open.port, [access('2024-05-01T10:00:01Z', '0x1FFFFF', pca), access('2024-05-01T10:00:02Z', '0x1000', pca), access('2024-05-01T10:00:03Z', '0x80'), access('2024-05-01T10:00:04Z', 'junk')]);
    const accesses = (await selectProcessRecords(open.port)).filter((r) => r.kind === 'access');
    expect(accesses.map((r) => [r.grantedAccess, r.callTrace, r.sourceGuid, r.image])).toEqual([
      [0x1fffff, pca, 'B-SVC', 'C:\\windows\\system32\\svchost.exe'],
      [0x80, null, 'B-SVC', 'C:\\windows\\system32\\svchost.exe'],
    ]);
  });
});
