/**
 * Short action names and ECS categories for well-known Windows event ids.
 * How to add one: put `id: [action, category]` in the table of its source;
 * unknown ids fall back to "<channel>/<id>" as the action.
 */
type Entry = readonly [action: string, category: string | null];

const SECURITY: Record<number, Entry> = {
  1102: ['audit-log-cleared', 'configuration'],
  4624: ['logged-in', 'authentication'],
  4625: ['logon-failed', 'authentication'],
  4634: ['logged-out', 'authentication'],
  4647: ['logged-out', 'authentication'],
  4648: ['logged-in-explicit', 'authentication'],
  4672: ['logged-in-special', 'iam'],
  4688: ['created-process', 'process'],
  4689: ['terminated-process', 'process'],
  4697: ['service-installed', 'configuration'],
  4698: ['scheduled-task-created', 'configuration'],
  4699: ['scheduled-task-deleted', 'configuration'],
  4702: ['scheduled-task-updated', 'configuration'],
  4720: ['added-user-account', 'iam'],
  4722: ['enabled-user-account', 'iam'],
  4725: ['disabled-user-account', 'iam'],
  4726: ['deleted-user-account', 'iam'],
  4728: ['added-member-to-group', 'iam'],
  4732: ['added-member-to-group', 'iam'],
  4756: ['added-member-to-group', 'iam'],
  4738: ['modified-user-account', 'iam'],
  4740: ['locked-out-user-account', 'iam'],
  4768: ['kerberos-authentication-ticket-requested', 'authentication'],
  4769: ['kerberos-service-ticket-requested', 'authentication'],
  4771: ['kerberos-preauth-failed', 'authentication'],
  4776: ['credential-validated', 'authentication'],
  5140: ['network-share-object-accessed', 'network'],
  5145: ['network-share-object-access-checked', 'network'],
  5156: ['network-connection-allowed', 'network'],
};

const SYSMON: Record<number, Entry> = {
  1: ['process-created', 'process'],
  2: ['file-creation-time-changed', 'file'],
  3: ['network-connection', 'network'],
  5: ['process-terminated', 'process'],
  6: ['driver-loaded', 'driver'],
  7: ['image-loaded', 'library'],
  8: ['create-remote-thread', 'process'],
  9: ['raw-access-read', 'file'],
  10: ['process-access', 'process'],
  11: ['file-created', 'file'],
  12: ['registry-object-added-or-deleted', 'registry'],
  13: ['registry-value-set', 'registry'],
  14: ['registry-object-renamed', 'registry'],
  15: ['file-stream-created', 'file'],
  17: ['pipe-created', 'file'],
  18: ['pipe-connected', 'file'],
  19: ['wmi-filter', 'process'],
  20: ['wmi-consumer', 'process'],
  21: ['wmi-consumer-filter-binding', 'process'],
  22: ['dns-query', 'network'],
  23: ['file-deleted', 'file'],
  25: ['process-tampering', 'process'],
  26: ['file-delete-detected', 'file'],
};

const SYSTEM: Record<number, Entry> = {
  104: ['log-cleared', 'configuration'],
  7045: ['service-installed', 'configuration'],
  7036: ['service-state-changed', 'configuration'],
};

const POWERSHELL: Record<number, Entry> = {
  4103: ['powershell-module-logged', 'process'],
  4104: ['powershell-script-block-logged', 'process'],
};

export function actionFor(channel: string, eventId: number): Entry | undefined {
  const c = channel.toLowerCase();
  if (c === 'security') return SECURITY[eventId];
  if (c.includes('sysmon')) return SYSMON[eventId];
  if (c === 'system') return SYSTEM[eventId];
  if (c.includes('powershell')) return POWERSHELL[eventId];
  return undefined;
}
