/**
 * Delimited text with a header row (CSV, TSV, `;` and `|` exports): RFC 4180
 * quoting, quoted fields may span lines. The delimiter is the candidate that
 * splits the header into the most name-like cells. Each row becomes a JSON
 * object header → cell (`raw`), mapped by `generic-row.ts` (user mapping,
 * ECS names, aliases). A row's line and offset are those of its first line.
 */
import type { Emit, LineFormat, LineParser, ParseContext } from '../format';
import { CsvReader, DELIMITERS, splitLine } from './csv-reader';
import { genericRowBuilder, type GenericRowBuilder } from './generic-row';

/** A header cell: a short name, not a value (no ':' as in times or syslog tags, not a number). */
const NAME = /^[A-Za-z_@][\w@.\-/ ()#]{0,63}$/;

function headerDelimiter(line: string): string | null {
  let best: string | null = null;
  let bestCells = 1;
  for (const d of DELIMITERS) {
    const cells = splitLine(line, d).map((c) => c.trim());
    if (cells.length > bestCells && cells.every((c) => NAME.test(c))) {
      best = d;
      bestCells = cells.length;
    }
  }
  return best;
}

/** Unique column names: a repeated or empty header cell gets its position as suffix. */
function columnNames(cells: string[]): string[] {
  const seen = new Set<string>();
  return cells.map((c, i) => {
    let n = c.trim() || `column_${i + 1}`;
    if (seen.has(n)) n = `${n}_${i + 1}`;
    seen.add(n);
    return n;
  });
}

class CsvParser implements LineParser {
  private reader: CsvReader | null = null;
  private columns: string[] = [];
  private start = { line: 0, offset: 0 };
  private readonly build: GenericRowBuilder;

  constructor(ctx: ParseContext) {
    this.build = genericRowBuilder(ctx.mapping, 'csv');
  }

  line(text: string, lineNo: number, offset: number, emit: Emit): void {
    if (!this.reader) {
      if (text.trim() === '') return;
      const d = headerDelimiter(text.replace(/^\uFEFF/, '')) ?? ',';
      this.reader = new CsvReader(d);
      const h = this.reader.feed(text.replace(/^\uFEFF/, ''));
      if (h && 'cells' in h) this.columns = columnNames(h.cells);
      else emit({ reject: 'header row has an unclosed quote' }, lineNo, offset);
      return;
    }
    if (!this.reader.pending) {
      if (text.trim() === '') return;
      this.start = { line: lineNo, offset };
    }
    const r = this.reader.feed(text);
    if (r === null) return;
    if ('error' in r) return emit({ reject: r.error }, this.start.line, this.start.offset);
    const obj: Record<string, string> = {};
    r.cells.forEach((c, i) => (obj[this.columns[i] ?? `column_${i + 1}`] = c));
    emit(this.build(obj, JSON.stringify(obj)), this.start.line, this.start.offset);
  }

  end(emit: Emit): void {
    if (this.reader?.pending) {
      this.reader.reset();
      emit({ reject: 'end of file inside a quoted field' }, this.start.line, this.start.offset);
    }
  }
}

export const csvFormat: LineFormat = {
  kind: 'line',
  name: 'csv',
  sniff(lines) {
    const sample = lines.filter((l) => l.trim() !== '').slice(0, 20);
    if (sample.length < 2) return 0;
    const head = sample[0].replace(/^\uFEFF/, '');
    if (/^\s*[{[#]/.test(head)) return 0;
    const d = headerDelimiter(head);
    if (!d) return 0;
    const n = splitLine(head, d).length;
    // Records after the header (quoted fields may span lines) must have the header's width.
    const reader = new CsvReader(d);
    const widths: number[] = [];
    for (const l of lines.slice(1)) {
      if (!reader.pending && l.trim() === '') continue;
      const r = reader.feed(l);
      if (r) widths.push('cells' in r ? r.cells.length : 0);
    }
    if (widths.length === 0) return 0;
    const same = widths.filter((w) => w === n).length;
    // A header of three or more names and every record as wide: a table, even when its first column
    // is an ISO time that also starts a syslog line (a TSV export read as syslog would lose its columns).
    if (n >= 3 && same === widths.length) return 0.85;
    return same / widths.length >= 0.8 ? 0.6 : 0;
  },
  create: (ctx) => new CsvParser(ctx),
};
