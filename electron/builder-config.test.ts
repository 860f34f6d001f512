import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = path.resolve(__dirname, '..');
const config = parse(readFileSync(path.join(repo, 'build', 'electron-builder.yml'), 'utf8')) as {
  appId: string;
  productName: string;
  extraMetadata: { main: string };
  files: string[];
  asarUnpack: string[];
  linux: { icon: string; target: string[] };
  mac: { icon: string; target: string[] };
  win: { icon: string; target: string[] };
};

/** electron-builder globs, enough of them for our patterns: `**` spans folders, `*` does not. */
const globMatches = (glob: string, file: string) =>
  new RegExp(
    '^' +
      glob
        .split('**')
        .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
        .join('.*') +
      '$',
  ).test(file);

describe('build/electron-builder.yml', () => {
  it('names the app and builds the promised targets', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Vestige');
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
  });

  it('starts the bundled main script, which is CommonJS by extension', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs');
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'dist/sample-case/**', 'package.json']));
  });

  it('ships the DuckDB binding and unpacks its native files from the asar', () => {
    const bindings = readdirSync(path.join(repo, 'node_modules', '@duckdb')).filter((d) => d.startsWith('node-bindings-'));
    expect(bindings.length).toBeGreaterThan(0);
    for (const dir of bindings) {
      const natives = readdirSync(path.join(repo, 'node_modules', '@duckdb', dir)).filter((f) => /\.(node|so|dylib|dll)$/.test(f));
      expect(natives).toContain('duckdb.node');
      for (const f of natives) {
        const file = `node_modules/@duckdb/${dir}/${f}`;
        expect(config.asarUnpack.some((g) => globMatches(g, file)), `${file} unpacked`).toBe(true);
      }
    }
    // The EVTX parsing thread's script is loaded from a real file.
    expect(config.files).toContain('dist/evtx-worker.mjs');
    expect(config.asarUnpack).toContain('dist/evtx-worker.mjs');
    // electron-builder ships production dependencies, and only those.
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('@duckdb/node-api');
    expect(config.files.filter((g) => g.includes('node_modules') && g.startsWith('!'))).toEqual([]);
  });

  it('references only files that exist, and a 512px PNG icon', () => {
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon]) {
      expect(existsSync(path.join(repo, icon)), icon).toBe(true);
    }
    const png = readFileSync(path.join(repo, config.linux.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
