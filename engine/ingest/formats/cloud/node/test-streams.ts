/** Test helpers: fixtures and byte streams cut into pieces of a chosen size. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** A fixture's bytes, `name` relative to `cloud/fixtures/`. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(here, '../fixtures', name)));
}

export function fixtureLines(name: string): string[] {
  return new TextDecoder().decode(fixtureBytes(name)).split('\n').filter((l) => l !== '');
}

/** The bytes as an async stream of pieces of `size` bytes, as a file reader would deliver them. */
export async function* piecesOf(bytes: Uint8Array, size = 65536): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}
