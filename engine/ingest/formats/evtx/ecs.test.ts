import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../../testing/node/corpus';
import { filesUnder } from './node/evtx-test-files';
import { readEvtx, windowsEventToEcs } from './index';

const system = (id: number | object, channel: string, extra: object = {}) => ({
  Provider: { '#attributes': { Name: 'P', Guid: 'G' } },
  EventID: id,
  Level: 0,
  Keywords: '0x8020000000000000',
  TimeCreated: { '#attributes': { SystemTime: '2019-03-19T23:34:25.803921Z' } },
  Channel: channel,
  Computer: 'WS1.corp.local',
  ...extra,
});

describe('windowsEventToEcs', () => {
  it('maps a Sysmon process creation (evtx_dump shape)', () => {
    const row = windowsEventToEcs({
      Event: {
        System: system(1, 'Microsoft-Windows-Sysmon/Operational', { Keywords: '0x8000000000000000', Level: 4 }),
        EventData: { ProcessId: 4460, Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c whoami', User: 'CORP\\alice', ParentProcessId: 700, ParentImage: 'C:\\Windows\\explorer.exe' },
      },
    });
    expect(row).toMatchObject({
      '@timestamp': '2019-03-19T23:34:25.803921Z', 'event.code': '1', 'event.dataset': 'windows.microsoft-windows-sysmon/operational',
      'event.action': 'process-created', 'event.category': 'process', 'event.outcome': null, 'log.level': 'information',
      'host.name': 'WS1.corp.local', 'user.name': 'alice', 'process.pid': 4460, 'process.executable': 'C:\\Windows\\System32\\cmd.exe',
      'process.name': 'cmd.exe', 'process.command_line': 'cmd /c whoami', 'process.parent.pid': 700, 'process.parent.executable': 'C:\\Windows\\explorer.exe',
    });
  });

  it('maps logons with outcome, address and port, and a Qualifiers-wrapped EventID', () => {
    const ok = windowsEventToEcs({ Event: { System: system(4624, 'Security'), EventData: { SubjectUserName: '-', TargetUserName: 'bob', IpAddress: '10.0.0.5', IpPort: '51234', ProcessId: '0x0' } } });
    expect(ok).toMatchObject({ 'event.code': '4624', 'event.outcome': 'success', 'user.name': 'bob', 'source.ip': '10.0.0.5', 'source.port': 51234, 'event.dataset': 'windows.security' });
    const failed = windowsEventToEcs({ Event: { System: system({ '#attributes': { Qualifiers: 0 }, '#text': 4625 }, 'Security', { Keywords: '0x8010000000000000' }), EventData: { TargetUserName: 'bob', IpAddress: '-', IpPort: '-' } } });
    expect(failed).toMatchObject({ 'event.code': '4625', 'event.outcome': 'failure', 'source.ip': null, 'source.port': null, 'event.action': 'logon-failed' });
  });

  it('reads 4688 pids the Security way: NewProcessId is the process, ProcessId its creator', () => {
    const row = windowsEventToEcs({ Event: { System: system(4688, 'Security'), EventData: { NewProcessId: '0x7d8', NewProcessName: 'C:\\Windows\\System32\\sppsvc.exe', ProcessId: '0x2b8', ParentProcessName: 'C:\\Windows\\System32\\services.exe', SubjectUserName: 'DC$', TargetUserName: '-' } } });
    expect(row).toMatchObject({ 'process.pid': 0x7d8, 'process.parent.pid': 0x2b8, 'process.name': 'sppsvc.exe', 'user.name': 'DC$', 'event.outcome': 'success' });
  });

  it('takes UserData fields and falls back to channel/id for unknown events', () => {
    const row = windowsEventToEcs({ Event: { System: system(5858, 'Microsoft-Windows-WMI-Activity/Operational', { Keywords: '0x4000000000000000' }), UserData: { Operation_ClientFailure: { '#attributes': { xmlns: 'x' }, User: 'PC\\eve', ClientProcessId: 25920 } } } });
    expect(row).toMatchObject({ 'event.action': 'Microsoft-Windows-WMI-Activity/Operational/5858', 'user.name': 'eve', 'event.outcome': null });
  });

  it('maps the flat NXLog shape (OTRF), reading a zone-less EventTime as UTC', () => {
    const row = windowsEventToEcs({ EventID: 4688, Channel: 'security', Hostname: 'MORDORDC.mordor.local', EventTime: '2020-09-21 13:29:18', NewProcessName: 'C:\\Windows\\System32\\cmd.exe', NewProcessId: '0x10', ProcessId: '0x2b8', CommandLine: 'cmd', SubjectUserName: 'pgustavo', EventType: 'AUDIT_SUCCESS' });
    expect(row).toMatchObject({ '@timestamp': '2020-09-21T13:29:18Z', 'event.code': '4688', 'host.name': 'MORDORDC.mordor.local', 'event.dataset': 'windows.security', 'process.pid': 16, 'process.name': 'cmd.exe', 'user.name': 'pgustavo', 'event.outcome': 'success' });
    const sysmon = windowsEventToEcs({ EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', '@timestamp': '2020-06-10T02:50:58.583Z', Keywords: -9223372036854775808, SourceIp: '172.18.38.5', SourcePort: '53', DestinationIp: '192.168.5.2', DestinationPort: '49246', ProcessId: '3548', Image: 'C:\\Windows\\System32\\dns.exe' });
    expect(sysmon).toMatchObject({ '@timestamp': '2020-06-10T02:50:58.583Z', 'source.port': 53, 'destination.ip': '192.168.5.2', 'destination.port': 49246, 'process.pid': 3548, 'event.action': 'network-connection' });
  });
});

const root = corpusRoot();
describe.skipIf(!root)('windowsEventToEcs on real records', () => {
  it('gives every EVTX-ATTACK-SAMPLES record a time, code, dataset and host', () => {
    let n = 0;
    for (const f of filesUnder(join(root!, 'EVTX-ATTACK-SAMPLES'), '.evtx')) {
      for (const item of readEvtx(new Uint8Array(readFileSync(f)))) {
        if (item.kind !== 'record') continue;
        const row = windowsEventToEcs(item.event);
        expect(row['@timestamp']).toBe(item.timeCreated);
        expect(row['event.code']).toMatch(/^\d+$/);
        expect(row['event.dataset']).toMatch(/^windows/);
        expect(row['host.name']).toBeTruthy();
        n++;
      }
    }
    expect(n).toBe(8255);
  });
});
