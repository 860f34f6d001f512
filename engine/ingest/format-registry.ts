/** The line formats Vestige recognises, most specific first. */
import type { LineFormat } from './format';
import { jsonlFormat } from './formats/jsonl';
import { syslogFormat } from './formats/syslog';

export const LINE_FORMATS: readonly LineFormat[] = [jsonlFormat, syslogFormat];

/** Picks the format whose sniffer is most confident about these first lines. */
export function sniffLineFormat(lines: readonly string[]): LineFormat | null {
  let best: LineFormat | null = null;
  let score = 0;
  for (const f of LINE_FORMATS) {
    const s = f.sniff(lines);
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return best;
}

/** True when a head of bytes looks like binary data rather than text. */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  if (n === 0) return false;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32)) ctrl++;
  }
  return ctrl / n > 0.1;
}
