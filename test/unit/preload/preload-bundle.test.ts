import path from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

// A sandboxed preload can require only 'electron' (and a few Node built-ins
// Electron polyfills); everything else must be inside the bundle.
it('bundles to a CommonJS preload whose only runtime require is electron', async () => {
  const result = await build({
    entryPoints: [path.resolve(__dirname, '../../../preload/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  expect(required).toEqual(['electron']);
  expect(code).toContain('exposeInMainWorld');
}, 30_000);
