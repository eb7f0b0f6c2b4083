// `npm run bench -- [--contacts N] [--messages M] [--quick] [--out FILE] [--no-serve]`:
// bundles the benchmark and serve mode with esbuild and runs the benchmark
// under Node (see bench/store.bench.ts and docs/performance.md).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const external = ['better-sqlite3', 'electron', 'whatsapp-web.js', 'bufferutil', 'utf-8-validate', '@pdf-lib/fontkit', 'bwip-js'];
const bundle = (entry, outfile) =>
  build({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    logLevel: 'warning',
  });
await Promise.all([bundle('bench/store.bench.ts', 'dist/bench/store.bench.cjs'), bundle('main/serve.ts', 'dist/bench/serve.cjs')]);
const run = spawnSync(
  process.execPath,
  ['--max-old-space-size=4096', join(root, 'dist/bench/store.bench.cjs'), '--serve-bundle', join(root, 'dist/bench/serve.cjs'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
