/** Test helpers: corpus file discovery and the concatenated-JSON layout of SigmaHQ's regression data. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files under `dir` (recursively) whose name ends with `ext`, case-insensitive, sorted for stable output. */
export function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.toLowerCase().endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Regression .json files hold one pretty-printed object per event, one after the other (not an array). */
export function splitConcatenatedJson(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

/**
 * A large EVTX file made of real chunks (test and benchmark data): the first
 * file's header, then every chunk of the files that carries the chunk
 * signature, over and over, until at least `size` bytes. Record ids repeat;
 * the header's chunk count stays the first file's.
 */
export function evtxFromChunks(files: readonly string[], size: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const f of files) {
    const b = new Uint8Array(readFileSync(f));
    for (let o = 4096; o + 65536 <= b.length; o += 65536) {
      if (Buffer.from(b.buffer, b.byteOffset + o, 8).toString('latin1') === 'ElfChnk\0') chunks.push(b.subarray(o, o + 65536));
    }
  }
  const count = Math.ceil((size - 4096) / 65536);
  const out = new Uint8Array(4096 + count * 65536);
  out.set(new Uint8Array(readFileSync(files[0])).subarray(0, 4096), 0);
  for (let i = 0; i < count; i++) out.set(chunks[i % chunks.length], 4096 + i * 65536);
  return out;
}
