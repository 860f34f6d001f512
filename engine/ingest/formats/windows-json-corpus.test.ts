/**
 * Corpus checks for Windows JSON:
 *  - SigmaHQ regression data: each case's .json (pretty-printed evtx_dump
 *    objects back to back) read by the stream format gives as many records as
 *    the paired .evtx, and the same columns as the EVTX route.
 *  - OTRF Security-Datasets: flat NXLog JSON lines inside .zip and .tar.gz
 *    archives, and the Log4Shell set's Azure Monitor exports; every record maps
 *    with @timestamp, event.code and host.name, and every Sysmon process start
 *    has the pid and time its own message and UtcTime give.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../testing/node/corpus';
import type { EventRow } from '../../schema/ecs';
import { parseLines } from '../run-lines';
import { tarGzMembers, zipMembers, type TestMember } from './cloud/node/test-archives';
import { collect, piecesOf } from './cloud/node/test-streams';
import { readEvtx, windowsEventToEcs } from './evtx';
import { jsonlFormat } from './jsonl';
import { windowsJsonLinesFormat, windowsJsonStreamFormat } from './windows-json';

const root = corpusRoot();
const ctx = { sourceName: 'corpus', referenceTime: new Date() };

function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

describe.skipIf(!root)('Windows JSON corpus', () => {
  it('SigmaHQ regression .json: one record per object, the same columns as from the .evtx', async () => {
    const files = filesUnder(join(root!, 'sigma/regression_data'), '.json');
    let records = 0;
    let compared = 0;
    const problems: string[] = [];
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(f));
      if (windowsJsonStreamFormat.sniff(bytes.subarray(0, 65536), []) !== 0.95) problems.push(`${f}: not sniffed`);
      const items = await collect(windowsJsonStreamFormat.parse(piecesOf(bytes), ctx));
      const rows = items.map((i) => i.result).filter((r): r is EventRow => !('reject' in r));
      if (rows.length !== items.length) problems.push(`${f}: ${items.length - rows.length} rejected`);
      records += rows.length;
      for (const r of rows) if (r['@timestamp'] == null || r['event.code'] == null || r['host.name'] == null) problems.push(`${f}: incomplete row ${String(r.raw).slice(0, 80)}`);
      const evtx = [...readEvtx(new Uint8Array(readFileSync(f.replace(/\.json$/, '.evtx'))))].flatMap((i) => (i.kind === 'record' ? [i] : []));
      if (evtx.length !== rows.length) {
        problems.push(`${f}: ${rows.length} objects, ${evtx.length} EVTX records`);
        continue;
      }
      for (const [n, rec] of evtx.entries()) {
        const { raw: _raw, 'event.timezone': _tz, ...mine } = rows[n];
        // One SigmaHQ case was edited by hand (9 fractional digits): its times differ from the EVTX below the microsecond.
        const theirs = { ...windowsEventToEcs(rec.event), '@timestamp': rec.timeCreated };
        if (JSON.stringify({ ...mine, '@timestamp': null }) !== JSON.stringify({ ...theirs, '@timestamp': null }) || mine['@timestamp']!.toString().slice(0, 23) !== rec.timeCreated.slice(0, 23)) {
          problems.push(`${f} #${n + 1}: columns differ from the EVTX route`);
        } else compared++;
      }
    }
    console.log(`[windows-json sigma] files ${files.length}, records ${records}, same columns as EVTX ${compared}, problems ${problems.length}`);
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(200);
  });

  it('OTRF archives: every flat NXLog record maps with time, event code and host', () => {
    const archives = filesUnder(join(root!, 'OTRF-Security-Datasets/datasets/atomic/windows'), '.zip').concat(filesUnder(join(root!, 'OTRF-Security-Datasets/datasets/atomic/windows'), '.tar.gz'));
    // The Log4Shell compound set's Windows logs are Azure Monitor exports (TimeGenerated, EventData as XML or JSON text).
    const azure = filesUnder(join(root!, 'OTRF-Security-Datasets/datasets/compound/Log4Shell'), '.zip').filter((f) => /\/(securityauditing|sysmon)_log4shell[^/]*$/.test(f));
    archives.push(...azure);
    let members = 0;
    let records = 0;
    let zoneless = 0;
    let truncated = 0;
    let starts = 0;
    let lostPid = 0;
    const problems: string[] = [];
    for (const a of archives) {
      const bytes = new Uint8Array(readFileSync(a));
      const list: TestMember[] = a.endsWith('.zip') ? zipMembers(bytes) : tarGzMembers(bytes);
      for (const m of list) {
        members++;
        if (m.truncated) truncated++;
        // The tar members are NUL-padded at the end of a cut-off stream.
        const lines = new TextDecoder().decode(m.bytes).replace(/\0+$/, '').split('\n');
        const head = lines.slice(0, 50);
        if (!(windowsJsonLinesFormat.sniff(head) > jsonlFormat.sniff(head))) problems.push(`${a}/${m.name}: not sniffed`);
        const expected = lines.filter((l) => l.trim() !== '').length;
        const out = parseLines(windowsJsonLinesFormat.create(ctx), lines);
        if (out.length !== expected) problems.push(`${a}/${m.name}: ${out.length} records for ${expected} lines`);
        for (const { result: r, line } of out) {
          if ('reject' in r) {
            if (!(m.truncated && line === lines.length)) problems.push(`${a}/${m.name}:${line}: ${r.reject}`);
            continue;
          }
          records++;
          if (r['event.timezone'] == null) zoneless++;
          if (r['@timestamp'] == null || r['event.code'] == null || r['host.name'] == null) problems.push(`${a}/${m.name}:${line}: incomplete row`);
          if (r['event.action'] === 'process-created' && String(r['event.dataset']).includes('sysmon')) {
            // The record's own UtcTime, and the pid as its message (or its EventData) gives it; some exports lost both pid and message.
            starts++;
            const top = JSON.parse(String(r.raw)) as Record<string, unknown>;
            const rec = typeof top.EventData === 'string' && top.EventData.startsWith('{') ? { ...top, ...(JSON.parse(top.EventData) as Record<string, unknown>) } : top;
            const pid = /^ProcessId: (\d+)/m.exec(String(rec.Message ?? ''))?.[1] ?? (rec.ProcessId as string | undefined);
            const utc = String(rec.UtcTime).replace(' ', 'T');
            if (pid === undefined) lostPid++;
            if (r['process.pid'] !== (pid === undefined ? null : Number(pid)) || String(r['@timestamp']).slice(0, 23) !== utc.slice(0, 23)) {
              problems.push(`${a}/${m.name}:${line}: pid ${r['process.pid']} at ${r['@timestamp']}, the record says ${pid} at ${utc}`);
            }
          }
        }
      }
    }
    console.log(`[windows-json otrf] archives ${archives.length}, members ${members} (cut off ${truncated}), records ${records}, rejects ${problems.length}, zoneless times ${zoneless}, Sysmon process starts ${starts} (pid lost by the export: ${lostPid})`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(members).toBeGreaterThanOrEqual(47);
    expect(azure.length).toBe(2);
    expect(starts).toBeGreaterThanOrEqual(280);
    expect(lostPid).toBeLessThan(starts / 3);
  });
});
