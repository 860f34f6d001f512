/**
 * Walks containers to the log files inside: gzip, zip and tar (and tar.gz),
 * nested to any depth, detected by content. Yields leaves in order, each
 * with its member path (`outer.zip/inner.tar/x.log`, '' for a plain file);
 * junk (`__MACOSX/`, `._*` resource forks, directories, empty files) is
 * skipped with a note. Each leaf's bytes must be consumed before the next
 * leaf is asked for.
 *
 * Inflating gzip is the environment's job (`Inflate`): Node's zlib on the
 * host, fflate or DecompressionStream in a browser.
 */
import { ByteReader } from './byte-reader';
import { isTar, readTar, type ArchiveEntry } from './tar';
import { isZip, readZip } from './zip';

export type Inflate = (pieces: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

export type Member =
  | { kind: 'leaf'; member: string; container: string; pieces: AsyncIterable<Uint8Array> }
  | { kind: 'note'; member: string; note: string };

const MAX_DEPTH = 16;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Why a member (or a file in an imported folder) is junk and skipped, or null. */
export function junk(name: string): string | null {
  if (name.endsWith('/')) return 'directory';
  if (/(^|\/)__MACOSX\//.test(name)) return 'macOS metadata (__MACOSX)';
  if (/(^|\/)\._[^/]*$/.test(name)) return 'macOS resource fork (._*)';
  if (/(^|\/)\.DS_Store$/.test(name)) return 'macOS folder metadata (.DS_Store)';
  return null;
}

const join = (a: string, b: string) => (a ? `${a}/${b}` : b);

export async function* walkMembers(pieces: AsyncIterable<Uint8Array>, inflate: Inflate, member = '', container = '', depth = 0): AsyncGenerator<Member> {
  const r = new ByteReader(pieces);
  const head = await r.peek(512);
  if (head.length === 0) {
    yield { kind: 'note', member, note: 'empty file: skipped' };
    return;
  }
  if (depth >= MAX_DEPTH) {
    yield { kind: 'note', member, note: `nested deeper than ${MAX_DEPTH} containers: skipped` };
    return;
  }
  if (isGzip(head)) {
    yield* walkMembers(inflate(r.rest()), inflate, member, join(container, 'gzip'), depth + 1);
    return;
  }
  const entries: AsyncGenerator<ArchiveEntry> | null = isZip(head) ? readZip(r.rest()) : isTar(head) ? readTar(r.rest()) : null;
  if (!entries) {
    yield { kind: 'leaf', member, container, pieces: r.rest() };
    return;
  }
  const kind = isZip(head) ? 'zip' : 'tar';
  for await (const e of entries) {
    const path = join(member, e.name);
    const why = junk(e.name);
    if (why) {
      yield { kind: 'note', member: path, note: `${why}: skipped` };
      continue;
    }
    if (e.size === 0) {
      yield { kind: 'note', member: path, note: 'empty file: skipped' };
      continue;
    }
    yield* walkMembers(e.body, inflate, path, join(container, kind), depth + 1);
  }
}
