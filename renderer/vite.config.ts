/**
 * Renderer build. `base: './'` keeps asset URLs relative so the same build
 * loads from file:// in Electron and from the web-mode server. Nothing is
 * fetched from the network at run time: Blueprint's CSS and icon paths are
 * bundled from node_modules.
 */
import { defineConfig } from 'vite';

// Vite's config loader provides import.meta.dirname: no Node import in renderer/.
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  // No @vitejs/plugin-react: Vite's own transform does JSX with the automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    // The polyfill would be an inline-free module, but nothing we target needs it.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
  server: { fs: { allow: [`${root}/..`] } },
});
