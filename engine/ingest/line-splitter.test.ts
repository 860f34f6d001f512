import { describe, expect, it } from 'vitest';
import { firstBadUtf8, LineSplitter, type Line } from './line-splitter';

const enc = new TextEncoder();

function split(pieces: Uint8Array[], max?: number): Line[] {
  const s = new LineSplitter({ maxLineBytes: max });
  const out: Line[] = [];
  for (const p of pieces) s.push(p, (l) => out.push(l));
  s.end((l) => out.push(l));
  return out;
}

describe('LineSplitter', () => {
  it('keeps line numbers and byte offsets across piece boundaries and CRLF', () => {
    const bytes = enc.encode('alpha\r\nbé\ngamma');
    const lines = split([bytes.subarray(0, 3), bytes.subarray(3, 9), bytes.subarray(9)]);
    expect(lines.map((l) => [l.lineNo, l.offset, l.text])).toEqual([
      [1, 0, 'alpha'],
      [2, 7, 'bé'],
      [3, 11, 'gamma'],
    ]);
  });

  it('rejects a line with invalid UTF-8 and carries on', () => {
    const bad = new Uint8Array([0x61, 0xff, 0x62, 0x0a]);
    const lines = split([enc.encode('ok\n'), bad, enc.encode('fine\n')]);
    expect(lines[0].text).toBe('ok');
    expect(lines[1].text).toBeNull();
    expect(lines[1].error).toBe('invalid UTF-8 at byte 4');
    expect(lines[2]).toMatchObject({ lineNo: 3, text: 'fine', offset: 7 });
  });

  it('skips an over-long line with a reason, without buffering it, and keeps the next one', () => {
    const long = new Uint8Array(5000).fill(0x78);
    const lines = split([enc.encode('a\n'), long.subarray(0, 2500), long.subarray(2500), enc.encode('\nb\n')], 1000);
    expect(lines.map((l) => l.text)).toEqual(['a', null, 'b']);
    expect(lines[1].error).toMatch(/longer than 1000 bytes/);
    expect(lines[2]).toMatchObject({ lineNo: 3, offset: 5003 });
  });

  it('finds the first bad UTF-8 byte', () => {
    expect(firstBadUtf8(new Uint8Array([0x41, 0xc3, 0xa9, 0xe2, 0x28]))).toBe(3);
  });
});
