/** Test helper: the lines of a fixture in `formats/fixtures/`, CRLF or LF, without the final empty line. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function fixtureLines(name: string): string[] {
  const text = readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8');
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
