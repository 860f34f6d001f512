/**
 * Test helper: the members of the corpus' .zip and .tar.gz files, read with
 * Node's zlib and a minimal walk of the containers (no ZIP64, no encryption:
 * enough for the OTRF archives, and independent of the importer's readers).
 * A truncated gzip stream gives what could be inflated, flagged `truncated`.
 */
import { constants, gunzipSync, inflateRawSync } from 'node:zlib';

export interface TestMember {
  name: string;
  bytes: Uint8Array;
  truncated: boolean;
}

const junk = (name: string) => name.endsWith('/') || name.includes('__MACOSX/') || /(^|\/)\._/.test(name);

export function zipMembers(zip: Uint8Array): TestMember[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out: TestMember[] = [];
  for (let i = 0; i < count; i++) {
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLen = view.getUint16(at + 28, true);
    const skip = nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLen));
    at += 46 + skip;
    if (junk(name)) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = zip.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method}`);
    out.push({ name, bytes: method === 8 ? new Uint8Array(inflateRawSync(data)) : data, truncated: false });
  }
  return out;
}

export function tarGzMembers(tgz: Uint8Array): TestMember[] {
  let tar: Uint8Array;
  let truncated = false;
  try {
    tar = new Uint8Array(gunzipSync(tgz));
  } catch {
    tar = new Uint8Array(gunzipSync(tgz, { finishFlush: constants.Z_SYNC_FLUSH }));
    truncated = true;
  }
  const out: TestMember[] = [];
  const dec = new TextDecoder();
  for (let at = 0; at + 512 <= tar.length; ) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const name = dec.decode(h.subarray(0, 100)).replace(/\0.*$/s, '');
    const size = parseInt(dec.decode(h.subarray(124, 136)).replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(h[156]);
    const body = tar.subarray(at + 512, at + 512 + size);
    if ((type === '0' || type === '\0') && !junk(name)) out.push({ name, bytes: body, truncated: truncated && body.length < size });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
