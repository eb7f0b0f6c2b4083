import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contractAlias } from './scripts/aliases';

/**
 * The renderer is built once and loaded two ways: from file:// in Electron and
 * from the loopback server in serve mode, so every asset URL must be relative.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: { alias: contractAlias },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Inlined assets would become data: URLs for scripts/styles, which the CSP forbids.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // One bundle for a desktop app loaded from disk or loopback: size matters less than one request.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // zod's sources carry /*@__PURE__*/ comments Rollup cannot place; the warning
      // is about a dependency's comments, not our code, and hides real warnings.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: true },
});
