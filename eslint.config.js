// Lint: strict, zero warnings, and the layering rules that keep imports pointing down:
// renderer/electron → engine, never the reverse; engine code is environment-neutral outside
// its node/ and browser/ folders; the renderer never touches Node or Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib'];
const UI = ['react', 'react-dom', 'react-dom/*', 'react/*', '@blueprintjs/*', 'zustand', 'zustand/*', 'd3', 'd3-*', 'cytoscape', 'cytoscape-*', '@tanstack/*'];

const noOnly = {
  selector: "MemberExpression[object.name=/^(describe|it|test)$/][property.name='only']",
  message: 'No .only: it silently skips the rest of the suite.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tsbuild/**', 'tmp/**', 'test-results/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-syntax': ['error', noOnly],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**', '**/electron/**', '**/samples/**', 'electron', 'electron/*'], message: 'engine/ must not import upper layers (renderer, electron, samples).' },
          { group: UI, message: 'engine/ must not import UI libraries.' },
        ],
      }],
    },
  },
  {
    // Environment-neutral engine code: no Node, no native DuckDB, no DOM-only packages.
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/node/**', 'engine/**/browser/**', 'engine/**/*.test.ts', 'engine/bench/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**', '**/electron/**', '**/samples/**', 'electron', 'electron/*'], message: 'engine/ must not import upper layers (renderer, electron, samples).' },
          { group: UI, message: 'engine/ must not import UI libraries.' },
          { group: ['node:*', ...NODE_BUILTINS, '@duckdb/node-api', '@duckdb/duckdb-wasm', '**/node/**', '**/browser/**'], message: 'Environment-specific code belongs in an engine/**/node/ or engine/**/browser/ folder.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'], // build tooling, runs in Node
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', ...NODE_BUILTINS, 'electron', 'electron/*', '@duckdb/node-api'], message: 'renderer/ never imports Node or Electron: reach the host through the contract.' },
          { group: ['**/engine/**/node/**', '**/electron/**'], message: 'renderer/ may use environment-neutral or browser engine code only.' },
        ],
      }],
      'no-restricted-properties': ['error', { property: 'innerHTML', message: 'Log content is hostile: render text, never HTML.' }, { property: 'outerHTML', message: 'Log content is hostile: render text, never HTML.' }],
    },
  },
  {
    files: ['electron/**/*.ts', 'engine/**/node/**/*.ts', 'engine/**/*.test.ts', 'engine/bench/**/*.ts', 'samples/**/*.ts', 'e2e/**/*.ts', '*.config.*', '**/vite.config.ts', 'bin/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
