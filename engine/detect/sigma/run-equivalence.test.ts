/**
 * The shared scan (dictionaries, shared leaves, folding, leaf bit masks) must
 * match exactly what each rule's standalone SQL matches. Rules here cover
 * every leaf kind, negation over missing fields, leaves that fold to true or
 * false, and more leaves on one field than one 63-bit mask holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlPort } from '../../sql/port';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { compileSigma } from './compile';
import { runRules } from './run';
import { TEST_PIPELINE, loadEvents, matchIds, ruleYaml, type TestEvent } from './test-support';

const EVENTS: TestEvent[] = [
  { id: 1, ts: '2024-01-01 10:00:00', raw: { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c whoami', User: 'alice', ip: '10.1.2.3', n: 5 } },
  { id: 2, ts: '2024-01-01 10:01:00', raw: { Image: 'C:\\Windows\\System32\\CMD.EXE', CommandLine: 'CMD /C net user', User: 'bob', ip: '192.168.1.9', n: 50 } },
  { id: 3, ts: '2024-01-01 10:02:00', raw: { Image: 'C:\\Tools\\rar.exe', CommandLine: 'rar a secret.rar C:\\data', ip: '2001:db8::1', n: 7 } },
  { id: 4, ts: '2024-01-01 10:03:00', raw: { Image: 'C:\\Windows\\explorer.exe', User: 'alice', Parent: 'C:\\Windows\\explorer.exe' } },
  { id: 5, ts: '2024-01-01 10:04:00', raw: { CommandLine: 'powershell -enc SQBFAFgA', User: 'ALICE', Tag: 'v70' } },
  { id: 6, ts: '2024-01-01 10:05:00', message: 'mimikatz sekurlsa::logonpasswords', raw: { Image: 'C:\\Temp\\m.exe', Tag: 'v3' } },
  { id: 7, ts: '2024-01-01 10:06:00', raw: { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c whoami', User: 'alice', ip: '10.1.2.3', n: 5 } },
  // Tags v1…v70, so that all 70 values of rule `many` stay undecided and need two masks.
  ...Array.from({ length: 70 }, (_, i): TestEvent => ({ id: 8 + i, ts: '2024-01-02 00:00:00', raw: { Tag: `v${i + 1}` } })),
];

// One field with 70 values, all present in the events: their leaves fill more than one 63-bit mask.
const MANY = Array.from({ length: 70 }, (_, i) => `'v${i + 1}'`).join(', ');

const RULES: Record<string, string> = {
  contains: `    sel:\n        CommandLine|contains: 'whoami'\n    condition: sel`,
  startsEnds: `    sel:\n        Image|endswith: '\\cmd.exe'\n        CommandLine|startswith: 'cmd /c'\n    condition: sel`,
  wildcard: `    sel:\n        Image: 'C:\\Windows\\*\\cmd.exe'\n    condition: sel`,
  cased: `    sel:\n        Image|cased|endswith: 'CMD.EXE'\n    condition: sel`,
  regex: `    sel:\n        CommandLine|re: '-enc [A-Za-z0-9+/=]+'\n    condition: sel`,
  cidr: `    sel:\n        ip|cidr:\n            - 10.0.0.0/8\n            - 2001:db8::/32\n    condition: sel`,
  notMissing: `    sel:\n        Image|contains: 'Windows'\n    filter:\n        User: alice\n    condition: sel and not filter`,
  isNull: `    sel:\n        User: null\n    condition: sel`,
  exists: `    sel:\n        Tag|exists: true\n    condition: sel`,
  fieldref: `    sel:\n        Image|fieldref: Parent\n    condition: sel`,
  numbers: `    sel:\n        n|gte: 7\n    condition: sel`,
  keywords: `    kw:\n        - 'sekurlsa'\n        - 'SECRET.RAR'\n    condition: kw`,
  allOf: `    sel:\n        CommandLine|contains|all:\n            - 'cmd'\n            - 'net'\n    condition: sel`,
  never: `    sel:\n        Image|endswith: '\\nothing-here.exe'\n    condition: sel`,
  always: `    sel:\n        Image|contains: ':\\'\n    condition: sel`,
  notAlways: `    sel:\n        User|exists: true\n    condition: not sel`,
  many: `    sel:\n        Tag: [${MANY}]\n    condition: sel`,
  tag70: `    sel:\n        Tag: v70\n    condition: sel`,
  tagNot: `    sel:\n        Tag:\n            - v64\n            - v3\n    condition: not sel`,
  oneOf: `    sel_a:\n        User: bob\n    sel_b:\n        CommandLine|contains: 'rar'\n    condition: 1 of sel_*`,
};

let db: SqlPort;
beforeAll(async () => {
  db = await openDuckDb();
  await loadEvents(db, EVENTS);
});
afterAll(async () => db?.close());

describe('runRules: shared scan = standalone SQL', () => {
  it('every rule matches the same events both ways, alone and in one batch', async () => {
    const yaml = Object.entries(RULES).map(([id, body]) => ruleYaml(body, id)).join('---\n');
    const { rules, errors } = compileSigma(yaml, 'eq.yml', { pipelines: [TEST_PIPELINE] });
    expect(errors.map(String)).toEqual([]);
    const batch = new Map((await runRules(db, rules)).map((m) => [m.ruleId, m.eventIds]));
    const standalone = new Map<string, number[]>();
    for (const r of rules) standalone.set(r.id, await matchIds(db, r));
    for (const r of rules) expect([r.id, batch.get(r.id) ?? []]).toEqual([r.id, standalone.get(r.id)]);
    // The fixture is meant to exercise each kind: spot-check what the rules themselves say.
    expect(standalone.get('many')).toEqual([5, 6, ...Array.from({ length: 70 }, (_, i) => 8 + i)]);
    expect(standalone.get('tag70')).toEqual([5, 77]);
    expect(standalone.get('never')).toEqual([]);
    expect(standalone.get('notMissing')).toEqual([2]);
    expect(standalone.get('cidr')).toEqual([1, 3, 7]);
    expect(standalone.get('keywords')).toEqual([3, 6]);
  });
});
