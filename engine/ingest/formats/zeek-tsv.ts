/**
 * Zeek's default ASCII logs: `#separator`, `#set_separator`, `#empty_field`,
 * `#unset_field`, `#path`, `#fields` and `#types` headers, then one record per
 * line. Headers may come again mid-file (concatenated or rotated logs) and
 * replace the previous ones; `#open`/`#close` carry no records. Every column
 * in `#fields` is kept, including site-specific extras; values are typed by
 * `#types` and normalized as in `zeek-normalize.ts`, so a TSV record and its
 * JSON twin give the same row.
 */
import type { Emit, LineFormat, LineParser, ParseContext } from '../format';
import { epochTextToIso, round6, unescapeTsv, zeekPathFromName, type ZeekRecord } from './zeek-normalize';
import { zeekRow } from './zeek-row';

type Conv = (cell: string) => unknown;

function scalar(type: string): Conv {
  switch (type) {
    case 'time':
      return (c) => epochTextToIso(c) ?? unescapeTsv(c);
    case 'interval':
    case 'double':
      return (c) => (Number.isFinite(Number(c)) && c !== '' ? round6(Number(c)) : unescapeTsv(c));
    case 'count':
    case 'int':
    case 'port':
      return (c) => (/^-?\d+$/.test(c) ? Number(c) : unescapeTsv(c));
    case 'bool':
      return (c) => (c === 'T' ? true : c === 'F' ? false : unescapeTsv(c));
    default:
      return unescapeTsv;
  }
}

interface Header {
  separator: string;
  setSeparator: string;
  empty: string;
  unset: string;
  path: string;
  fields: string[] | null;
  types: string[];
}

class ZeekTsvParser implements LineParser {
  private h: Header;
  private convs: Conv[] = [];

  constructor(ctx: ParseContext) {
    this.h = { separator: '\t', setSeparator: ',', empty: '(empty)', unset: '-', path: zeekPathFromName(ctx.sourceName), fields: null, types: [] };
  }

  line(text: string, lineNo: number, offset: number, emit: Emit): void {
    if (text.trim() === '') return;
    if (text[0] === '#') return this.header(text);
    const { fields, separator, unset } = this.h;
    if (!fields) return emit({ reject: 'record before the #fields header' }, lineNo, offset);
    const cells = text.split(separator);
    if (cells.length < fields.length) return emit({ reject: `${cells.length} columns, #fields names ${fields.length}` }, lineNo, offset);
    const rec: ZeekRecord = { _path: this.h.path };
    fields.forEach((f, i) => {
      if (cells[i] !== unset) rec[f] = this.convs[i](cells[i]);
    });
    if (cells.length > fields.length) rec._extra = cells.slice(fields.length).map(unescapeTsv);
    if (typeof rec.ts === 'string' && !rec.ts.endsWith('Z')) return emit({ reject: `unreadable ts: ${rec.ts.slice(0, 40)}` }, lineNo, offset);
    emit(zeekRow(rec, this.h.path), lineNo, offset);
  }

  end(): void {}

  private header(text: string): void {
    if (text.startsWith('#separator ')) {
      this.h.separator = unescapeTsv(text.slice('#separator '.length));
      return;
    }
    const [key, ...vals] = text.slice(1).split(this.h.separator);
    const v = unescapeTsv(vals.join(this.h.separator));
    if (key === 'set_separator') this.h.setSeparator = v;
    else if (key === 'empty_field') this.h.empty = v;
    else if (key === 'unset_field') this.h.unset = v;
    else if (key === 'path') this.h.path = v;
    else if (key === 'fields') this.h.fields = vals;
    else if (key === 'types') this.h.types = vals;
    else return; // #open, #close and comments
    this.convs = (this.h.fields ?? []).map((_, i) => this.conv(this.h.types[i] ?? 'string'));
  }

  private conv(type: string): Conv {
    const m = /^(?:set|vector)\[(.+)\]$/.exec(type);
    if (!m) {
      const one = scalar(type);
      // A lone string equal to the empty-field marker is Zeek's empty string.
      return (c) => (c === this.h.empty && (type === 'string' || type === 'enum') ? '' : one(c));
    }
    const el = scalar(m[1]);
    return (c) => (c === this.h.empty ? [] : c.split(this.h.setSeparator).map(el));
  }
}

export const zeekTsvFormat: LineFormat = {
  kind: 'line',
  name: 'zeek-tsv',
  sniff(lines) {
    const head = lines.slice(0, 10);
    if (head[0]?.startsWith('#separator ')) return 1;
    return head.some((l) => l.startsWith('#fields\t')) && head.some((l) => l.startsWith('#types\t')) ? 0.95 : 0;
  },
  create: (ctx) => new ZeekTsvParser(ctx),
};
