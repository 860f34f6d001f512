/**
 * Binary XML token reader. Template definitions are parsed once per chunk
 * into a small tree (`TElement`) whose substitution slots (`Subst`) are
 * filled per record from the instance's value array; nothing here builds
 * JSON (see `render.ts`). All positions are offsets inside the chunk,
 * because names and templates are referenced by chunk-relative offsets.
 */
import { EvtxFormatError, need, u16, u32, utf16At } from './bytes';
import { readValue, type Value } from './values';

export class Subst {
  constructor(readonly index: number, readonly optional: boolean) {}
}

export interface TAttr {
  readonly name: string;
  readonly parts: Part[];
}

export class TElement {
  readonly attrs: TAttr[] = [];
  readonly children: Node[] = [];
  private slotList: readonly number[] | null = null;
  constructor(readonly name: string) {}

  /** Substitution slots of its own content, then of its attributes: where array values may expand it (worked out once, on first use). */
  get slots(): readonly number[] {
    if (this.slotList) return this.slotList;
    const slots: number[] = [];
    for (const c of this.children) if (c instanceof Subst) slots.push(c.index);
    for (const a of this.attrs) for (const part of a.parts) if (part instanceof Subst) slots.push(part.index);
    return (this.slotList = slots);
  }
}

/** A template applied to one record's values. */
export class Instance {
  constructor(readonly template: readonly Node[], readonly values: readonly SubValue[]) {}
}

/** An embedded BinXML substitution (type 0x21), e.g. a UserData body. */
export class Fragment {
  constructor(readonly nodes: readonly Node[]) {}
}

export type SubValue = Value | Fragment;
/** Attribute value pieces: literal text or a substitution slot. */
export type Part = string | Subst;
export type Node = Part | TElement | Instance;

/** Deep enough for any real event; bounds recursion on corrupt or self-referencing templates. */
const MAX_DEPTH = 48;

/** Per-chunk caches: names and templates are shared by all records of a chunk and only there. */
export class ChunkContext {
  readonly names = new Map<number, string>();
  readonly templates = new Map<number, readonly Node[]>();
  constructor(readonly b: Uint8Array) {}
}

/** Parses tokens at `p` until EOF (top level) or the matching EndElement; returns the position after it. */
export function parseNodes(ctx: ChunkContext, p: number, end: number, out: Node[], depth: number, inElement: boolean): number {
  const b = ctx.b;
  if (depth > MAX_DEPTH) throw new EvtxFormatError('BinXML nested too deeply', p);
  while (p < end) {
    const tok = b[p];
    switch (tok & 0xbf) {
      case 0x00:
        if (inElement) throw new EvtxFormatError('end of BinXML inside an element', p);
        return p + 1;
      case 0x01:
        p = parseElement(ctx, p, end, out, depth + 1);
        break;
      case 0x04:
        if (!inElement) throw new EvtxFormatError('unbalanced end element', p);
        return p + 1;
      case 0x0a: // processing instruction target: a name, not rendered in JSON
        p = readName(ctx, p + 5, u32(b, p + 1))[1];
        break;
      case 0x0b:
        need(b, p, 3 + 2 * u16(b, p + 1), 'PI data');
        p += 3 + 2 * u16(b, p + 1);
        break;
      case 0x0c:
        p = parseInstance(ctx, p, end, out, depth + 1);
        break;
      case 0x0f: // fragment header: version and flags only
        p += 4;
        break;
      default:
        p = parsePart(ctx, p, out);
    }
  }
  if (inElement) throw new EvtxFormatError('BinXML ran past its end inside an element', p);
  return p;
}

/** Text-like tokens allowed both in content and in attribute values. */
function parsePart(ctx: ChunkContext, p: number, out: Node[]): number {
  const b = ctx.b;
  switch (b[p] & 0xbf) {
    case 0x05: {
      if (b[p + 1] !== 0x01) throw new EvtxFormatError(`unsupported literal value type 0x${b[p + 1].toString(16)}`, p);
      const n = u16(b, p + 2);
      need(b, p + 4, 2 * n, 'text');
      if (n) out.push(utf16At(b, p + 4, n));
      return p + 4 + 2 * n;
    }
    case 0x07: {
      const n = u16(b, p + 1);
      need(b, p + 3, 2 * n, 'CDATA');
      if (n) out.push(utf16At(b, p + 3, n));
      return p + 3 + 2 * n;
    }
    // evtx_dump prints character and entity references as written, unresolved.
    case 0x08:
      out.push(`&#${u16(b, p + 1)};`);
      return p + 3;
    case 0x09: {
      const [name, next] = readName(ctx, p + 5, u32(b, p + 1));
      out.push(`&${name};`);
      return next;
    }
    case 0x0d:
    case 0x0e:
      need(b, p, 4, 'substitution');
      out.push(new Subst(u16(b, p + 1), (b[p] & 0xbf) === 0x0e));
      return p + 4;
    default:
      throw new EvtxFormatError(`unexpected BinXML token 0x${b[p].toString(16)}`, p);
  }
}

