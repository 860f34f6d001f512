/**
 * The correlation examples of the Sigma specification (v2.1), read from the
 * datasets (tests/schema/correlation/*.yml and the specification's markdown;
 * skipped with a notice when they are absent), each run on events of our own
 * built so that one group meets the condition and a near miss does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusRoot } from '../../testing/node/corpus';
import type { SqlPort } from '../../sql/port';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { compileSigma } from './compile';
import { runRules } from './run';
import { TEST_PIPELINE, loadEvents, type TestEvent } from './test-support';

const ROOT = corpusRoot();

/** A correlation example of the specification, read from the datasets (never copied into the repo). */
const spec = (type: string) => readFileSync(join(ROOT!, `sigma-specification/tests/schema/correlation/${type}.yml`), 'utf8');

/** The aliases example of the specification (rule bodies given a title and logsource of ours). */
const ALIASES = `title: internal error
name: internal_error
logsource: { product: test }
detection:
    selection:
        http.response.status_code: 500
    condition: selection
---
title: new network connection
name: new_network_connection
logsource: { product: test }
detection:
    selection:
        event.category: network
        event.type: connection
        event.outcome: success
    condition: selection
---
title: —
id: —
correlation:
    type: temporal
    rules:
        - internal_error
        - new_network_connection
    group-by:
        - internal_ip
        - remote_ip
    timespan: 10s
    aliases:
        internal_ip:
            internal_error: destination.ip
            new_network_connection: source.ip
        remote_ip:
            internal_error: source.ip
            new_network_connection: destination.ip
`;

/** A base rule of product `test` matching raw.Kind = kind. */
const base = (ref: string, kind: string) => `title: ${kind}\n${/^[0-9a-f-]{36}$/.test(ref) ? `id: ${ref}` : `id: ${kind}\nname: ${ref}`}\nlogsource: { product: test }\ndetection:\n    sel:\n        Kind: ${kind}\n    condition: sel\n`;
const BASES: Record<string, string> = {
  event_count: base('5638f7c0-ac70-491d-8465-2a65075e0d86', 'failed'),
  value_count: base('5638f7c0-ac70-491d-8465-2a65075e0d86', 'failed'),
  temporal: ['a', 'b', 'c'].map((x) => base(`recon_cmd_${x}`, `recon_${x}`)).join('---\n'),
  temporal_ordered: ['a', 'b', 'c'].map((x) => base(`recon_cmd_${x}`, `recon_${x}`)).join('---\n'),
  value_sum: base('website_access', 'web'),
  value_avg: base('rule_a_id', 'net'),
  value_percentile: base('process_creation', 'proc'),
};

const T0 = Date.UTC(2024, 0, 1);
const at = (sec: number) => new Date(T0 + sec * 1000).toISOString().replace('T', ' ').replace('Z', '');
let nextId = 1;
const ev = (sec: number, raw: Record<string, unknown>): TestEvent => ({ id: nextId++, ts: at(sec), raw });
const times = (n: number, f: (i: number) => TestEvent) => Array.from({ length: n }, (_, i) => f(i));

let db: SqlPort;
beforeAll(async () => {
  db = await openDuckDb();
});
afterAll(async () => db?.close());

/** Loads `events`, compiles `yaml` and returns the correlation's signals as [group, event count]. */
async function signals(yaml: string, events: TestEvent[], fill?: string): Promise<[string, number][]> {
  await loadEvents(db, events);
  if (fill) await db.exec(fill);
  const { rules, errors } = compileSigma(yaml, 'spec.yml', { pipelines: [TEST_PIPELINE] });
  expect(errors.map(String)).toEqual([]);
  const corr = rules.find((r) => r.kind === 'correlation')!;
  return (await runRules(db, rules)).filter((m) => m.ruleId === corr.id).map((m) => [m.groupKey, m.eventIds.length]);
}
const run = (type: string, events: TestEvent[]) => signals(`${BASES[type]}---\n${spec(type)}`, events);

