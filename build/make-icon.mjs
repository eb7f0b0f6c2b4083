// Renders build/icon.png (512x512, used by electron-builder for every
// platform) from the same drawing the tray uses: main/shell/icon.ts.
// Run: node build/make-icon.mjs
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tresen-icon-'));
try {
  const outfile = path.join(tmp, 'icon.mjs');
  await build({
    entryPoints: [path.join(root, 'main/shell/icon.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  const { iconPng } = await import(pathToFileURL(outfile).href);
  const target = path.join(root, 'build/icon.png');
  writeFileSync(target, iconPng(512));
  console.log(`wrote ${path.relative(root, target)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
