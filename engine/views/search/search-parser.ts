/**
 * Parses the explorer's search text (Datadog style, see ../search.ts) into a
 * SearchNode tree. Scanner-less recursive descent, because what a character
 * means depends on where it stands (`:` after a field name, inside an IPv6
 * address, inside a time). Precedence: NOT / `-` over AND (also implicit,
 * by juxtaposition) over OR. Errors carry the offset of the culprit.
 */
import { SearchSyntaxError, type SearchNode, type SearchTerm, type SearchValue } from './search-ast';

const FIELD = /(@?[A-Za-z_][\w.\-@]*):/y;
const OPERATORS = ['AND', 'OR', 'NOT'] as const;
type Operator = (typeof OPERATORS)[number];

/** `*`, `?` → LIKE `%`, `_`; LIKE's own specials are escaped with `\`. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): SearchNode {
    this.ws();
    if (this.i >= this.s.length) return { type: 'all' };
    const node = this.or(null);
    this.ws();
    if (this.i < this.s.length) throw new SearchSyntaxError(this.s[this.i] === ')' ? "unexpected ')' with no '(' before it" : 'unexpected text', this.i);
    return node;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  private atEnd(): boolean {
    return this.i >= this.s.length;
  }

  /** The operator word at the cursor (uppercase only, standing alone), if any. */
  private op(): Operator | null {
    for (const w of OPERATORS) {
      if (!this.s.startsWith(w, this.i)) continue;
      const next = this.s[this.i + w.length];
      if (next === undefined || /[\s()]/.test(next)) return w;
    }
    return null;
  }

  private or(field: string | null): SearchNode {
    const items = [this.and(field)];
    for (;;) {
      this.ws();
      if (this.op() !== 'OR') break;
      this.i += 2;
      items.push(this.and(field));
    }
    return items.length === 1 ? items[0] : { type: 'or', items };
  }

  private and(field: string | null): SearchNode {
    const items = [this.unary(field)];
    for (;;) {
      this.ws();
      const op = this.op();
      if (this.atEnd() || this.s[this.i] === ')' || op === 'OR') break;
      if (op === 'AND') this.i += 3;
      items.push(this.unary(field));
    }
    return items.length === 1 ? items[0] : { type: 'and', items };
  }

  private unary(field: string | null): SearchNode {
    this.ws();
    if (this.op() === 'NOT') {
      this.i += 3;
      return { type: 'not', item: this.unary(field) };
    }
    if (this.s[this.i] === '-' && this.i + 1 < this.s.length && !/\s/.test(this.s[this.i + 1])) {
      this.i++;
      return { type: 'not', item: this.primary(field) };
    }
    return this.primary(field);
  }

  private primary(field: string | null): SearchNode {
    this.ws();
    if (this.atEnd()) throw new SearchSyntaxError('expected a search term here', this.i);
    const c = this.s[this.i];
    if (c === ')') throw new SearchSyntaxError("expected a search term before ')'", this.i);
    if (c === '(') return this.group(field);
    if (this.op()) throw new SearchSyntaxError(`expected a search term before ${this.op()}`, this.i, 3);
    return this.term(field);
  }

  private group(field: string | null): SearchNode {
    const open = this.i++;
    this.ws();
    if (this.s[this.i] === ')') throw new SearchSyntaxError('empty group ()', open, 2);
    const node = this.or(field);
    this.ws();
    if (this.s[this.i] !== ')') throw new SearchSyntaxError(`missing ')' to close the '(' at column ${open + 1}`, open);
    this.i++;
    return node;
  }

  private term(inherited: string | null): SearchNode {
    const start = this.i;
    FIELD.lastIndex = this.i;
    const m = FIELD.exec(this.s);
    let field = inherited;
    if (m) {
      field = m[1];
      this.i = FIELD.lastIndex;
      if (this.atEnd() || /\s/.test(this.s[this.i])) throw new SearchSyntaxError(`missing value after '${field}:' (no space after the colon)`, start, m[0].length);
      if (field === '_exists_') {
        const name = this.bare().text;
        return this.done({ type: 'term', field: name, value: { kind: 'exists' }, start, end: this.i });
      }
      if (this.s[this.i] === '(') return this.group(field);
    }
    const value = this.value();
    if (value.kind === 'text' && !value.quoted && value.text === '*') {
      return field === null ? { type: 'all' } : this.done({ type: 'term', field, value: { kind: 'exists' }, start, end: this.i });
    }
    return this.done({ type: 'term', field, value, start, end: this.i });
  }

  private done(t: SearchTerm): SearchTerm {
    if (t.field !== null && t.field.startsWith('@') && t.field.length === 1) throw new SearchSyntaxError("'@' needs a field name", t.start);
    return t;
  }

  private value(): SearchValue {
    const c = this.s[this.i];
    if (c === '"') return { kind: 'text', text: this.quoted(), quoted: true, wildcard: false };
    if (c === '[' || c === '{') return this.range();
    if (c === '>' || c === '<') return this.comparison();
    return this.bare();
  }

  private quoted(): string {
    const open = this.i++;
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== '"') {
      if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) this.i++;
      out += this.s[this.i++];
    }
    if (this.atEnd()) throw new SearchSyntaxError('unterminated quote', open, this.s.length - open);
    this.i++;
    return out;
  }

  /** An unquoted word up to whitespace or a bracket; `\` keeps the next character literal. */
  private bare(stop = /[\s()"]/): SearchValue & { kind: 'text' } {
    const start = this.i;
    let text = '';
    let pattern = '';
    let wildcard = false;
    while (this.i < this.s.length && !stop.test(this.s[this.i])) {
      let ch = this.s[this.i++];
      if (ch === '\\' && this.i < this.s.length) {
        ch = this.s[this.i++];
        text += ch;
        pattern += likeEscape(ch);
      } else if (ch === '*' || ch === '?') {
        wildcard = true;
        text += ch;
        pattern += ch === '*' ? '%' : '_';
      } else {
        text += ch;
        pattern += likeEscape(ch);
      }
    }
    if (this.i === start) throw new SearchSyntaxError('expected a value here', start);
    return wildcard ? { kind: 'text', text, quoted: false, wildcard, pattern } : { kind: 'text', text, quoted: false, wildcard };
  }

  private bound(): string | null {
    this.ws();
    const at = this.i;
    const v = this.s[this.i] === '"' ? this.quoted() : this.bare(/[\s\]}"]/).text;
    if (v === '') throw new SearchSyntaxError('expected a range bound', at);
    return v === '*' ? null : v;
  }

  private range(): SearchValue {
    const open = this.i;
    const loIncl = this.s[this.i++] === '[';
    const lo = this.bound();
    this.ws();
    if (!this.s.startsWith('TO', this.i)) throw new SearchSyntaxError("expected 'TO' in the range (like [1 TO 5])", this.i);
    this.i += 2;
    const hi = this.bound();
    this.ws();
    const close = this.s[this.i];
    if (close !== ']' && close !== '}') throw new SearchSyntaxError(`missing ']' or '}' to close the range at column ${open + 1}`, open);
    this.i++;
    return { kind: 'range', lo, hi, loIncl, hiIncl: close === ']' };
  }

  private comparison(): SearchValue {
    const at = this.i;
    const op = this.s[this.i++];
    const eq = this.s[this.i] === '=';
    if (eq) this.i++;
    if (this.atEnd() || /\s/.test(this.s[this.i])) throw new SearchSyntaxError(`missing value after '${op}${eq ? '=' : ''}'`, at);
    const v = this.s[this.i] === '"' ? this.quoted() : this.bare().text;
    return op === '>' ? { kind: 'range', lo: v, hi: null, loIncl: eq, hiIncl: false } : { kind: 'range', lo: null, hi: v, loIncl: false, hiIncl: eq };
  }
}

/** Parses a search; throws SearchSyntaxError with the offset of the problem. */
export function parseSearch(text: string): SearchNode {
  return new Parser(text).parse();
}
