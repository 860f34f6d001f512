/** Which kind of entity a field holds, and so which pivots a value of it offers. */
import type { EntityType } from '../../../engine/views/graph/graph-types';

export type EntityKind = EntityType | 'hash';

const KINDS: [RegExp, EntityKind][] = [
  [/(^|\.)(ip|address|addr)$/i, 'ip'],
  [/^(host\.(name|hostname)|hostname|computer(name)?|observer\.name)$/i, 'host'],
  [/(^|\.)(user\.name|username|user|account(name)?|targetusername|subjectusername)$/i, 'user'],
  [/^process\.(name|executable|parent\.executable)$|(^|\.)(image|parentimage)$/i, 'process'],
  [/(^|\.)(hash|hashes|md5|sha1|sha256|sha512|imphash)$|\.hash\./i, 'hash'],
  [/^file\.(path|name)$|(^|\.)(targetfilename|filename)$/i, 'file'],
];

export function entityKind(field: string): EntityKind | null {
  const f = field.replace(/^@/, '');
  for (const [re, kind] of KINDS) if (re.test(f)) return kind;
  return null;
}

export interface PivotTargets {
  graph: boolean;
  tree: boolean;
  map: boolean;
  timeline: 'host' | 'user' | null;
}

/** Which other views can show a value of this kind. */
export function pivotTargets(kind: EntityKind | null): PivotTargets {
  return {
    graph: kind !== null && kind !== 'hash',
    tree: kind === 'host' || kind === 'process',
    map: kind === 'ip',
    timeline: kind === 'host' || kind === 'user' ? kind : null,
  };
}
