/**
 * The `detection` section: search identifiers → typed detections, and the
 * condition over them. A map is AND of its field items, a list of maps is OR,
 * a list of plain values (or a lone value) is a keyword search. A key with an
 * empty field name (`'|re': ...`) is a keyword search with modifiers.
 */
import { SigmaError, type SourceLoc } from './errors';
import { parseCondition } from './condition';
import { applyModifiers, type ModifierOptions } from './modifiers';
import type { ConditionNode, Detection, DetectionItem } from './types';
import type { YNode } from './ynode';

export interface ParsedDetections {
  detections: Map<string, Detection>;
  condition: ConditionNode;
}

/** Parses identifiers from `section`, skipping `reserved` keys; `conditionNode` holds the condition text(s). */
export function parseDetections(
  section: YNode,
  reserved: readonly string[],
  conditionNode: YNode | undefined,
  opts: ModifierOptions,
): ParsedDetections {
  if (section.kind !== 'map') throw new SigmaError('schema', 'detection must be a mapping', section.loc);
  const detections = new Map<string, Detection>();
  for (const e of section.entries) {
    if (reserved.includes(e.key)) continue;
    detections.set(e.key, parseDetection(e.value, e.keyLoc, opts));
  }
  if (!conditionNode) throw new SigmaError('schema', 'detection has no condition', section.loc);
  const texts =
    conditionNode.kind === 'seq'
      ? conditionNode.items.map((n) => (n.kind === 'scalar' ? String(n.value ?? '') : ''))
      : conditionNode.kind === 'scalar'
        ? [String(conditionNode.value ?? '')]
        : [];
  if (texts.length === 0 || texts.some((t) => t.trim() === '')) throw new SigmaError('condition', 'empty condition', conditionNode.loc);
  const names = [...detections.keys()];
  const conds = texts.map((t) => parseCondition(t, names, conditionNode.loc));
  // Several conditions (Sigma v1) are several queries: their matches are the union.
  return { detections, condition: conds.length === 1 ? conds[0] : { op: 'or', args: conds } };
}

function parseDetection(node: YNode, loc: SourceLoc, opts: ModifierOptions): Detection {
  if (node.kind === 'map') {
    if (node.entries.length === 0) throw new SigmaError('schema', 'empty search identifier', loc);
    const items: Detection[] = node.entries.map((e) => ({ kind: 'item', item: parseItem(e.key, e.value, e.keyLoc, opts) }));
    return items.length === 1 ? items[0] : { kind: 'and', items, loc };
  }
  if (node.kind === 'seq') {
    if (node.items.length === 0) throw new SigmaError('schema', 'empty search identifier', loc);
    const maps = node.items.filter((n) => n.kind !== 'scalar');
    const scalars = node.items.filter((n) => n.kind === 'scalar');
    const items: Detection[] = maps.map((m) => parseDetection(m, m.loc, opts));
    if (scalars.length > 0) items.push({ kind: 'item', item: keywordItem([], scalars, loc, opts) });
    return items.length === 1 ? items[0] : { kind: 'or', items, loc };
  }
  return { kind: 'item', item: keywordItem([], [node], loc, opts) };
}

function keywordItem(mods: string[], values: YNode[], loc: SourceLoc, opts: ModifierOptions): DetectionItem {
  const m = applyModifiers(mods, values, loc, opts);
  return { field: null, ...m, loc };
}

function parseItem(key: string, value: YNode, loc: SourceLoc, opts: ModifierOptions): DetectionItem {
  const [field, ...mods] = key.split('|');
  const values = value.kind === 'seq' ? value.items : [value];
  if (value.kind === 'map') throw new SigmaError('value', `field '${field}' has a mapping as value`, value.loc);
  if (values.length === 0) throw new SigmaError('value', `field '${field}' has an empty value list`, value.loc);
  if (values.some((v) => v.kind !== 'scalar')) throw new SigmaError('value', `field '${field}' has a nested list or mapping as value`, value.loc);
  const m = applyModifiers(mods, values, loc, opts);
  return { field: field === '' ? null : field, ...m, loc };
}
