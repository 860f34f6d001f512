/**
 * MITRE ATT&CK tactics and techniques from Sigma tags (`attack.credential-access`,
 * `attack.t1110.001`). Tactic ids and names are facts, kept in our own table.
 */

export const TACTICS: Readonly<Record<string, { id: string; name: string }>> = {
  reconnaissance: { id: 'TA0043', name: 'Reconnaissance' },
  'resource-development': { id: 'TA0042', name: 'Resource Development' },
  'initial-access': { id: 'TA0001', name: 'Initial Access' },
  execution: { id: 'TA0002', name: 'Execution' },
  persistence: { id: 'TA0003', name: 'Persistence' },
  'privilege-escalation': { id: 'TA0004', name: 'Privilege Escalation' },
  'defense-evasion': { id: 'TA0005', name: 'Defense Evasion' },
  'stealth': { id: 'TA0005', name: 'Defense Evasion' },
  'defense-impairment': { id: 'TA0112', name: 'Defense Impairment' },
  'credential-access': { id: 'TA0006', name: 'Credential Access' },
  discovery: { id: 'TA0007', name: 'Discovery' },
  'lateral-movement': { id: 'TA0008', name: 'Lateral Movement' },
  collection: { id: 'TA0009', name: 'Collection' },
  'command-and-control': { id: 'TA0011', name: 'Command and Control' },
  exfiltration: { id: 'TA0010', name: 'Exfiltration' },
  impact: { id: 'TA0040', name: 'Impact' },
};

export function attackFromTags(tags: readonly string[]): { tactics: string[]; techniques: string[] } {
  const tactics = new Set<string>();
  const techniques = new Set<string>();
  for (const raw of tags) {
    const t = raw.toLowerCase();
    if (!t.startsWith('attack.')) continue;
    const rest = t.slice(7).replace(/_/g, '-');
    if (/^t\d{4}(\.\d{3})?$/.test(rest)) techniques.add(rest.toUpperCase());
    else if (TACTICS[rest]) tactics.add(TACTICS[rest].name);
  }
  return { tactics: [...tactics], techniques: [...techniques] };
}
