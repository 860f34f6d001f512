import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './launch';

let root: string;
const pkg = () => path.join(root, 'node_modules', 'electron');
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'vestige-launch-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('returns null when electron is not installed', () => {
    expect(findElectronBinary(root, {})).toBeNull();
  });

  it('returns null when the package is there but its binary was never downloaded', () => {
    mkdirSync(pkg(), { recursive: true });
    writeFileSync(path.join(pkg(), 'index.js'), 'throw new Error("must not be required")');
    expect(findElectronBinary(root, {})).toBeNull();
    writeFileSync(path.join(pkg(), 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toBeNull();
  });

  it('returns the executable named by path.txt when it exists', () => {
    const exe = path.join(pkg(), 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron');
    mkdirSync(path.dirname(exe), { recursive: true });
    writeFileSync(exe, '');
    writeFileSync(path.join(pkg(), 'path.txt'), 'Electron.app/Contents/MacOS/Electron\n');
    expect(findElectronBinary(root, {})).toBe(exe);
  });

  it('does not mistake a directory for the executable', () => {
    mkdirSync(path.join(pkg(), 'dist', 'electron'), { recursive: true });
    writeFileSync(path.join(pkg(), 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron itself, only if the file is there', () => {
    const dist = path.join(root, 'custom-dist');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBeNull();
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(path.join(dist, 'electron'));
  });
});
