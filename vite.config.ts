import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { contractAlias } from './scripts/aliases';
import { compileHints } from './scripts/compile-hints';
import { CONTENT_SECURITY_POLICY_META } from './main/contract/csp';

/**
 * The renderer is built once and loaded two ways: from app:// in Electron and
 * from the loopback server in serve mode, so every asset URL must be relative.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    react(),
    {
      // The page's meta CSP is written here from main/contract/csp.ts, the one source the
      // Electron protocol and the loopback server send as a header; index.html has none by hand.
      name: 'tresen-csp',
      transformIndexHtml: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' },
      ],
    },
    compileHints(fileURLToPath(new URL('./renderer/src/main.tsx', import.meta.url))),
  ],
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
