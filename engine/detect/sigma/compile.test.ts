import { describe, expect, it } from 'vitest';
import { checkRules } from './check';
import { compileSigma } from './compile';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { TEST_PIPELINE, loadEvents, matchIds, type TestEvent } from './test-support';

const opts = { pipelines: [TEST_PIPELINE] };

describe('errors carry path, line and column and never abort the batch', () => {
  it('a bad rule next to a good one', () => {
    const text = `title: Good
id: good
logsource: { product: test }
detection:
    sel:
        A: x
    condition: sel
---
title: Bad
id: bad
logsource: { product: test }
detection:
    sel:
        A|nope: x
    condition: sel
`;
    const { rules, errors } = compileSigma(text, 'rules/pair.yml', opts);
    expect(rules.map((r) => r.id)).toEqual(['good']);
    expect(errors).toHaveLength(1);
    expect(errors[0].errorClass).toBe('modifier');
    expect(errors[0].loc).toEqual({ path: 'rules/pair.yml', line: 14, col: 9 });
    expect(String(errors[0])).toBe("rules/pair.yml:14:9: modifier: unknown modifier 'nope'");
  });

  it('YAML syntax errors and duplicate keys are located', () => {
    const dup = compileSigma('title: a\ntitle: b\n', 'dup.yml', opts);
    expect(dup.errors[0].errorClass).toBe('yaml');
    expect(dup.errors[0].loc.line).toBe(2);
    const bad = compileSigma('title: [unclosed\n', 'bad.yml', opts);
    expect(bad.errors[0].errorClass).toBe('yaml');
  });

  it('compiled rules carry metadata and source line', () => {
    const { rules } = compileSigma(
      `title: T\nid: abc\nstatus: test\nlevel: high\ndescription: d\ntags: [attack.t1059]\nfalsepositives: [admins]\nlogsource: { product: test }\ndetection:\n    sel:\n        A: x\n    condition: sel\n`,
      'm.yml',
      opts,
    );
    expect(rules[0]).toMatchObject({ id: 'abc', title: 'T', status: 'test', level: 'high', description: 'd', tags: ['attack.t1059'], falsepositives: ['admins'], path: 'm.yml', line: 1, logsource: { product: 'test' } });
  });
});

describe('Sigma v1 collections', () => {
  it('action: global merges into each document; reset forgets it; repeat reuses the previous one', () => {
    const text = `action: global
title: Shared
logsource: { product: test }
detection:
    condition: sel
---
id: one
detection:
    sel:
        A: x
---
action: repeat
id: two
detection:
    sel:
        A: y
---
action: reset
---
id: three
title: Alone
logsource: { product: test }
detection:
    sel:
        B: z
    condition: sel
`;
    const { rules, errors } = compileSigma(text, 'c.yml', opts);
    expect(errors.map(String)).toEqual([]);
    expect(rules.map((r) => [r.id, r.title, r.params])).toEqual([
      ['one', 'Shared', ['test', 'x']],
      ['two', 'Shared', ['test', 'y']],
      ['three', 'Alone', ['test', 'z']],
    ]);
  });

  it('unknown actions are refused precisely', () => {
    const { errors } = compileSigma('action: merge\ntitle: x\n', 'c.yml', opts);
    expect(errors[0].errorClass).toBe('collection');
    expect(errors[0].message).toMatch(/unknown collection action 'merge'/);
  });
});

