import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlPort } from '../../../sql/port';
import { openDuckDb } from '../../../sql/node/duckdb-native';
import { compileOne, loadEvents, matchIds, ruleYaml, type TestEvent } from '../test-support';

const EVENTS: TestEvent[] = [
  { id: 1, ts: '2024-03-05 22:15:00', raw: { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe /c whoami', User: 'Admin', EventID: 4624, Port: 443, ip: '10.1.2.3', When: '2024-03-05 22:15:00' } },
  { id: 2, ts: '2024-03-06 08:00:00', raw: { Image: 'C:\\Tools\\PsExec.exe', CommandLine: 'psexec -accepteula \\\\host cmd', EventID: '4625', Port: '80', ip: '192.168.0.5', ip6: '2001:db8::1', Empty: '', When: '2024-12-31 08:00:00' } },
  { id: 3, raw: { CommandLine: 'powershell -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA', A: 'same', B: 'SAME', Path: 'C:\\a*b', Flag: true, Null: null } },
  { id: 4, message: 'Accepted password for root from 1.2.3.4', raw: { CommandLine: 'echo SW52b2tlLU1pbWlrYXR6 | base64 -d', A: 'same', B: 'same', ip6: 'fe80::1', Multi: 'line1\nline2' } },
  { id: 5, raw: { CommandLine: 'net user /add evil', Image: 'C:\\Windows\\System32\\net.exe', Text: 'c\u0000m\u0000d\u0000' } },
];

let db: SqlPort;
beforeAll(async () => {
  db = await openDuckDb();
  await loadEvents(db, EVENTS);
});
afterAll(async () => db.close());

const sel = (body: string, condition = 'sel') => ruleYaml(`    sel:\n${body.replace(/^/gm, '        ')}\n    condition: ${condition}`);
const ids = async (body: string, condition?: string) => matchIds(db, compileOne(sel(body, condition)));

describe('golden SQL', () => {
  it('endswith + contains|all compile to exact SQL with bound parameters', () => {
    const r = compileOne(sel("Image|endswith: '\\cmd.exe'\nCommandLine|contains|all: ['/c', 'who*mi']"));
    expect(r.sql).toBe(
      `lower("event.dataset") = ? AND ends_with(lower(json_extract_string(raw, '$.Image')), ?) AND contains(lower(json_extract_string(raw, '$.CommandLine')), ?) AND lower(json_extract_string(raw, '$.CommandLine')) LIKE ? ESCAPE '\\'`,
    );
    expect(r.params).toEqual(['test', '\\cmd.exe', '/c', '%who%mi%']);
    expect(r.fields.map((f) => f.name)).toEqual(['event.dataset', 'Image', 'CommandLine']);
  });

  it('never splices a value into the SQL text', () => {
    const r = compileOne(sel("CommandLine: \"x' OR 1=1 --\""));
    expect(r.sql).not.toContain('1=1');
    expect(r.params).toContain("x' or 1=1 --");
  });

  it('not turns NULL (missing field) into a match', () => {
    const r = compileOne(sel('User: admin', 'not sel'));
    expect(r.sql).toBe(`lower("event.dataset") = ? AND NOT coalesce(lower(json_extract_string(raw, '$.User')) = ?, false)`);
  });
});

describe('values and modifiers against DuckDB', () => {
  it('plain strings are case-insensitive; cased is exact', async () => {
    expect(await ids("User: admin")).toEqual([1]);
    expect(await ids("User|cased: admin")).toEqual([]);
    expect(await ids("User|cased: Admin")).toEqual([1]);
  });
  it('wildcards * and ?, and escapes', async () => {
    expect(await ids("Image: 'c:\\windows\\\\*\\cmd.ex?'")).toEqual([1]);
    expect(await ids("Path: 'C:\\a\\*b'")).toEqual([3]);
    expect(await ids("Path: 'C:\\a\\*c'")).toEqual([]);
    expect(await ids("CommandLine: '*\\\\\\\\host*'")).toEqual([2]);
  });
  it('lists are OR; all makes them AND', async () => {
    expect(await ids("CommandLine|contains: ['whoami', 'psexec']")).toEqual([1, 2]);
    expect(await ids("CommandLine|contains|all: ['whoami', 'psexec']")).toEqual([]);
  });
  it('startswith, endswith, contains', async () => {
    expect(await ids("CommandLine|startswith: 'NET '")).toEqual([5]);
    expect(await ids("Image|endswith: 'exec.exe'")).toEqual([2]);
    expect(await ids("CommandLine|contains: 'ACCEPTEULA'")).toEqual([2]);
  });
  it('numbers match JSON numbers and numeric strings', async () => {
    expect(await ids('EventID: 4624')).toEqual([1]);
    expect(await ids('EventID: 4625')).toEqual([2]);
    expect(await ids("EventID: '4624'")).toEqual([1]);
  });
  it('null means absent or JSON null; empty string is not null', async () => {
    expect(await ids('User: null')).toEqual([2, 3, 4, 5]);
    expect(await ids("Empty: ''")).toEqual([2]);
  });
  it('booleans', async () => {
    expect(await ids('Flag: true')).toEqual([3]);
  });
  it('exists', async () => {
    expect(await ids('ip6|exists: true')).toEqual([2, 4]);
    expect(await ids('Image|exists: false')).toEqual([3, 4]);
  });
  it('lt, lte, gt, gte compare numerically', async () => {
    expect(await ids('Port|lt: 100')).toEqual([2]);
    expect(await ids('Port|gte: 443')).toEqual([1]);
    expect(await ids('Port|gt: 443')).toEqual([]);
    expect(await ids('Port|lte: 443')).toEqual([1, 2]);
  });
  it('neq negates, a missing field counts as different', async () => {
    expect(await ids('User|neq: admin')).toEqual([2, 3, 4, 5]);
  });
  it('re with i, m, s flags', async () => {
    expect(await ids("CommandLine|re: '^cmd\\.exe /c w.oami$'")).toEqual([1]);
    expect(await ids("CommandLine|re: '^CMD'")).toEqual([]);
    expect(await ids("CommandLine|re|i: '^CMD'")).toEqual([1]);
    expect(await ids("Multi|re: '^line2'")).toEqual([]);
    expect(await ids("Multi|re|m: '^line2'")).toEqual([4]);
    expect(await ids("Multi|re: 'line1.line2'")).toEqual([]);
    expect(await ids("Multi|re|s: 'line1.line2'")).toEqual([4]);
  });
  it('re refuses lookaround with a regex error', () => {
    expect(() => compileOne(sel("CommandLine|re: 'a(?=b)'"))).toThrow(/lookaround/);
  });
  it('cidr v4 and v6', async () => {
    expect(await ids('ip|cidr: 10.0.0.0/8')).toEqual([1]);
    expect(await ids("ip|cidr: ['192.168.0.4/30', '172.16.0.0/12']")).toEqual([2]);
    expect(await ids('ip|cidr: 10.1.2.4/31')).toEqual([]);
    expect(await ids("ip6|cidr: '2001:db8::/32'")).toEqual([2]);
    expect(await ids("ip6|cidr: 'fe80::/10'")).toEqual([4]);
    expect(await ids("ip6|cidr: '2001:db9::/32'")).toEqual([]);
  });
  it('base64 and base64offset (with utf16le / wide)', async () => {
    expect(await ids("CommandLine|base64|contains: 'Invoke-Mimikatz'")).toEqual([4]);
    expect(await ids("CommandLine|base64offset|contains: 'Mimikatz'")).toEqual([4]);
    expect(await ids("CommandLine|wide|base64offset|contains: 'New-Object'")).toEqual([3]);
    expect(await ids("CommandLine|utf16le|base64offset|contains: 'Net.WebClient'")).toEqual([3]);
  });
  it('utf16 variants encode to the expected bytes', async () => {
    expect(await ids("Text|wide: 'cmd'")).toEqual([5]);
    expect(compileOne(sel("Text|utf16be: 'ab'")).params).toContain('\u0000a\u0000b');
    expect(compileOne(sel("Text|utf16: 'a'")).params).toContain('\u00ff\u00fea\u0000');
  });
  it('windash matches -, /, and unicode dashes', async () => {
    expect(await ids("CommandLine|windash|contains: ' -add'")).toEqual([5]);
    expect(await ids("CommandLine|contains|windash: '/accepteula'")).toEqual([2]);
    expect(compileOne(sel("CommandLine|windash: '-a'")).params.length).toBe(1 + 5);
  });
  it('fieldref compares two fields', async () => {
    expect(await ids('A|fieldref: B')).toEqual([3, 4]);
    expect(await ids('A|fieldref|cased: B')).toEqual([4]);
  });
  it('expand uses placeholder values, refuses without them', async () => {
    expect(() => compileOne(sel("User|expand: '%admins%'"))).toThrow(/placeholder %admins%/);
    const r = compileOne(sel("User|expand: '%admins%'"), { placeholders: { admins: ['root', 'admin'] } });
    expect(await matchIds(db, r)).toEqual([1]);
  });
  it('time modifiers read a part of a date', async () => {
    expect(await ids('When|hour: 22')).toEqual([1]);
    expect(await ids('When|month: 12')).toEqual([2]);
    expect(await ids('When|hour|gte: 8')).toEqual([1, 2]);
    expect(await ids('When|year: 2024')).toEqual([1, 2]);
    expect(await ids('When|day: 5')).toEqual([1]);
    expect(await ids('When|minute: 15')).toEqual([1]);
    expect(await ids('When|week: 10')).toEqual([1]);
  });
  it('ECS core columns resolve by name', async () => {
    expect(await ids("message|contains: 'accepted password'")).toEqual([4]);
  });
  it('unknown modifiers are refused', () => {
    expect(() => compileOne(sel("A|bogus: x"))).toThrow(/unknown modifier 'bogus'/);
  });
});

describe('keywords', () => {
  it('search the message and the whole record', async () => {
    const k = (body: string) => matchIds(db, compileOne(ruleYaml(`    keywords:\n${body}\n    condition: keywords`)));
    expect(await k("        - 'accepted password'")).toEqual([4]);
    expect(await k("        - 'WHOAMI'\n        - 'net user'")).toEqual([1, 5]);
    expect(await k("        - '\\\\host'")).toEqual([2]);
  });
});

describe('condition grammar', () => {
  const cond = async (condition: string) =>
    matchIds(
      db,
      compileOne(
        ruleYaml(
          `    sel_a:\n        User: admin\n    sel_b:\n        CommandLine|contains: psexec\n    filter_x:\n        Image|endswith: cmd.exe\n    _helper:\n        A: same\n    condition: ${condition}`,
        ),
      ),
    );
  it('and, or, not, parentheses, precedence', async () => {
    expect(await cond('sel_a or sel_b')).toEqual([1, 2]);
    expect(await cond('sel_a and not filter_x')).toEqual([]);
    expect(await cond('not sel_a and not sel_b')).toEqual([3, 4, 5]);
    expect(await cond('sel_a or sel_b and filter_x')).toEqual([1]);
    expect(await cond('(sel_a or sel_b) and not filter_x')).toEqual([2]);
  });
  it('1 of / all of patterns and them (skipping _ identifiers)', async () => {
    expect(await cond('1 of sel_*')).toEqual([1, 2]);
    expect(await cond('all of sel_*')).toEqual([]);
    expect(await cond('1 of them')).toEqual([1, 2]);
    expect(await cond('all of them')).toEqual([]);
    expect(await cond('1 of _helper')).toEqual([3, 4]);
  });
  it('errors name the problem', () => {
    expect(() => compileOne(ruleYaml('    sel:\n        A: x\n    condition: sel and nope'))).toThrow(/unknown search identifier 'nope'/);
    expect(() => compileOne(ruleYaml('    sel:\n        A: x\n    condition: sel | count() > 5'))).toThrow(/correlation rule/);
    expect(() => compileOne(ruleYaml('    sel:\n        A: x\n    condition: (sel'))).toThrow(/missing \)/);
  });
});
