// `npm run serve -- --data-dir DIR [--port N] [--demo] [--new-token]`: builds, then starts
// serve mode. The build logs to stderr, so stdout's first line is the ready line.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!buildIsCurrent()) {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: ['ignore', 2, 2] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const child = spawn(process.execPath, [join(root, 'dist/main/serve.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
