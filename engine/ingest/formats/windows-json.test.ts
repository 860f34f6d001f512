import { describe, expect, it } from 'vitest';
import { parseLines, parseOne } from '../run-lines';
import { collect, fixtureBytes, fixtureLines, piecesOf } from './cloud/node/test-streams';
import { jsonlFormat } from './jsonl';
import { windowsJsonLinesFormat, windowsJsonStreamFormat } from './windows-json';

const ctx = { sourceName: 'win.json', referenceTime: new Date() };
const lines = fixtureLines('../../fixtures/windows-json.jsonl');
const pretty = fixtureBytes('../../fixtures/windows-json-pretty.json');
const enc = new TextEncoder();

describe('Windows events as JSON lines', () => {
  const rows = parseLines(windowsJsonLinesFormat.create(ctx), lines).map((r) => r.result);

  it('maps evtx_dump-shaped events like the EVTX reader, keeping microseconds', () => {
    expect(rows[0]).toMatchObject({
      '@timestamp': '2024-03-05T10:20:30.123456Z',
      'event.timezone': 'Z',
      'event.code': '1',
      'event.dataset': 'windows.microsoft-windows-sysmon/operational',
      'event.action': 'process-created',
      'host.name': 'ws-07.corp.example',
      'user.name': 'lee',
      'process.pid': 5120,
      'process.name': 'cmd.exe',
      'process.command_line': 'cmd.exe /c whoami',
      'process.parent.executable': 'C:\\Windows\\explorer.exe',
      message: null,
      raw: lines[0],
    });
  });

  it('maps flat NXLog records: the host-local EventTime, its zone told by the shipper\'s @timestamp', () => {
    // EventTime 09:00:01 (no zone), shipped at 14:00:01.5Z: the host was at -05:00, and the event is its own time, not the shipper's.
    expect(rows[1]).toMatchObject({
      '@timestamp': '2024-03-05T14:00:01.000Z',
      'event.timezone': '-05:00',
      'event.code': '4624',
      'event.dataset': 'windows.security',
      'event.action': 'logged-in',
      'event.outcome': 'success',
      'host.name': 'DC01.corp.example',
      'user.name': 'lee',
      'source.ip': '192.0.2.41',
      'source.port': 50123,
      message: 'An account was successfully logged on.',
    });
    // Only a zoneless stamp: read as UTC, and the zone is said to be unknown.
    expect(rows[2]).toMatchObject({ '@timestamp': '2024-03-05T09:05:00.000Z', 'event.timezone': null, 'event.action': 'created-process', 'process.pid': 0x1a2b, 'process.parent.pid': 0x1400 });
  });

  it('keeps the shipper\'s time when EventTime cannot be tied to it (a lag past two minutes, or no zoned stamp)', () => {
    const p = windowsJsonLinesFormat.create(ctx);
    const late = parseOne(p, '{"@timestamp":"2024-03-05T14:07:30.000Z","EventTime":"2024-03-05 09:00:01","Hostname":"h","EventID":4624,"Channel":"Security"}');
    expect(late).toMatchObject({ '@timestamp': '2024-03-05T14:07:30.000Z', 'event.timezone': 'Z' });
  });

  it('reads Sysmon\'s own UtcTime, and its ProcessId from the message when NXLog dropped it', () => {
    const p = windowsJsonLinesFormat.create(ctx);
    // NXLog without ExecutionProcessID: "ProcessID" is the Sysmon service's own pid, not the new process's.
    const line = JSON.stringify({
      '@timestamp': '2019-12-05T01:49:48.249Z', EventTime: '2019-12-04 20:49:48', Hostname: 'ws-1', EventID: '1', SourceName: 'Microsoft-Windows-Sysmon', Channel: 'Microsoft-Windows-Sysmon/Operational',
      ProcessID: '2284', UtcTime: '2019-12-05 01:49:48.016', Image: 'C:\\Windows\\System32\\gpupdate.exe', ParentProcessId: '1160',
      Message: 'Process Create:\r\nRuleName: \r\nUtcTime: 2019-12-05 01:49:48.016\r\nProcessGuid: {a158f72c-623c-5de8-0000-0010b14b7400}\r\nProcessId: 3140\r\nImage: C:\\Windows\\System32\\gpupdate.exe',
    });
    expect(parseOne(p, line)).toMatchObject({ '@timestamp': '2019-12-05T01:49:48.016Z', 'event.timezone': 'Z', 'process.pid': 3140, 'process.parent.pid': 1160, 'process.name': 'gpupdate.exe', raw: line });
    // With ExecutionProcessID beside it, "ProcessID" is the event's own field.
    const net = parseOne(p, '{"EventTime":"2024-01-01 00:00:00","Hostname":"h","EventID":5156,"Channel":"Security","ExecutionProcessID":"4","ProcessID":"3936"}');
    expect(net).toMatchObject({ 'process.pid': 3936 });
    const noExec = parseOne(p, '{"EventTime":"2024-01-01 00:00:00","Hostname":"h","EventID":5156,"Channel":"Security","ProcessID":"4"}');
    expect(noExec).toMatchObject({ 'process.pid': null });
  });

  it('opens Azure Monitor records: EventData as XML (SecurityEvent) or JSON text (WindowsEvent), TimeGenerated as the time', () => {
    const p = windowsJsonLinesFormat.create(ctx);
    const xml = JSON.stringify({
      TimeGenerated: '2022-05-13T08:54:05.21Z', Computer: 'WORKSTATION5', EventSourceName: 'Microsoft-Windows-Security-Auditing', Channel: 'Security', EventID: 5156,
      EventData: '<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">\r\n  <Data Name="ProcessID">3936</Data>\r\n  <Data Name="SourceAddress">192.168.3.5</Data>\r\n  <Data Name="SourcePort">50452</Data>\r\n  <Data Name="DestAddress">192.168.2.5</Data>\r\n  <Data Name="DestPort">8080</Data>\r\n  <Data Name="Note">a &lt;b&gt; &amp; c</Data>\r\n  <Data Name="Empty" />\r\n</EventData>',
    });
    expect(windowsJsonLinesFormat.sniff([xml])).toBeGreaterThan(jsonlFormat.sniff([xml]));
    expect(parseOne(p, xml)).toMatchObject({ '@timestamp': '2022-05-13T08:54:05.210Z', 'event.timezone': 'Z', 'host.name': 'WORKSTATION5', 'process.pid': 3936, 'source.ip': '192.168.3.5', 'source.port': 50452, 'destination.ip': '192.168.2.5', 'destination.port': 8080, raw: xml });
    const json = JSON.stringify({
      TimeGenerated: '2022-05-13T08:54:06.347Z', Provider: 'Microsoft-Windows-Sysmon', Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WORKSTATION5', EventID: 1,
      EventData: JSON.stringify({ UtcTime: '2022-05-13T08:54:05.1230000Z', ProcessId: '3936', Image: 'C:\\tomcat\\bin\\tomcat9.exe', CommandLine: 'tomcat9.exe //RS//Tomcat9', ParentProcessId: '700' }),
    });
    expect(parseOne(p, json)).toMatchObject({ '@timestamp': '2022-05-13T08:54:05.123000Z', 'event.action': 'process-created', 'process.pid': 3936, 'process.parent.pid': 700, 'process.name': 'tomcat9.exe', 'process.command_line': 'tomcat9.exe //RS//Tomcat9' });
  });

  it('spells classic channel names one way, so actions agree across exports', () => {
    const p = windowsJsonLinesFormat.create(ctx);
    const lower = parseOne(p, '{"EventID":5158,"Channel":"security","Hostname":"h","EventTime":"2024-01-01 00:00:00"}');
    const upper = parseOne(p, '{"EventID":5158,"Channel":"Security","Hostname":"h","EventTime":"2024-01-01 00:00:00"}');
    expect(lower).toMatchObject({ 'event.action': 'Security/5158', 'event.dataset': 'windows.security' });
    expect({ ...lower, raw: null }).toEqual({ ...upper, raw: null });
  });

  it('rejects unreadable times and bad lines with reasons', () => {
    const p = windowsJsonLinesFormat.create(ctx);
    expect(parseOne(p, '{"EventID":1,"Channel":"System","Hostname":"h","EventTime":"yesterday"}')).toEqual({ reject: 'unreadable time in "EventTime": yesterday' });
    expect(parseOne(p, '{"Event":')).toMatchObject({ reject: expect.stringMatching(/^invalid JSON/) });
  });

  it('out-sniffs generic jsonl on Windows lines only', () => {
    expect(windowsJsonLinesFormat.sniff(lines)).toBeGreaterThan(jsonlFormat.sniff(lines));
    expect(windowsJsonLinesFormat.sniff(lines.slice(1))).toBeGreaterThan(0.9);
    expect(windowsJsonLinesFormat.sniff(fixtureLines('okta.jsonl'))).toBe(0);
    expect(windowsJsonLinesFormat.sniff(['{"EventID":4624,"message":"no channel, no host"}'])).toBe(0);
  });
});

