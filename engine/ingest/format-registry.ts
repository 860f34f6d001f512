/**
 * The formats Vestige recognises. Each sniffer scores the first bytes/lines;
 * the most confident wins, ties go to the earlier entry, so specific formats
 * come before generic ones (jsonl, syslog).
 */
import type { LogFormat } from './format';
import { auditdFormat } from './formats/auditd';
import {
  azureLinesFormat,
  cloudtrailLinesFormat,
  cloudtrailRecordsFormat,
  gcpAuditLinesFormat,
  k8sAuditLinesFormat,
  oktaLinesFormat,
} from './formats/cloud';
import { windowsJsonLinesFormat, windowsJsonStreamFormat } from './formats/windows-json';
import { csvFormat } from './formats/csv';
import { jsonArrayFormat } from './formats/json-array';
import { vpcFlowFormat } from './formats/vpc-flow';
import { zeekJsonFormat } from './formats/zeek-json';
import { zeekTsvFormat } from './formats/zeek-tsv';
import { evtxFormat } from './formats/evtx-format';
import { iisW3cFormat } from './formats/iis-w3c';
import { webAccessFormat } from './formats/web-access';
import { jsonlFormat } from './formats/jsonl';
import { syslogFormat } from './formats/syslog';

export const FORMATS: readonly LogFormat[] = [
  evtxFormat,
  cloudtrailRecordsFormat,
  windowsJsonStreamFormat,
  jsonArrayFormat,
  cloudtrailLinesFormat,
  oktaLinesFormat,
  azureLinesFormat,
  gcpAuditLinesFormat,
  k8sAuditLinesFormat,
  windowsJsonLinesFormat,
  zeekTsvFormat,
  zeekJsonFormat,
  vpcFlowFormat,
  auditdFormat,
  iisW3cFormat,
  webAccessFormat,
  jsonlFormat,
  syslogFormat,
  csvFormat,
];

export function sniffFormat(head: Uint8Array, lines: readonly string[]): LogFormat | null {
  let best: LogFormat | null = null;
  let score = 0;
  for (const f of FORMATS) {
    const s = f.kind === 'line' ? (lines.length ? f.sniff(lines) : 0) : f.sniff(head, lines);
    if (s > score) {
      best = f;
      score = s;
      // Certain: nothing later can beat it (ties go to the earlier entry).
      if (score >= 1) break;
    }
  }
  return best;
}

export function formatByName(name: string): LogFormat | null {
  return FORMATS.find((f) => f.name === name) ?? null;
}

/**
 * True when a head of bytes looks like binary data rather than text. A text
 * log may carry a few binary bytes (a TLS handshake sent to an HTTP port is
 * logged as is), so it takes a share of NULs or control bytes, not one.
 */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  if (n === 0) return false;
  let nul = 0;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0) nul++;
    else if (c < 9 || (c > 13 && c < 32)) ctrl++;
  }
  return nul / n > 0.01 || (nul + ctrl) / n > 0.1;
}
