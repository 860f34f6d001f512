import { gunzipSync, gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { tarOf } from '../../testing/tar-fixture';
import { walkMembers, type Inflate, type Member } from './members';

const enc = new TextEncoder();
const dec = new TextDecoder();

async function* chunks(bytes: Uint8Array, size = 777): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const inflate: Inflate = async function* (pieces) {
  const parts: Uint8Array[] = [];
  for await (const p of pieces) parts.push(p);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  yield gunzipSync(all);
};

async function walk(bytes: Uint8Array): Promise<{ leaves: Record<string, string>; containers: Record<string, string>; notes: Record<string, string> }> {
  const leaves: Record<string, string> = {};
  const containers: Record<string, string> = {};
  const notes: Record<string, string> = {};
  for await (const m of walkMembers(chunks(bytes), inflate) as AsyncGenerator<Member>) {
    if (m.kind === 'note') notes[m.member] = m.note;
    else {
      let text = '';
      for await (const p of m.pieces) text += dec.decode(p, { stream: true });
      leaves[m.member] = text;
      containers[m.member] = m.container;
    }
  }
  return { leaves, containers, notes };
}

describe('walkMembers', () => {
  it('passes a plain file through as the single leaf', async () => {
    expect(await walk(enc.encode('hello\n'))).toEqual({ leaves: { '': 'hello\n' }, containers: { '': '' }, notes: {} });
  });

  it('walks zip → tar.gz → gz nested, in order, and skips junk with notes', async () => {
    const inner = gzipSync(tarOf({ 'logs/a.log': 'A1\nA2\n', ['deep/'.repeat(30) + 'long-name.log']: 'L\n', 'b.jsonl.gz': gzipSync(enc.encode('{"b":1}\n')) }));
    const zip = zipSync({
      'case/inner.tar.gz': inner,
      'case/plain.log': enc.encode('P\n'),
      '__MACOSX/case/._plain.log': enc.encode('junk'),
      'case/._evil.log': enc.encode('junk'),
      'case/empty.log': new Uint8Array(0),
    });
    const r = await walk(zip);
    expect(r.leaves).toEqual({
      'case/inner.tar.gz/logs/a.log': 'A1\nA2\n',
      ['case/inner.tar.gz/' + 'deep/'.repeat(30) + 'long-name.log']: 'L\n',
      'case/inner.tar.gz/b.jsonl.gz': '{"b":1}\n',
      'case/plain.log': 'P\n',
    });
    expect(r.containers['case/inner.tar.gz/b.jsonl.gz']).toBe('zip/gzip/tar/gzip');
    expect(r.notes).toEqual({
      '__MACOSX/case/._plain.log': 'macOS metadata (__MACOSX): skipped',
      'case/._evil.log': 'macOS resource fork (._*): skipped',
      'case/empty.log': 'empty file: skipped',
    });
  });

  it('lets a consumer skip a member without reading it', async () => {
    const zip = zipSync({ 'one.log': enc.encode('1\n'.repeat(5000)), 'two.log': enc.encode('2\n') });
    const seen: string[] = [];
    for await (const m of walkMembers(chunks(zip, 100), inflate)) if (m.kind === 'leaf') seen.push(m.member);
    expect(seen).toEqual(['one.log', 'two.log']);
  });
});
