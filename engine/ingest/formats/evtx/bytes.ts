/** Little-endian readers over a Uint8Array; callers bound-check (see `need`). */

export class EvtxFormatError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'EvtxFormatError';
  }
}

export function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

export function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

export function i32(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
}

/** u64 as a JS number: exact below 2^53, which covers record ids and offsets in practice. */
export function u64n(b: Uint8Array, o: number): number {
  return u32(b, o + 4) * 0x1_0000_0000 + u32(b, o);
}

export function u64big(b: Uint8Array, o: number): bigint {
  return (BigInt(u32(b, o + 4)) << 32n) | BigInt(u32(b, o));
}

/** Throws a positioned error when `len` bytes are not available at `o` (the parser's only bound check). */
export function need(b: Uint8Array, o: number, len: number, what: string): void {
  if (o < 0 || len < 0 || o + len > b.length) throw new EvtxFormatError(`truncated ${what}`, o);
}

const utf16 = new TextDecoder('utf-16le');

/** Decodes `chars` UTF-16LE code units; short strings skip TextDecoder, whose call overhead dominates there. */
export function utf16At(b: Uint8Array, o: number, chars: number): string {
  if (chars <= 0) return '';
  if (chars < 24) {
    let s = '';
    let surrogate = false;
    for (let i = 0; i < chars; i++) {
      const c = b[o + 2 * i] | (b[o + 2 * i + 1] << 8);
      if (c >= 0xd800 && c <= 0xdfff) surrogate = true;
      s += String.fromCharCode(c);
    }
    // Lone surrogates must become U+FFFD like the decoder does, so pairs go through it too.
    if (!surrogate) return s;
  }
  return utf16.decode(b.subarray(o, o + 2 * chars));
}

/** Decodes a UTF-16LE value of `size` bytes up to its first NUL (writers pad or terminate with NULs). */
export function utf16Value(b: Uint8Array, o: number, size: number): string {
  const limit = size >>> 1;
  let chars = 0;
  while (chars < limit && (b[o + 2 * chars] | b[o + 2 * chars + 1]) !== 0) chars++;
  return utf16At(b, o, chars);
}
