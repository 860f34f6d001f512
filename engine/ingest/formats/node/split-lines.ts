/** Test helper: a file's lines as the importer sees them (strict UTF-8 per line, CR stripped). */
import { readFileSync } from 'node:fs';
import { LineSplitter, type Line } from '../../line-splitter';

export function splitFile(path: string): Line[] {
  return splitBytes(readFileSync(path));
}

export function splitBytes(bytes: Uint8Array): Line[] {
  const out: Line[] = [];
  const s = new LineSplitter();
  s.push(bytes, (l) => out.push(l));
  s.end((l) => out.push(l));
  return out;
}
