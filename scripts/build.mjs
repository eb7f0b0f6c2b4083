// Builds everything the app runs from: main and preload bundles (esbuild) and
// the renderer (vite). Output goes to dist/; logs go to stderr so that serve
// mode's first stdout line stays the ready line.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markBuilt } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => process.stderr.write(`[build] ${msg}\n`);

// Native modules and Electron itself are loaded at run time, never bundled.
// fontkit and bwip-js (3.2 MB together) are loaded from node_modules on first
// use (main/core/fontkit.ts, cases/label.ts), so no start reads and compiles them.
const external = ['electron', 'better-sqlite3', 'whatsapp-web.js', 'bufferutil', 'utf-8-validate', '@pdf-lib/fontkit', 'bwip-js'];
const nodeBundle = (entry, outfile, extra = {}) =>
  build({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external,
    logLevel: 'warning',
    ...extra,
  });

const started = Date.now();
const jobs = [nodeBundle('main/serve.ts', 'dist/main/serve.cjs')];
for (const [entry, out] of [
  ['main/shell/main.ts', 'dist/main/electron.cjs'],
  ['main/channels/whatsapp/worker.ts', 'dist/main/whatsapp-worker.cjs'],
  ['preload/index.ts', 'dist/preload/index.cjs'],
]) {
  if (existsSync(join(root, entry))) jobs.push(nodeBundle(entry, out));
}
await Promise.all(jobs);

// The Unicode fonts the proof PDF embeds (text and emoji), beside the bundles (main/core/consent/fonts.ts looks here first).
mkdirSync(join(root, 'dist', 'fonts'), { recursive: true });
const fromPackage = createRequire(import.meta.url).resolve;
copyFileSync(fromPackage('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), join(root, 'dist', 'fonts', 'DejaVuSans.ttf'));
copyFileSync(fromPackage('@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff'), join(root, 'dist', 'fonts', 'NotoEmoji.woff'));

const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
markBuilt();
log(`main, preload and renderer built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
