// Decides how `npm start` opens Tresen, before anything slow runs, so the
// user learns the mode (and why it fell back) within a second.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

/**
 * Path of the Electron executable, or null when the binary was never
 * downloaded. Checked before require('electron') would try to download it.
 * ELECTRON_OVERRIDE_DIST_PATH (Electron's own variable) points at another build.
 */
export function electronBinary(env = process.env) {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = path.join(override, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
    return existsSync(exe) ? exe : null;
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

/**
 * `{ mode: 'electron', electron }` or `{ mode: 'serve', reason }`; the reason is
 * the sentence the user reads.
 */
export function chooseStartMode(env = process.env) {
  const electron = electronBinary(env);
  if (!electron) {
    return {
      mode: 'serve',
      reason: 'the Electron binary is not installed (for example after ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci).',
    };
  }
  return { mode: 'electron', electron };
}
