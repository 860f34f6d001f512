/**
 * A located YAML tree. The `yaml` package's nodes carry offsets; we convert
 * them once into plain nodes with line/column so that later stages (and the
 * merge of `action: global` documents) keep positions without the library.
 */
import { isMap, isScalar, isSeq, isAlias, type LineCounter, type Node as YamlNode } from 'yaml';
import type { SourceLoc } from './errors';

export type YScalarValue = string | number | boolean | null;

export type YNode =
  | { readonly kind: 'map'; readonly entries: readonly YEntry[]; readonly loc: SourceLoc }
  | { readonly kind: 'seq'; readonly items: readonly YNode[]; readonly loc: SourceLoc }
  | {
      readonly kind: 'scalar';
      readonly value: YScalarValue;
      /** Source text of plain scalars: keeps `0x10` or `012` as written (Sigma values are text). */
      readonly src: string;
      readonly quoted: boolean;
      readonly loc: SourceLoc;
    };

export interface YEntry {
  readonly key: string;
  readonly keyLoc: SourceLoc;
  readonly value: YNode;
}

export function toYNode(node: unknown, lc: LineCounter, path: string, fallback: SourceLoc): YNode {
  const locOf = (n: { range?: [number, number, number] | null } | null | undefined): SourceLoc => {
    if (!n?.range) return fallback;
    const p = lc.linePos(n.range[0]);
    return { path, line: p.line, col: p.col };
  };
  if (isAlias(node)) return { kind: 'scalar', value: null, src: '', quoted: false, loc: locOf(node) };
  if (isMap(node)) {
    const loc = locOf(node);
    const entries: YEntry[] = node.items.map((pair) => {
      const k = pair.key as YamlNode | null;
      const keyLoc = locOf(k as never);
      const key = isScalar(k) ? String(k.value ?? '') : String(k);
      const value = pair.value == null
        ? ({ kind: 'scalar', value: null, src: '', quoted: false, loc: keyLoc } as const)
        : toYNode(pair.value, lc, path, keyLoc);
      return { key, keyLoc, value };
    });
    return { kind: 'map', entries, loc };
  }
  if (isSeq(node)) {
    const loc = locOf(node);
    return { kind: 'seq', items: node.items.map((i) => toYNode(i, lc, path, loc)), loc };
  }
  if (isScalar(node)) {
    const v = node.value;
    const value: YScalarValue =
      v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : String(v);
    const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
    const src = typeof node.source === 'string' && !quoted ? node.source : String(value ?? '');
    return { kind: 'scalar', value, src, quoted, loc: locOf(node) };
  }
  return { kind: 'scalar', value: null, src: '', quoted: false, loc: fallback };
}

export function get(node: YNode | undefined, key: string): YNode | undefined {
  if (!node || node.kind !== 'map') return undefined;
  for (const e of node.entries) if (e.key === key) return e.value;
  return undefined;
}

export function str(node: YNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

export function strList(node: YNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items.map(str).filter((s): s is string => s !== undefined);
  const s = str(node);
  return s === undefined ? [] : [s];
}

/** Plain JS value (for metadata nobody needs positions for). */
export function toJs(node: YNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toJs);
  const o: Record<string, unknown> = {};
  for (const e of node.entries) o[e.key] = toJs(e.value);
  return o;
}

/** Deep merge for Sigma v1 collections: maps merge key by key, anything else is replaced. */
export function mergeNodes(base: YNode, over: YNode): YNode {
  if (base.kind !== 'map' || over.kind !== 'map') return over;
  const out: YEntry[] = [];
  const seen = new Set<string>();
  for (const e of base.entries) {
    const o = over.entries.find((x) => x.key === e.key);
    out.push(o ? { ...o, value: mergeNodes(e.value, o.value) } : e);
    seen.add(e.key);
  }
  for (const o of over.entries) if (!seen.has(o.key)) out.push(o);
  return { kind: 'map', entries: out, loc: over.loc };
}

export function without(node: YNode, key: string): YNode {
  if (node.kind !== 'map') return node;
  return { ...node, entries: node.entries.filter((e) => e.key !== key) };
}
