/**
 * The sniffers of Zeek, VPC flow, CSV and JSON-array inputs against each
 * other's fixtures and against the syslog, JSON-lines, auditd, IIS, web-access
 * and cloud fixtures: each claims its own input only, and Zeek JSON outbids
 * generic JSON lines on Zeek lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LineFormat } from '../format';
import { csvFormat } from './csv';
import { jsonArrayFormat } from './json-array';
import { jsonlFormat } from './jsonl';
import { syslogFormat } from './syslog';
import { vpcFlowFormat } from './vpc-flow';
import { zeekJsonFormat } from './zeek-json';
import { zeekTsvFormat } from './zeek-tsv';

const dir = (d: string) => new URL(d, import.meta.url);
const read = (url: URL) => readFileSync(url);
const lines = (bytes: Uint8Array) => new TextDecoder().decode(bytes).split(/\r?\n/).filter((l, i, a) => i < a.length - 1 || l !== '').slice(0, 50);

const OWNER: Record<string, string> = {
  'zeek-conn.log': 'zeek-tsv',
  'zeek-conn.json': 'zeek-json',
  'vpc-flow.log': 'vpc-flow',
  'vpc-flow-custom.log': 'vpc-flow',
  'generic.csv': 'csv',
  'generic-array.json': 'json-array',
};
const MINE: LineFormat[] = [zeekTsvFormat, zeekJsonFormat, vpcFlowFormat, csvFormat];
const FIXTURES = [
  ...readdirSync(dir('./fixtures/')).filter((f) => !f.endsWith('.yaml')).map((f) => ({ name: f, url: dir(`./fixtures/${f}`) })),
  ...readdirSync(dir('./cloud/fixtures/')).map((f) => ({ name: `cloud/${f}`, url: dir(`./cloud/fixtures/${f}`) })),
];

describe('generic sniffers', () => {
  for (const { name, url } of FIXTURES) {
    const owner = OWNER[name] ?? null;
    it(`${owner ?? 'none of ours'} claims ${name}`, () => {
      const bytes = read(url);
      const ls = lines(bytes);
      for (const f of MINE) {
        const s = f.sniff(ls);
        if (f.name === owner) expect(s, f.name).toBeGreaterThan(0.5);
        else expect(s, `${f.name} on ${name}`).toBe(0);
      }
      const arr = jsonArrayFormat.sniff(bytes.subarray(0, 65536), ls);
      if (owner === 'json-array') expect(arr).toBeGreaterThan(0.5);
      else expect(arr, `json-array on ${name}`).toBe(0);
    });
  }

  it('leaves our fixtures to us: syslog never, generic JSON lines only below Zeek JSON', () => {
    for (const name of Object.keys(OWNER)) expect(syslogFormat.sniff(lines(read(dir(`./fixtures/${name}`)))), name).toBe(0);
    const zeekJson = lines(read(dir('./fixtures/zeek-conn.json')));
    expect(zeekJsonFormat.sniff(zeekJson)).toBeGreaterThan(jsonlFormat.sniff(zeekJson));
    for (const name of ['zeek-conn.log', 'vpc-flow.log', 'vpc-flow-custom.log', 'generic.csv']) expect(jsonlFormat.sniff(lines(read(dir(`./fixtures/${name}`)))), name).toBe(0);
  });

  it('takes a table whose first column is an ISO time (TSV or CSV) for a table, not for syslog', () => {
    for (const d of ['\t', ',', ';', '|']) {
      const table = [['timestamp', 'source.ip', 'destination.ip', 'event.action'].join(d), ...[0, 1, 2].map((i) => [`2026-03-01T00:0${i}:00Z`, `10.0.0.${i}`, '198.51.100.1', 'ACCEPT'].join(d))];
      expect(csvFormat.sniff(table), JSON.stringify(d)).toBeGreaterThan(syslogFormat.sniff(table));
    }
    // A syslog file stays syslog: its lines are not a table's records.
    const syslog = lines(read(dir('./fixtures/syslog.log')));
    expect(syslogFormat.sniff(syslog)).toBeGreaterThan(csvFormat.sniff(syslog));
  });

  it('does not take plain JSON lines with a ts for Zeek', () => {
    expect(zeekJsonFormat.sniff(['{"ts": 1773458411, "msg": "hello"}', '{"ts": 1773458412, "msg": "again"}'])).toBe(0);
  });
});
