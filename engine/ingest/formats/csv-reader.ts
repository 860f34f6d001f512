/**
 * RFC 4180 records from decoded lines: a quoted field may span lines, so the
 * reader keeps the open record between calls. Lenient where exports are
 * sloppy (a stray quote inside an unquoted field is kept as text), strict
 * about size: a quote that never closes would otherwise swallow the rest of
 * the file, so past `maxChars` the record is given up and the next line starts afresh.
 */

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export type CsvFeed = { cells: string[] } | { error: string } | null;

export class CsvReader {
  private cells: string[] = [];
  private cell = '';
  private quoted = false;
  private open = false;
  private chars = 0;

  constructor(
    readonly delimiter: string,
    private readonly maxChars = 1 << 20,
  ) {}

  /** True while a quoted field is still open after the last line. */
  get pending(): boolean {
    return this.open;
  }

  /** Feeds one line; returns the record it completes, null while a quoted field stays open. */
  feed(line: string): CsvFeed {
    let i = 0;
    if (this.open) this.cell += '\n';
    else {
      this.cells = [];
      this.cell = '';
      this.chars = 0;
      this.quoted = false;
    }
    this.chars += line.length + 1;
    const d = this.delimiter;
    while (i < line.length) {
      const c = line[i];
      if (this.open) {
        if (c === '"') {
          if (line[i + 1] === '"') {
            this.cell += '"';
            i += 2;
            continue;
          }
          this.open = false;
        } else this.cell += c;
        i++;
        continue;
      }
      if (c === d) {
        this.cells.push(this.cell);
        this.cell = '';
        this.quoted = false;
      } else if (c === '"' && this.cell === '' && !this.quoted) {
        this.open = true;
        this.quoted = true;
      } else this.cell += c;
      i++;
    }
    if (this.open) {
      if (this.chars <= this.maxChars) return null;
      this.open = false;
      return { error: `quoted field not closed within ${this.maxChars} characters` };
    }
    this.cells.push(this.cell);
    return { cells: this.cells };
  }

  /** Abandons an open record (end of input). */
  reset(): void {
    this.open = false;
  }
}

/** Cells of one single-line record (sniffing). */
export function splitLine(line: string, delimiter: string): string[] {
  const r = new CsvReader(delimiter).feed(line);
  return r && 'cells' in r ? r.cells : [line];
}