describe.skipIf(!ROOT)('Sigma specification correlation examples (read from the datasets) on our own events', () => {
  it('event_count: ≥ 100 failed logins to one host within an hour', async () => {
    const events = [...times(100, (i) => ev(i * 30, { Kind: 'failed', ComputerName: 'A' })), ...times(99, (i) => ev(i * 30, { Kind: 'failed', ComputerName: 'B' }))];
    expect(await run('event_count', events)).toEqual([['ComputerName=A', 100]]);
  });

  it('value_count: ≥ 100 distinct users per host and workstation in a day', async () => {
    const events = [
      ...times(100, (i) => ev(i * 60, { Kind: 'failed', ComputerName: 'A', WorkstationName: 'W1', User: `u${i}` })),
      ...times(100, (i) => ev(i * 60, { Kind: 'failed', ComputerName: 'A', WorkstationName: 'W2', User: `u${i % 99}` })),
    ];
    expect(await run('value_count', events)).toEqual([['ComputerName=A, WorkstationName=W1', 100]]);
  });

  it('temporal: the three recon commands in any order within 5 minutes, same host and user', async () => {
    const events = [
      ev(0, { Kind: 'recon_a', ComputerName: 'h1', User: 'u1' }),
      ev(120, { Kind: 'recon_c', ComputerName: 'h1', User: 'u1' }),
      ev(240, { Kind: 'recon_b', ComputerName: 'h1', User: 'u1' }),
      // u2: c comes 9 minutes after b.
      ev(0, { Kind: 'recon_a', ComputerName: 'h1', User: 'u2' }),
      ev(60, { Kind: 'recon_b', ComputerName: 'h1', User: 'u2' }),
      ev(600, { Kind: 'recon_c', ComputerName: 'h1', User: 'u2' }),
    ];
    expect(await run('temporal', events)).toEqual([['ComputerName=h1, User=u1', 3]]);
  });

  it('temporal_ordered: only a → b → c counts', async () => {
    const events = [
      ev(0, { Kind: 'recon_a', ComputerName: 'h1', User: 'u1' }),
      ev(120, { Kind: 'recon_c', ComputerName: 'h1', User: 'u1' }),
      ev(240, { Kind: 'recon_b', ComputerName: 'h1', User: 'u1' }),
      ev(0, { Kind: 'recon_a', ComputerName: 'h2', User: 'u3' }),
      ev(60, { Kind: 'recon_b', ComputerName: 'h2', User: 'u3' }),
      ev(120, { Kind: 'recon_c', ComputerName: 'h2', User: 'u3' }),
    ];
    expect(await run('temporal_ordered', events)).toEqual([['ComputerName=h2, User=u3', 3]]);
  });

  it('value_sum: more than 1,000,000 bytes sent per source and user in an hour', async () => {
    const events = [
      ...times(3, (i) => ev(i * 600, { Kind: 'web', SourceIP: '10.0.0.1', User: 'u1', bytes_sent: 400000 })),
      ...times(2, (i) => ev(i * 600, { Kind: 'web', SourceIP: '10.0.0.2', User: 'u2', bytes_sent: 400000 })),
    ];
    expect(await run('value_sum', events)).toEqual([['SourceIP=10.0.0.1, User=u1', 3]]);
  });

  it('value_avg: average BytesOut above 500', async () => {
    const events = [
      ev(0, { Kind: 'net', SourceIP: '10.0.0.1', User: 'u1', BytesOut: 400 }),
      ev(60, { Kind: 'net', SourceIP: '10.0.0.1', User: 'u1', BytesOut: 800 }),
      ev(0, { Kind: 'net', SourceIP: '10.0.0.2', User: 'u2', BytesOut: 400 }),
      ev(60, { Kind: 'net', SourceIP: '10.0.0.2', User: 'u2', BytesOut: 500 }),
    ];
    expect(await run('value_avg', events)).toEqual([['SourceIP=10.0.0.1, User=u1', 2]]);
  });

  it('value_percentile: an image making up at most 1 % of a host’s processes in 24 h', async () => {
    // Host A: 199 svchost then one evil.exe (0.5 %); host B: 99 svchost then one evil.exe (1.0 %, still ≤ 1)… and host C 49 + 1 (2 %).
    const events = [
      ...times(199, (i) => ev(i * 60, { Kind: 'proc', ComputerName: 'A', Image: 'svchost.exe' })),
      ev(200 * 60, { Kind: 'proc', ComputerName: 'A', Image: 'evil.exe' }),
      ...times(99, (i) => ev(i * 60, { Kind: 'proc', ComputerName: 'B', Image: 'svchost.exe' })),
      ev(100 * 60, { Kind: 'proc', ComputerName: 'B', Image: 'evil.exe' }),
      ...times(49, (i) => ev(i * 60, { Kind: 'proc', ComputerName: 'C', Image: 'svchost.exe' })),
      ev(50 * 60, { Kind: 'proc', ComputerName: 'C', Image: 'evil.exe' }),
    ];
    expect(await run('value_percentile', events)).toEqual([
      ['ComputerName=A', 200],
      ['ComputerName=B', 100],
    ]);
  });

  it('aliases: an internal error and a connection back, matched across differently named fields', async () => {
    const events = [
      ev(0, { http: { response: { status_code: 500 } }, source: { ip: '203.0.113.9' }, destination: { ip: '10.0.0.5' } }),
      ev(5, { event: { category: 'network', type: 'connection', outcome: 'success' }, source: { ip: '10.0.0.5' }, destination: { ip: '203.0.113.9' } }),
      // Same shape, but the connection goes elsewhere.
      ev(0, { http: { response: { status_code: 500 } }, source: { ip: '203.0.113.7' }, destination: { ip: '10.0.0.6' } }),
      ev(5, { event: { category: 'network', type: 'connection', outcome: 'success' }, source: { ip: '10.0.0.6' }, destination: { ip: '198.51.100.1' } }),
    ];
    // ECS names resolve to core columns: fill them as an importer would.
    const cols = ['event.category', 'event.outcome', 'source.ip', 'destination.ip'];
    const fill = `UPDATE events_raw SET ${cols.map((c) => `"${c}" = json_extract_string(raw, '$.${c}')`).join(', ')}`;
    expect(await signals(ALIASES, events, fill)).toEqual([['internal_ip=10.0.0.5, remote_ip=203.0.113.9', 2]]);
  });

  it('the full example chains a correlation into another: refused, with its class and reason', () => {
    const md = readFileSync(join(ROOT!, 'sigma-specification/specification/sigma-correlation-rules-specification.md'), 'utf8');
    const yaml = /### Failed Logins Followed by Successful Login[\s\S]*?```yml\n([\s\S]*?)```/.exec(md)![1];
    const { rules, errors } = compileSigma(yaml, 'example.yml');
    expect(errors.map((e) => [e.errorClass, e.message])).toEqual([['correlation', expect.stringMatching(/chained correlation 'multiple_failed_login' is not supported/)]]);
    expect(rules.map((r) => r.id).sort()).toEqual(['4d0a2c83-c62c-4ed4-b475-c7e23a9269b8', '53ba33fd-3a50-4468-a5ef-c583635cfa92', 'a8418a5a-5fc4-46b5-b23b-6c73beb19d41']);
  });
});
