/** What a process's spoofing flag says, as text for its row badge and its detail pane. */
import type { SpoofFlag } from '../../../engine/views/process-tree/tree-types';

const WHY: Record<SpoofFlag['reason'], string> = {
  'creator-mismatch': "Another process held this process's creation handle after opening the recorded parent for process creation: the parent was chosen, not real (parent PID spoofing).",
  'parent-image-mismatch': 'The event names a parent image that the recorded parent process does not have.',
  'creator-logon-mismatch': 'The account that created this process (4688 Creator Subject) is not the recorded parent’s own logon: the parent did not create it, so it was chosen (parent PID spoofing).',
  'inherited-token': 'An ordinary account created this process, yet it runs with another logon’s token: only the recorded parent can have handed that on (parent PID spoofing).',
  elevation: 'A UAC elevation: the AppInfo service (SYSTEM) created this process with a full token and named the requesting process as its parent, by design.',
};

export interface SpoofText {
  /** The row badge. */
  badge: string;
  /** The detail pane's heading. */
  title: string;
  why: string;
  /** The creating process ("Real creator: …") or account ("Creating account: …"), when known. */
  creator: string | null;
  /** One line per disagreeing field. */
  fields: string[];
}

export function spoofText(s: SpoofFlag): SpoofText {
  const elevated = s.reason === 'elevation';
  const creator = s.creatorImage ? `Real creator: ${s.creatorPid ?? '?'} ${s.creatorImage}` : s.creatorAccount ? `Creating account: ${s.creatorAccount}` : null;
  return {
    badge: elevated ? 'elevated (UAC)' : 'spoofed parent',
    title: elevated ? 'Parent by UAC elevation' : 'Spoofed parent',
    why: WHY[s.reason],
    creator,
    fields: s.fields.map((f) => `${f.field} is ${f.value}, expected ${f.expected}: ${f.source}.`),
  };
}
