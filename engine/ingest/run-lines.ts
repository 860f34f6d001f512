/** Runs a line parser over decoded lines (tests, small inputs): every emitted record, in order. */
import type { LineParser, RecordItem } from './format';

export function parseLines(parser: LineParser, lines: readonly string[]): RecordItem[] {
  const out: RecordItem[] = [];
  const emit = (result: RecordItem['result'], line: number | null, offset: number | null) => out.push({ result, line, offset });
  let offset = 0;
  lines.forEach((text, i) => {
    parser.line(text, i + 1, offset, emit);
    offset += new TextEncoder().encode(text).length + 1;
  });
  parser.end(emit);
  return out;
}

/** The single record one line gives, or null when it gives none. */
export function parseOne(parser: LineParser, text: string, lineNo = 1): RecordItem['result'] | null {
  const out: RecordItem['result'][] = [];
  parser.line(text, lineNo, 0, (r) => out.push(r));
  return out.length ? out[0] : null;
}
