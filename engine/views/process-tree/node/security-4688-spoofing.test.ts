/**
 * The 4688 spoofing check end to end on our own fixture
 * (`fixtures/security-4688-spoofing.jsonl`, evtx_dump JSON lines): a Windows
 * 10 host with a normal chain, a UAC elevation, a spoofed SYSTEM parent, a
 * same-logon spoof (not visible), a runas and a MalSeclogon-style Secondary
 * Logon, an inherited token; a Windows 7 host (no Target fields).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase, type OpenCase } from '../../../case/node/case-store';
import { importFiles } from '../../../case/node/import-files';
import { buildProcessForest } from '../process-tree';
import { walkForest } from '../shape-forest';
import { forestText } from '../tree-text';
import type { ProcessForest, ProcessNode } from '../tree-types';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/security-4688-spoofing.jsonl');

let c: OpenCase;
let forest: ProcessForest;
let nodes: ProcessNode[];
const node = (host: string, pid: number) => nodes.find((n) => n.host?.startsWith(host) && n.pid === pid && !n.synthetic)!;

beforeAll(async () => {
  c = await openCase(await mkdtemp(join(tmpdir(), 'vestige-4688-spoof-')));
  const [s] = await importFiles(c, [FIXTURE]);
  expect(s).toMatchObject({ recordsRead: 21, recordsStored: 21, recordsRejected: 0 });
  forest = await buildProcessForest(c.port, {});
  nodes = [...walkForest(forest.roots)].map(([n]) => n);
});
afterAll(() => c?.close());

describe('4688 spoofing check on our fixture', () => {
  it('flags exactly the spoofed processes, and counts the UAC elevations apart', () => {
    const flagged = nodes.filter((n) => n.spoof).map((n) => [n.host, n.pid, n.spoof!.reason]);
    expect(flagged.sort()).toEqual(
      [
        ['LEGACY7', 0x5b0, 'elevation'],
        ['LEGACY7', 0xc74, 'creator-logon-mismatch'],
        ['WS01.corp.example', 0x1300, 'elevation'],
        ['WS01.corp.example', 0x1600, 'creator-logon-mismatch'],
        ['WS01.corp.example', 0x1a00, 'creator-logon-mismatch'],
        ['WS01.corp.example', 0x1b00, 'inherited-token'],
      ].sort(),
    );
    expect(forest).toMatchObject({ spoofedCount: 4, elevatedCount: 2 });
  });

  it('explains the spoofed SYSTEM parent by the fields that disagree', () => {
    const n = node('WS01', 0x1600);
    expect(nodes.find((p) => p.id === n.parentId)?.image).toBe('C:\\Windows\\System32\\spoolsv.exe');
    expect(n.spoof!.creatorAccount).toBe('CORP\\alice (logon 0x5a111)');
    expect(n.spoof!.fields.map((f) => `${f.field}=${f.value} expected ${f.expected}`)).toEqual(['SubjectLogonId=0x5a111 expected 0x3e7', 'TargetLogonId=0x3e7 expected 0x0 or 0x5a111']);
    expect(n.spoof!.evidenceEventIds).toEqual([n.eventId, node('WS01', 0x500).eventId]);
  });

  it('holds the MalSeclogon child to who asked for its session, and passes the runas', () => {
    expect(node('WS01', 0x1900).spoof).toBeNull();
    const m = node('WS01', 0x1a00).spoof!;
    expect(m.creatorAccount).toBe('CORP\\alice (logon 0x5a111)');
    expect(m.fields).toEqual([expect.objectContaining({ value: '0x5a111', expected: '0x3e7', source: "the recorded parent's logon: lsass.exe always runs as SYSTEM" })]);
    expect(m.fields[0].field).toMatch(/Secondary Logon 4624 .* logon 0x7c000/);
  });

  it('leaves the normal chains and the same-logon spoof alone', () => {
    for (const pid of [0x1000, 0x1100, 0x1200, 0x1400, 0x500, 0x1500, 0x1700, 0x1710]) expect(node('WS01', pid).spoof, String(pid)).toBeNull();
    for (const pid of [0x4f0, 0xae8, 0x424]) expect(node('LEGACY7', pid).spoof, String(pid)).toBeNull();
  });

  it('prints the reasons in the CLI tree', () => {
    const text = forestText(forest);
    expect(text).toContain('[SPOOFED PARENT: creator-logon-mismatch by CORP\\alice (logon 0x5a111); SubjectLogonId 0x5a111, expected 0x3e7');
    expect(text).toContain('[ELEVATED BY UAC: elevation by CORP\\WS01$ (logon 0x3e7); SubjectLogonId 0x3e7, expected 0x5a000');
    expect(text).toContain('4 spoofed parent(s), 2 UAC elevation(s)');
  });
});