describe('Windows events as concatenated JSON objects', () => {
  const parse = (bytes: Uint8Array, size?: number) => collect(windowsJsonStreamFormat.parse(piecesOf(bytes, size), ctx));

  it('reads pretty-printed objects one after another, numbered by the line they start on', async () => {
    const items = await parse(pretty);
    expect(items.map((i) => i.line)).toEqual([2, 22]);
    expect(items[0].result).toMatchObject({ '@timestamp': '2024-03-06T01:02:03.000004Z', 'event.action': 'logon-failed', 'event.outcome': 'failure', 'user.name': 'admin', 'source.ip': '203.0.113.99' });
    expect(items[1].result).toMatchObject({ 'event.code': '1102', 'event.action': 'audit-log-cleared', 'user.name': 'mallory' });
    expect(JSON.parse(String((items[0].result as { raw: string }).raw)).Event.EventData.FailureReason).toBe('%%2313 } { " [');
    for (const size of [1, 3, 50]) expect(await parse(pretty, size)).toEqual(items);
  });

  it('reads a JSON array of events, and rejects stray text between objects', async () => {
    const items = await parse(enc.encode(`[${lines[1]},\n${lines[2]}]\nnot json\n${lines[0]}`));
    expect(items.map((i) => ('reject' in i.result ? i.result.reject : i.result['event.code']))).toEqual(['4624', '4688', 'text between JSON objects: not json', '1']);
  });

  it('claims concatenated or array layouts and leaves JSON lines to the line format', () => {
    expect(windowsJsonStreamFormat.sniff(pretty, [])).toBe(0.95);
    expect(windowsJsonStreamFormat.sniff(enc.encode(`[${lines[1]},${lines[2]}]`), [])).toBe(0.95);
    expect(windowsJsonStreamFormat.sniff(enc.encode(lines.join('\n')), [])).toBe(0);
    expect(windowsJsonStreamFormat.sniff(fixtureBytes('cloudtrail-records.json'), [])).toBe(0);
  });
});
