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

  it('maps flat NXLog records, preferring the zoned @timestamp to the host-local EventTime', () => {
    expect(rows[1]).toMatchObject({
      '@timestamp': '2024-03-05T14:00:01.500Z',
      'event.timezone': 'Z',
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