describe('filters (v2.1)', () => {
  const rule = `title: R
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
logsource: { product: test, category: process_creation }
detection:
    sel:
        Image|endswith: '\\rar.exe'
    condition: sel
`;
  // The specification's own example (sigma-filters-specification.md), product changed to our test pipeline.
  const filter = `title: Filter Administrator account
description: The valid administrator account start with adm_
logsource:
    category: process_creation
    product: test
filter:
    rules:
        - 6f3e2987-db24-4c78-a860-b4f4095a7095 # Data Compressed - rar.exe
        - df0841c0-9846-4e9f-ad8a-7df91571771b # Login on jump host
    selection:
        User|startswith: 'adm_'
    condition: selection
`;
  const EVENTS: TestEvent[] = [
    { id: 1, raw: { Image: 'C:\\Windows\\rar.exe', User: 'adm_alice' } },
    { id: 2, raw: { Image: 'C:\\Windows\\rar.exe', User: 'bob' } },
    { id: 3, raw: { Image: 'C:\\Windows\\rar.exe' } },
    { id: 4, raw: { Image: 'C:\\Windows\\zip.exe', User: 'bob' } },
  ];
  it('suppresses the events its condition selects, in the rules it names', async () => {
    const { rules, errors } = compileSigma(rule + '---\n' + filter, 'f.yml', opts);
    expect(errors).toEqual([]);
    expect(rules[0].sql).toContain(`NOT coalesce(starts_with(lower(json_extract_string(raw, '$.User')), ?), false)`);
    const db = await openDuckDb();
    try {
      await loadEvents(db, EVENTS);
      // adm_alice is the filtered administrator; an event without User is not filtered.
      expect(await matchIds(db, rules[0])).toEqual([2, 3]);
      expect(await matchIds(db, compileSigma(rule, 'r.yml', opts).rules[0])).toEqual([1, 2, 3]);
    } finally {
      await db.close();
    }
  });
  it('leave other rules and other logsources alone', () => {
    const other = filter.replace('6f3e2987-db24-4c78-a860-b4f4095a7095', 'someone-else');
    expect(compileSigma(rule + '---\n' + other, 'f.yml', opts).rules[0].params).toEqual(['test', '\\rar.exe']);
    const windows = filter.replace('product: test', 'product: windows');
    expect(compileSigma(rule + '---\n' + windows, 'f.yml', opts).rules[0].params).toEqual(['test', '\\rar.exe']);
  });
});

describe('checkRules', () => {
  it('reports compiled and refused rules with class, reason, file and line', () => {
    const statuses = checkRules(
      [
        { path: 'a.yml', text: 'title: A\nid: a\nlogsource: { product: test }\ndetection:\n    sel:\n        X: 1\n    condition: sel\n' },
        { path: 'b.yml', text: 'title: B\nid: b\nlogsource: { product: test }\ndetection:\n    sel:\n        X: 1\n    condition: sel | count() by Y > 3\n' },
      ],
      opts,
    );
    expect(statuses).toEqual([
      { status: 'compiled', id: 'a', title: 'A', path: 'a.yml', line: 1 },
      expect.objectContaining({ status: 'refused', id: 'b', path: 'b.yml', line: 7, errorClass: 'unsupported' }),
    ]);
  });
});

describe('built-in pipelines', () => {
  it('windows process_creation: Sysmon 1 or Security 4688, both JSON shapes', () => {
    const { rules } = compileSigma(
      `title: W\nid: w\nlogsource: { product: windows, category: process_creation }\ndetection:\n    sel:\n        EventID: 1\n    condition: sel\n`,
      'w.yml',
    );
    expect(rules[0].params).toEqual(['microsoft-windows-sysmon/operational', '1', 'security', '4688', '1']);
    expect(rules[0].sql).toContain(`coalesce(json_extract_string(raw, '$.Event.System.Channel'), json_extract_string(raw, '$.Channel'), json_extract_string(raw, '$.channel'))`);
    expect(rules[0].sql).toContain(`coalesce("event.code", json_extract_string(raw, '$.Event.System.EventID'), json_extract_string(raw, '$.EventID'))`);
  });
  it('linux auth is event.dataset linux.auth; ECS names are core columns', () => {
    const { rules } = compileSigma(
      `title: L\nid: l\nlogsource: { product: linux, service: auth }\ndetection:\n    sel:\n        source.ip|cidr: 10.0.0.0/8\n    condition: sel\n`,
      'l.yml',
    );
    expect(rules[0].sql).toContain('lower("event.dataset") = ?');
    expect(rules[0].params).toContain('linux.auth');
    expect(rules[0].sql).toContain(`split_part("source.ip", '.', 1)`);
  });
  it('unknown Windows services are refused with the reason', () => {
    const { errors } = compileSigma(`title: X\nid: x\nlogsource: { product: windows, service: nosuch }\ndetection:\n    sel:\n        A: 1\n    condition: sel\n`, 'x.yml');
    expect(errors[0].errorClass).toBe('logsource');
    expect(errors[0].message).toMatch(/no mapping for service: nosuch/);
  });
});
