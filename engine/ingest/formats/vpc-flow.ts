/**
 * AWS VPC flow logs as delivered to S3 or exported from CloudWatch: records
 * of space-separated fields, `-` for "no value". The default (version 2)
 * layout needs no header; a header line of field names (`srcaddr dstaddr …`
 * or the `${srcaddr} ${dstaddr}` format string) sets a custom layout, and may
 * come again when files are concatenated. Field names stay AWS's in `raw`;
 * numeric fields become numbers, and `protocol-name` is added beside the
 * IANA protocol number.
 */
import type { EventRow } from '../../schema/ecs';
import { perLine, type LineFormat, type ParseResult } from '../format';

export const DEFAULT_FIELDS = ['version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status'];

/** Every field AWS documents (versions 2–8), so a header line can be told from data. */
const KNOWN = new Set([
  ...DEFAULT_FIELDS, 'vpc-id', 'subnet-id', 'instance-id', 'tcp-flags', 'type', 'pkt-srcaddr', 'pkt-dstaddr', 'region', 'az-id',
  'sublocation-type', 'sublocation-id', 'pkt-src-aws-service', 'pkt-dst-aws-service', 'flow-direction', 'traffic-path',
  'ecs-cluster-arn', 'ecs-cluster-name', 'ecs-container-instance-arn', 'ecs-container-instance-id', 'ecs-container-id',
  'ecs-second-container-id', 'ecs-service-name', 'ecs-task-definition-arn', 'ecs-task-arn', 'ecs-task-id', 'reject-reason',
]);
const NUMERIC = new Set(['version', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'tcp-flags', 'traffic-path']);
const PROTOCOLS: Record<number, string> = { 1: 'icmp', 2: 'igmp', 6: 'tcp', 17: 'udp', 41: 'ipv6', 47: 'gre', 50: 'esp', 51: 'ah', 58: 'ipv6-icmp', 89: 'ospf', 132: 'sctp' };
/** A default-layout record: version, 12-digit account (or "unknown"), interface, …, status. */
const V2_LINE = /^\d+ (\d{12}|unknown|-) (eni-[0-9a-f]+|-) \S+ \S+ (\d+|-) (\d+|-) (\d+|-) (\d+|-) (\d+|-) \d+ \d+ (ACCEPT|REJECT|-) (OK|NODATA|SKIPDATA)$/;

/** The field names of a header line, or null when the line is data. */
export function headerFields(line: string): string[] | null {
  const names = line.trim().split(/\s+/).map((t) => t.replace(/^\$\{(.+)\}$/, '$1'));
  if (names.length < 3 || !names.every((n) => /^[a-z][a-z0-9-]*$/.test(n))) return null;
  const known = names.filter((n) => KNOWN.has(n)).length;
  return known / names.length >= 0.6 && (names.includes('srcaddr') || names.includes('pkt-srcaddr') || names.includes('action')) ? names : null;
}

function toRow(fields: readonly string[], cells: string[]): ParseResult {
  if (cells.length !== fields.length) return { reject: `${cells.length} fields, the layout has ${fields.length}` };
  const raw: Record<string, unknown> = {};
  fields.forEach((f, i) => {
    const c = cells[i];
    raw[f] = c === '-' ? null : NUMERIC.has(f) && /^\d+$/.test(c) ? Number(c) : c;
  });
  if (typeof raw.protocol === 'number') raw['protocol-name'] = PROTOCOLS[raw.protocol] ?? null;
  const action = typeof raw.action === 'string' ? raw.action : null;
  const row: EventRow = {
    'event.dataset': 'aws.vpcflow',
    'event.kind': 'event',
    'event.category': 'network',
    'event.action': action?.toLowerCase() ?? null,
    'event.outcome': action === 'ACCEPT' ? 'success' : action === 'REJECT' ? 'failure' : null,
    'source.ip': (raw.srcaddr as string | null) ?? null,
    'source.port': typeof raw.srcport === 'number' ? raw.srcport : null,
    'destination.ip': (raw.dstaddr as string | null) ?? null,
    'destination.port': typeof raw.dstport === 'number' ? raw.dstport : null,
  };
  if (raw.start !== undefined && raw.start !== null) {
    const d = typeof raw.start === 'number' ? new Date(raw.start * 1000) : null;
    if (!d || Number.isNaN(d.getTime())) return { reject: `unreadable start time: ${String(raw.start).slice(0, 30)}` };
    row['@timestamp'] = d.toISOString();
    row['event.timezone'] = 'Z';
  }
  row.raw = JSON.stringify(raw);
  return row;
}

export const vpcFlowFormat: LineFormat = {
  kind: 'line',
  name: 'vpc-flow',
  sniff(lines) {
    const sample = lines.filter((l) => l.trim() !== '').slice(0, 10);
    if (sample.length === 0) return 0;
    if (headerFields(sample[0])) return 0.95;
    const ok = sample.filter((l) => V2_LINE.test(l.trim())).length;
    return ok / sample.length >= 0.8 ? 0.95 : 0;
  },
  create() {
    let fields: readonly string[] = DEFAULT_FIELDS;
    return perLine((text) => {
      const t = text.trim();
      if (t === '') return null;
      const h = headerFields(t);
      if (h) {
        fields = h;
        return null;
      }
      return toRow(fields, t.split(/\s+/));
    });
  },
};
