/**
 * Renderer build. `base: './'` keeps asset URLs relative so the same build
 * loads from file:// in Electron and from the web-mode server. Nothing is
 * fetched from the network at run time: Blueprint's CSS and icon paths are
 * bundled from node_modules.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // No @vitejs/plugin-react: Vite's own transform does JSX with the automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The polyfill would be an inline-free module, but nothing we target needs it.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
