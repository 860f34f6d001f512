import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../testing/node/corpus';
import { isReject } from '../format';
import { parseLines } from '../run-lines';
import { auditdFormat } from './auditd';
import { splitBytes } from './node/split-lines';
import { zipMembers } from './node/zip-members';

const root = corpusRoot();
const ctx = { sourceName: 'corpus', referenceTime: new Date('2026-01-01T00:00:00Z') };

/**
 * OTRF's raw auditd captures. Its Log4Shell `syslog_auoms_auditd_*` archive is
 * not here: it holds Azure Sentinel Syslog rows (JSON) whose SyslogMessage is
 * an AUOMS record, one line per event, a different format.
 */
const ARCHIVES = ['datasets/atomic/linux/defense_evasion/host/sh_binary_padding_dd.zip', 'datasets/atomic/linux/discovery/host/sh_arp_cache.zip'];

describe.skipIf(!root)('auditd corpus (OTRF-Security-Datasets)', () => {
  it('gives one event per distinct audit(time:serial), none rejected, every record kept', () => {
    let events = 0;
    let records = 0;
    for (const a of ARCHIVES) {
      const [member] = zipMembers(join(root!, 'OTRF-Security-Datasets', a));
      const text = member.data.toString('utf8');
      const serials = new Set(text.match(/audit\(\d+\.\d+:\d+\)/g));
      const lines = splitBytes(member.data).map((l) => l.text ?? '');
      expect(auditdFormat.sniff(lines.slice(0, 50))).toBeGreaterThan(0.5);
      const out = parseLines(auditdFormat.create(ctx), lines);
      expect(out.filter((o) => isReject(o.result)), a).toEqual([]);
      expect(out.length, a).toBe(serials.size);
      const kept = out.reduce((n, o) => n + JSON.parse(String((o.result as { raw: string }).raw)).records.length, 0);
      expect(kept, a).toBe(lines.filter((l) => l.trim() !== '').length);
      for (const o of out) expect(o.result).toMatchObject({ 'event.action': 'execve', 'event.outcome': 'success', 'user.name': '1000' });
      events += out.length;
      records += kept;
    }
    expect([events, records]).toEqual([3, 18]);
  });

  it('rebuilds the command lines of the arp discovery capture', () => {
    const [member] = zipMembers(join(root!, 'OTRF-Security-Datasets', ARCHIVES[1]));
    const out = parseLines(auditdFormat.create(ctx), splitBytes(member.data).map((l) => l.text ?? ''));
    expect(out.map((o) => (o.result as Record<string, unknown>)['process.command_line'])).toEqual(['arp -a', 'grep -v ^?']);
    expect(out[0].result).toMatchObject({ 'process.executable': '/usr/sbin/arp', 'process.parent.pid': 29002, 'file.path': '/usr/sbin/arp', '@timestamp': '2020-11-10T07:48:16.155Z' });
  });
});
