/** Byte helpers shared by the ingest code. */

/** The pieces joined into one array (`len` = their total length); a single piece is returned as is. */
export function concatBytes(parts: readonly Uint8Array[], len = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
