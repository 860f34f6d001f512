/** Test fixtures: archives built in memory. */
const enc = new TextEncoder();

/** A ustar header block for a regular file of `size` bytes (names over 100 characters go to the prefix field). */
export function tarHeader(name: string, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, at: number) => h.set(enc.encode(s), at);
  if (name.length > 100) {
    const cut = name.lastIndexOf('/', 155);
    put(name.slice(cut + 1), 0);
    put(name.slice(0, cut), 345);
  } else put(name, 0);
  put('0000644\0', 100);
  put('0000000\0', 108);
  put('0000000\0', 116);
  put(size.toString(8).padStart(11, '0') + '\0', 124);
  put('00000000000\0', 136);
  put('        ', 148);
  h[156] = 48;
  put('ustar\0', 257);
  put('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** Zero bytes that pad a member of `size` bytes to a whole block. */
export function tarPadding(size: number): Uint8Array {
  return new Uint8Array((512 - (size % 512)) % 512);
}

/** What ends an archive: two zero blocks. */
export const TAR_END = new Uint8Array(1024);

/** A minimal ustar writer for fixtures (regular files only). */
export function tarOf(files: Record<string, string | Uint8Array>): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, content] of Object.entries(files)) {
    const body = typeof content === 'string' ? enc.encode(content) : content;
    blocks.push(tarHeader(name, body.length), body, tarPadding(body.length));
  }
  blocks.push(TAR_END);
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
