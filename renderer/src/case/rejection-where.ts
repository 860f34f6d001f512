import type { Rejection } from '../../../engine/host/contract';

/** `member line 12` / `offset 4096`: where in a source a record was rejected. */
export function rejectionWhere(r: Pick<Rejection, 'member' | 'line' | 'offset'>): string {
  const at = r.line !== null ? `line ${r.line}` : r.offset !== null ? `offset ${r.offset}` : '';
  return [r.member, at].filter(Boolean).join(' ');
}
