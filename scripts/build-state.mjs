// Whether dist/ is current: newer than every source file the build reads.
// Lets `npm start` and `npm run serve` skip a rebuild that would change nothing.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(root, 'dist', '.build-stamp');
const INPUTS = ['main', 'preload', 'renderer', 'package-lock.json', 'vite.config.ts', 'tsconfig.json', 'scripts/build.mjs'];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

export function buildIsCurrent() {
  if (!existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.every((input) => newestMtime(path.join(root, input)) <= built);
}

export function markBuilt() {
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
