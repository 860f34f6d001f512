import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appResponse, registerAppScheme, resolveAppFile } from './app-protocol';
import { CSP } from './csp';
import type { Protocol } from './electron-api';

let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'vestige-proto-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Vestige</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'top secret');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol as unknown as Protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('serves renderer files with their type and our CSP', async () => {
    const res = await appResponse(root, 'app://vestige/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.text()).toContain('<title>Vestige</title>');
    const js = await appResponse(root, 'app://vestige/assets/index-abc.js?v=1');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    expect(resolveAppFile(root, 'app://vestige/..%2Fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'app://vestige/%2e%2e/secret.txt')).not.toBe(path.join(base, 'secret.txt'));
    expect((await appResponse(root, 'app://vestige/..%2Fsecret.txt')).status).toBe(403);
    expect((await appResponse(root, 'app://vestige/..%5Csecret.txt')).status).not.toBe(200);
    expect((await appResponse(root, 'app://other/index.html')).status).toBe(403);
    expect((await appResponse(root, 'app://vestige/missing.js')).status).toBe(404);
  });
});
