// `npm run bench`: bundles the benchmark with esbuild and runs it under Node.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist/bench/store.bench.cjs');
await build({
  entryPoints: [join(root, 'bench/store.bench.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3', 'electron', 'whatsapp-web.js'],
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
process.exit(run.status ?? 1);
