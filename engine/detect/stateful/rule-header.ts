/**
 * What every Vestige stateful rule shares: YAML with source positions, the
 * Sigma-like header (id, title, level, status, tags, logsource) and typed
 * errors that carry the file and line of the key at fault, so a rules check
 * can point at it.
 */
import { isMap, LineCounter, parseDocument, stringify, type Document } from 'yaml';

export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
const UNIT: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export type RuleErrorClass = 'yaml' | 'schema' | 'field' | 'detection';

export class RuleError extends Error {
  constructor(
    readonly errorClass: RuleErrorClass,
    message: string,
    readonly path: string,
    readonly line: number | null,
    readonly ruleId?: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

export interface RuleHeader {
  id: string;
  title: string;
  level: string;
  status: string;
  tags: string[];
  logsource: Record<string, string>;
  path: string;
}

/** A parsed rule file with helpers that fail at the right line. */
export class RuleDoc {
  readonly data: Record<string, unknown>;
  private readonly lines = new LineCounter();
  private readonly doc: Document;

  constructor(text: string, readonly path: string, public kind: string) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true });
    if (this.doc.errors.length) {
      const e = this.doc.errors[0];
      throw new RuleError('yaml', e.message.split('\n')[0], path, e.linePos?.[0].line ?? null);
    }
    const js: unknown = this.doc.toJS();
    if (!isMap(this.doc.contents) || typeof js !== 'object' || js === null) throw new RuleError('schema', `${kind} rule must be a YAML mapping`, path, 1);
    this.data = js as Record<string, unknown>;
  }

  /** Line of a key path (`['steps', 1, 'within']`), else of its nearest parent present. */
  lineOf(keys: readonly (string | number)[]): number | null {
    for (let n = keys.length; n > 0; n--) {
      const node = this.doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const pair = n === 1 && isMap(this.doc.contents) ? this.doc.contents.items.find((p) => (p.key as { value?: unknown })?.value === keys[0]) : undefined;
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range ?? node?.range;
      if (range) return this.lines.linePos(range[0]).line;
    }
    return null;
  }

  fail(keys: readonly (string | number)[], why: string, cls: RuleErrorClass = 'schema'): never {
    const id = typeof this.data.id === 'string' ? this.data.id : undefined;
    throw new RuleError(cls, `${this.kind} rule${id ? ` ${id}` : ''}: ${why}`, this.path, this.lineOf(keys), id);
  }

  header(): RuleHeader {
    const o = this.data;
    if (typeof o.id !== 'string' || o.id === '') this.fail(['id'], 'needs an id');
    if (typeof o.title !== 'string' || o.title === '') this.fail(['title'], 'needs a title');
    const level = String(o.level ?? 'medium');
    if (!(LEVELS as readonly string[]).includes(level)) this.fail(['level'], `unknown level "${level}"`);
    if (o.tags !== undefined && !Array.isArray(o.tags)) this.fail(['tags'], 'tags must be a list');
    const ls = o.logsource ?? {};
    if (typeof ls !== 'object' || ls === null || Array.isArray(ls)) this.fail(['logsource'], 'logsource must be a mapping');
    return {
      id: o.id as string,
      title: o.title as string,
      level,
      status: String(o.status ?? 'experimental'),
      tags: ((o.tags as unknown[] | undefined) ?? []).map(String),
      logsource: Object.fromEntries(Object.entries(ls as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
      path: this.path,
    };
  }

  /** A duration like `10m`; `s`, `m`, `h`, `d`. */
  duration(key: string, required = true): number | null {
    const v = this.data[key];
    if (v === undefined && !required) return null;
    const ms = parseDuration(v);
    return ms ?? this.fail([key], `${key} must look like 10m (s, m, h, d), got ${JSON.stringify(v)}`);
  }

  /** Field names reach SQL through the pipeline's field mapping; only plain names are allowed. */
  fields(key: string, opts: { required: boolean }): string[] {
    const v = this.data[key];
    if (v === undefined || v === null) return opts.required ? this.fail([key], `needs ${key}`) : [];
    const list = Array.isArray(v) ? v.map(String) : [String(v)];
    if (opts.required && list.length === 0) this.fail([key], `${key} must name at least one field`);
    for (const [i, f] of list.entries()) if (!FIELD.test(f)) this.fail([key, i], `field "${f}" is not a plain field name`, 'field');
    return list;
  }

  /** The detection block (`at` is its key path) as a plain Sigma rule for the Sigma compiler. */
  sigmaText(h: RuleHeader, at: readonly (string | number)[], logsource: Record<string, string> = h.logsource, suffix = ''): string {
    const det = this.doc.getIn(at) === undefined ? undefined : (this.doc.getIn(at) as { toJSON(): unknown }).toJSON?.() ?? this.doc.getIn(at);
    if (typeof det !== 'object' || det === null || Array.isArray(det)) this.fail(at, 'needs a detection block (a mapping with a condition)', 'detection');
    return stringify({ title: h.title, id: h.id + suffix, status: 'experimental', level: h.level, tags: h.tags, logsource, detection: det });
  }
}

export const FIELD = /^@?[A-Za-z_][\w.-]*$/;

export function parseDuration(s: unknown): number | null {
  const m = /^(\d+)\s*([smhd])$/.exec(String(s ?? '').trim());
  return m && Number(m[1]) > 0 ? Number(m[1]) * UNIT[m[2]] : null;
}

/** The `type:` of a rule text, or null for plain Sigma. Cheap: no YAML parse. */
export function ruleTypeOf(text: string): string | null {
  const m = /^type:\s*['"]?([a-z_]+)['"]?\s*(#.*)?$/m.exec(text);
  return m ? m[1] : null;
}
