import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../testing/node/corpus';
import { isReject, type LineFormat, type RecordItem } from '../format';
import { parseLines } from '../run-lines';
import { iisW3cFormat } from './iis-w3c';
import { splitFile } from './node/split-lines';
import { webAccessFormat } from './web-access';

const root = corpusRoot();
const dir = root ? join(root, 'EVTX-ATTACK-SAMPLES', 'Command and Control') : '';
const ctx = { sourceName: 'corpus', referenceTime: new Date('2026-01-01T00:00:00Z') };

/** Independent count: lines that are neither blank nor # directives, split on raw bytes. */
function dataLines(path: string): number {
  return readFileSync(path).toString('latin1').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
}

function run(format: LineFormat, path: string) {
  const lines = splitFile(path);
  expect(format.sniff(lines.slice(0, 50).map((l) => l.text ?? ''))).toBeGreaterThan(0.5);
  const readable = lines.filter((l) => l.text !== null);
  const unreadable = lines.filter((l) => l.text === null);
  const out: RecordItem[] = parseLines(format.create(ctx), readable.map((l) => l.text!));
  return { out, unreadable, rows: out.filter((o) => !isReject(o.result)), rejects: out.filter((o) => isReject(o.result)) };
}

describe.skipIf(!root)('web access corpus (EVTX-ATTACK-SAMPLES)', () => {
  it('parses every line of the Tomcat access log; only the splitter refuses one non-UTF-8 TLS handshake', () => {
    const path = join(dir, 'web_attack_and_isp_webshell_localhost_access_log.txt');
    const { rows, rejects, unreadable } = run(webAccessFormat, path);
    expect(rejects).toEqual([]);
    // Line 27 logs a TLS ClientHello sent to the plain HTTP port: raw bytes, not UTF-8.
    expect(unreadable.map((l) => l.lineNo)).toEqual([27]);
    expect(rows.length + unreadable.length).toBe(dataLines(path));
    expect(rows.length).toBe(2660);
    const status = rows.map((o) => o.result as Record<string, unknown>).filter((r) => r['event.outcome'] === 'failure').length;
    expect(status).toBeGreaterThan(0);
  });

  it('parses every data line of the Tunna IIS log across its two header blocks', () => {
    const path = join(dir, 'Tunna_rdp_tunnel_IIS.log');
    const { rows, rejects, unreadable } = run(iisW3cFormat, path);
    expect(rejects).toEqual([]);
    expect(unreadable).toEqual([]);
    expect(rows.length).toBe(dataLines(path));
    expect(rows.length).toBe(4308 - 9 - 1);
    const first = rows[0].result as Record<string, unknown>;
    expect(first).toMatchObject({ '@timestamp': '2019-09-03T10:13:36.000Z', 'source.ip': '10.0.2.17', 'url.original': '/erp/conn.aspx?proxy&port=3389&ip=127.0.0.1' });
  });
});
