/**
 * Turns a parsed record (template + values) into evtx_dump's JSON shape, in
 * two steps: `resolve` fills the template's slots (expanding array values
 * and embedded BinXML), then `elementValue` applies evtx_dump's JSON rules:
 * an element with only text is its value (a number when it is a single
 * integer or boolean), attributes go in `#attributes`, mixed text in
 * `#text`, repeated child names get `_1`, `_2`… suffixes, and inside
 * EventData/UserData, `<Data Name="X">` becomes key X (unnamed Data are
 * gathered under `Data.#text`). Empty values count as absent.
 */
import { Fragment, Instance, Subst, TElement, type Node, type SubValue } from './binxml';
import { EvtxFormatError } from './bytes';
import { ArrayValue, type Scalar } from './values';

export interface RElement {
  readonly name: string;
  readonly attrs: [string, Scalar[]][];
  readonly children: Item[];
  readonly hasElement: boolean;
}
export type Item = Scalar | RElement;

type Json = Record<string, unknown>;
const NO_VALUES: readonly SubValue[] = [];
/** Shared by every element without attributes (never written to). */
const NO_ATTRS: [string, Scalar[]][] = [];
const MAX_DEPTH = 64;

export function resolve(nodes: readonly Node[], values: readonly SubValue[], out: Item[], depth: number): void {
  if (depth > MAX_DEPTH) throw new EvtxFormatError('templates nested too deeply', 0);
  for (const n of nodes) {
    if (typeof n === 'string') out.push(n);
    else if (n instanceof Subst) pushValue(values[n.index], out, depth);
    else if (n instanceof TElement) resolveElement(n, values, out, depth);
    else if (n instanceof Instance) resolve(n.template, n.values, out, depth + 1);
  }
}

function pushValue(v: SubValue | undefined, out: Item[], depth: number): void {
  if (v === null || v === undefined) return;
  if (v instanceof Fragment) resolve(v.nodes, NO_VALUES, out, depth + 1);
  else if (v instanceof ArrayValue) {
    if (v.items.length) out.push(v.text());
  } else out.push(v);
}

function resolveElement(el: TElement, values: readonly SubValue[], out: Item[], depth: number): void {
  const slot = arraySlot(el, values);
  if (slot >= 0) {
    // evtx_dump repeats the element once per array item (MS-EVEN6 array expansion).
    for (const item of (values[slot] as ArrayValue).items) {
      const one = values.slice();
      one[slot] = item === '' ? null : item;
      resolveElement(el, one, out, depth + 1);
    }
    return;
  }
  const attrs: [string, Scalar[]][] = el.attrs.length ? [] : NO_ATTRS;
  for (const a of el.attrs) {
    const items: Scalar[] = [];
    for (const part of a.parts) {
      if (typeof part === 'string') items.push(part);
      else {
        const v = values[part.index];
        if (v instanceof ArrayValue) {
          if (v.items.length) items.push(v.text());
        } else if (v !== null && v !== undefined && !(v instanceof Fragment)) items.push(v);
      }
    }
    if (items.length) attrs.push([a.name, items]);
  }
  const children: Item[] = [];
  resolve(el.children, values, children, depth + 1);
  let hasElement = false;
  for (const c of children) if (typeof c === 'object') hasElement = true;
  out.push({ name: el.name, attrs, children, hasElement });
}

function isMulti(v: SubValue | undefined): boolean {
  return v instanceof ArrayValue && v.items.length > 1;
}

/** The first multi-item array substitution among the element's own content, then its attributes; -1 if none. */
function arraySlot(el: TElement, values: readonly SubValue[]): number {
  for (const i of el.slots) if (isMulti(values[i])) return i;
  return -1;
}

function set(obj: Json, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Text content; a lone integer or boolean keeps its JSON type. Child elements are skipped. */
function contentValue(items: readonly Item[]): Scalar {
  if (items.length === 1 && typeof items[0] !== 'object') return items[0];
  let s = '';
  let single: Scalar | undefined;
  let n = 0;
  for (const v of items) {
    if (typeof v === 'object') continue;
    s += String(v);
    single = v;
    n++;
  }
  return n === 1 && single !== undefined ? single : s;
}

function hasText(el: RElement): boolean {
  for (const c of el.children) if (typeof c !== 'object') return true;
  return false;
}

export function elementValue(el: RElement, container: boolean): unknown {
  if (el.hasElement || el.attrs.length) return body(el, container);
  return el.children.length ? contentValue(el.children) : null;
}

function nameAttr(el: RElement): string {
  for (const [name, items] of el.attrs) {
    if (name !== 'Name') continue;
    if (items.length === 1) return String(items[0]);
    return items.map(String).join('');
  }
  return '';
}

function dataValue(el: RElement): unknown {
  if (el.hasElement) return body(el, false);
  return el.children.length ? contentValue(el.children) : '';
}

function body(el: RElement, container: boolean): Json {
  const obj: Json = {};
  if (el.attrs.length) {
    const attrs: Json = {};
    for (const [name, items] of el.attrs) set(attrs, name, contentValue(items));
    obj['#attributes'] = attrs;
  }
  if (hasText(el)) obj['#text'] = contentValue(el.children);
  if (!el.hasElement) return obj;
  // Inside EventData/UserData: the Name of each child that is a Data element ('' without one).
  let names: string[] | undefined;
  let flatten = false;
  if (container) {
    names = el.children.map((c) => (typeof c === 'object' && c.name === 'Data' ? nameAttr(c) : ''));
    flatten = names.some((n) => n !== '');
  }
  let seen: Map<string, number> | undefined;
  let dataDone = false;
  for (let i = 0; i < el.children.length; i++) {
    const c = el.children[i];
    if (typeof c !== 'object') continue;
    if (container && c.name === 'Data') {
      if (flatten) {
        const key = names![i];
        if (key) set(obj, key, dataValue(c));
      } else if (!dataDone) {
        dataDone = true;
        const all = el.children.filter((d): d is RElement => typeof d === 'object' && d.name === 'Data');
        obj.Data = { '#text': all.length === 1 ? dataValue(all[0]) : all.map(dataValue) };
      }
      continue;
    }
    seen ??= new Map();
    const k = seen.get(c.name) ?? 0;
    seen.set(c.name, k + 1);
    set(obj, k ? `${c.name}_${k}` : c.name, elementValue(c, c.name === 'EventData' || c.name === 'UserData'));
  }
  return obj;
}

/** The JSON for one record's top-level nodes: `{ Event: … }`. */
export function recordJson(nodes: readonly Node[]): Json {
  const items: Item[] = [];
  resolve(nodes, NO_VALUES, items, 0);
  const root = items.find((i): i is RElement => typeof i === 'object');
  if (!root) throw new EvtxFormatError('record has no root element', 0);
  const out: Json = {};
  set(out, root.name, elementValue(root, false));
  return out;
}