function parseElement(ctx: ChunkContext, p: number, end: number, out: Node[], depth: number): number {
  const b = ctx.b;
  const hasAttrs = (b[p] & 0x40) !== 0;
  need(b, p, 11, 'element');
  // token, dependency id (u16), data size (u32), then the name offset
  let name: string;
  [name, p] = readName(ctx, p + 11, u32(b, p + 7));
  const el = new TElement(name);
  if (hasAttrs) {
    p += 4; // attribute list size: the attribute tokens themselves say where they end
    for (let guard = 0; (b[p] & 0xbf) === 0x06; guard++) {
      if (guard > 4096 || p >= end) throw new EvtxFormatError('runaway attribute list', p);
      let attrName: string;
      [attrName, p] = readName(ctx, p + 5, u32(b, p + 1));
      const parts: Part[] = [];
      for (;;) {
        const t = b[p] & 0xbf;
        if (t !== 0x05 && t !== 0x07 && t !== 0x08 && t !== 0x09 && t !== 0x0d && t !== 0x0e) break;
        p = parsePart(ctx, p, parts as Node[]);
      }
      el.attrs.push({ name: attrName, parts });
    }
  }
  const close = b[p];
  if (close === 0x02) p = parseNodes(ctx, p + 1, end, el.children, depth, true);
  else if (close === 0x03) p += 1;
  else throw new EvtxFormatError(`expected end of start tag, found 0x${close?.toString(16)}`, p);
  out.push(el);
  return p;
}

/**
 * A name is referenced by chunk offset; when that offset is where we stand,
 * the name is stored inline and must be stepped over. Returns [name, next position].
 */
function readName(ctx: ChunkContext, p: number, offset: number): [string, number] {
  const b = ctx.b;
  let name = ctx.names.get(offset);
  if (name === undefined) {
    need(b, offset, 8, 'name');
    const n = u16(b, offset + 6);
    need(b, offset + 8, 2 * n, 'name');
    name = utf16At(b, offset + 8, n);
    ctx.names.set(offset, name);
  }
  return offset === p ? [name, p + 10 + 2 * u16(b, offset + 6)] : [name, p];
}

function parseInstance(ctx: ChunkContext, p: number, end: number, out: Node[], depth: number): number {
  const b = ctx.b;
  need(b, p, 10, 'template instance');
  const defOffset = u32(b, p + 6);
  p += 10;
  const template = templateAt(ctx, defOffset, depth);
  if (defOffset === p) p += 24 + u32(b, p + 20); // definition stored inline: skip it
  need(b, p, 4, 'substitution count');
  const count = u32(b, p);
  p += 4;
  if (count * 4 > end - p) throw new EvtxFormatError(`implausible substitution count ${count}`, p);
  const values: SubValue[] = new Array(count);
  let vp = p + 4 * count;
  for (let i = 0; i < count; i++) {
    const size = u16(b, p + 4 * i);
    const type = b[p + 4 * i + 2];
    need(b, vp, size, 'substitution value');
    if (type === 0x21) {
      const nodes: Node[] = [];
      if (size) parseNodes(ctx, vp, vp + size, nodes, depth + 1, false);
      values[i] = new Fragment(nodes);
    } else {
      values[i] = type === 0x00 || type === 0x20 || type === 0x23 ? null : readValue(b, vp, size, type);
    }
    vp += size;
  }
  out.push(new Instance(template, values));
  return vp;
}

function templateAt(ctx: ChunkContext, offset: number, depth: number): readonly Node[] {
  const cached = ctx.templates.get(offset);
  if (cached) return cached;
  need(ctx.b, offset, 24, 'template definition');
  const size = u32(ctx.b, offset + 20);
  need(ctx.b, offset + 24, size, 'template definition');
  const nodes: Node[] = [];
  parseNodes(ctx, offset + 24, offset + 24 + size, nodes, depth + 1, false);
  ctx.templates.set(offset, nodes);
  return nodes;
}
