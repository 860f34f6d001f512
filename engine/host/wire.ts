/**
 * Wire format of web mode: one envelope carries any contract value, with
 * binary parts (Uint8Array) kept binary instead of base64.
 *
 *   [u32 LE: JSON length][JSON, where each Uint8Array is {"$bin": i}][part 0][part 1]…
 *
 * Part lengths are in the JSON header (`$parts`). Electron's IPC needs none of
 * this: structured clone carries Uint8Array as is.
 */

const enc = new TextEncoder();
const dec = new TextDecoder();

export function encodeEnvelope(value: unknown): Uint8Array {
  const parts: Uint8Array[] = [];
  const json = JSON.stringify({ v: value, $parts: [] as number[] }, (_k, v: unknown) => {
    if (v instanceof Uint8Array) {
      parts.push(v);
      return { $bin: parts.length - 1 };
    }
    if (typeof v === 'bigint') return Number(v);
    return v;
  });
  // $parts is filled after the walk, so patch the trailing placeholder.
  const header = enc.encode(json.replace(/"\$parts":\[\]\}$/, `"$parts":${JSON.stringify(parts.map((p) => p.length))}}`));
  const total = 4 + header.length + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  let at = 4 + header.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function decodeEnvelope(bytes: Uint8Array): unknown {
  if (bytes.length < 4) throw new Error('envelope too short');
  const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + len > bytes.length) throw new Error('envelope header overruns the body');
  const head = JSON.parse(dec.decode(bytes.subarray(4, 4 + len))) as { v: unknown; $parts: number[] };
  const parts: Uint8Array[] = [];
  let at = 4 + len;
  for (const n of head.$parts ?? []) {
    if (at + n > bytes.length) throw new Error('envelope part overruns the body');
    parts.push(new Uint8Array(bytes.subarray(at, at + n)));
    at += n;
  }
  const revive = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(revive);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.$bin === 'number' && Object.keys(o).length === 1) {
        const p = parts[o.$bin];
        if (!p) throw new Error('envelope names a missing part');
        return p;
      }
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) out[k] = revive(x);
      return out;
    }
    return v;
  };
  return revive(head.v);
}

/** Web-mode routes and names, shared by the server and the renderer's transport. */
export const WEB = {
  callPath: '/api/call/',
  eventsPath: '/api/events',
  tokenParam: 'token',
  cookie: 'vestige_session',
  contentType: 'application/x-vestige-envelope',
} as const;
