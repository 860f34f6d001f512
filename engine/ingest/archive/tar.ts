/**
 * Streaming tar reader (ustar, GNU long names, pax headers): yields regular
 * files one after another; each body must be consumed (or is skipped) before
 * the next entry is read.
 */
import { ByteReader } from './byte-reader';

export interface ArchiveEntry {
  name: string;
  size: number;
  body: AsyncIterable<Uint8Array>;
}

const dec = new TextDecoder();

function str(b: Uint8Array, at: number, len: number): string {
  const s = b.subarray(at, at + len);
  const z = s.indexOf(0);
  return dec.decode(z < 0 ? s : s.subarray(0, z));
}

function octal(b: Uint8Array, at: number, len: number): number {
  if (b[at] & 0x80) {
    // base-256 for sizes over 8 GiB
    let n = 0;
    for (let i = at + 1; i < at + len; i++) n = n * 256 + b[i];
    return n;
  }
  const s = str(b, at, len).trim();
  return s ? parseInt(s, 8) : 0;
}

export function isTar(head: Uint8Array): boolean {
  if (head.length < 512) return false;
  const magic = str(head, 257, 5);
  if (magic !== 'ustar') return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : head[i];
  return sum === octal(head, 148, 8);
}

function paxPath(body: Uint8Array): string | null {
  const text = dec.decode(body);
  for (const rec of text.split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(rec);
    if (m) return m[1];
  }
  return null;
}

export async function* readTar(pieces: AsyncIterable<Uint8Array>): AsyncGenerator<ArchiveEntry> {
  const r = new ByteReader(pieces);
  let longName: string | null = null;
  for (;;) {
    const h = await r.read(512);
    if (h.length < 512) return;
    if (h.every((b) => b === 0)) return;
    const size = octal(h, 124, 12);
    const type = String.fromCharCode(h[156] || 48);
    const prefix = str(h, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${str(h, 0, 100)}` : str(h, 0, 100));
    longName = null;
    const padded = Math.ceil(size / 512) * 512;
    if (type === 'L' || type === 'x') {
      const body = await r.read(padded);
      longName = type === 'L' ? str(body, 0, size) : paxPath(body.subarray(0, size));
      continue;
    }
    if (type !== '0' && type !== '7') {
      await r.read(padded); // directories, links, devices: nothing to import
      continue;
    }
    let left = size;
    const body = async function* () {
      while (left > 0) {
        const b = await r.some(Math.min(left, 1 << 20));
        if (b.length === 0) throw new Error(`tar entry ${name} truncated`);
        left -= b.length;
        yield b;
      }
    };
    yield { name, size, body: body() };
    while (left > 0) {
      const b = await r.some(Math.min(left, 1 << 20));
      if (b.length === 0) throw new Error(`tar entry ${name} truncated`);
      left -= b.length;
    }
    await r.read(padded - size);
  }
}
