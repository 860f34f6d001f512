/** Imports through the real host service: uploads staged in the case, then imported together. */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostService } from './host-service';
import type { HostService } from '../service';

const enc = new TextEncoder();
const AUTH = 'Mar 14 03:12:45 web-01 sshd[2211]: Failed password for invalid user admin from 185.220.101.47 port 51234 ssh2\n';
const JSONL = '{"@timestamp":"2026-03-14T03:00:00Z","message":"hello"}\n{"@timestamp":"2026-03-14T03:00:01Z","message":"again"}\n';

let host: HostService;
let casePath: string;
beforeAll(async () => {
  casePath = join(await mkdtemp(join(tmpdir(), 'vestige-host-')), 'case');
  host = await createHostService({ casePath, rulePaths: [] });
});
afterAll(() => host?.close());

describe('import.stage then import.paths', () => {
  it('keeps each upload in the case under a content-named file that cannot leave the uploads folder', async () => {
    const a = await host.handle('import.stage', ['../../etc/auth.log', enc.encode(AUTH)]);
    expect(a.path.startsWith(join(casePath, 'uploads') + '/')).toBe(true);
    expect(a.path).toMatch(/\/[0-9a-f]{12}-\.\._\.\._etc_auth\.log$/);
    expect(await readFile(a.path, 'utf8')).toBe(AUTH);
    // Staged, not imported.
    expect((await host.handle('case.info', [])).eventCount).toBe(0);
  });

  it('imports staged uploads in one job, with the same accounting as uploading each', async () => {
    const a = await host.handle('import.stage', ['auth.log', enc.encode(AUTH)]);
    const b = await host.handle('import.stage', ['app.jsonl', enc.encode(JSONL)]);
    const report = await host.handle('import.paths', [[a.path, b.path]]);
    expect(report.sources.map((s) => [s.path, s.format, s.recordsStored])).toEqual([
      [a.path, 'syslog', 1],
      [b.path, 'jsonl', 2],
    ]);
    const info = await host.handle('case.info', []);
    expect(info.eventCount).toBe(3);
    expect((await readdir(join(casePath, 'uploads'))).length).toBe(3);
  });
});
