#!/usr/bin/env node
// `npm start [-- --data-dir DIR]`: build, then open the Electron window.
// Without an Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1),
// explain and run the same app in serve mode for a browser instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBuildIsCurrent } from './rebuild-electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const passArgs = process.argv.slice(2);

/** Same folder as Electron's app.getPath('userData') for "Tresen" (see main/data-dir.ts). */
/**
 * Path of the Electron executable, or null when the binary was never
 * downloaded. Checked before require('electron'), which would otherwise try
 * to download it on the spot.
 */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!override && !existsSync(pathFile)) return null;
  if (!override && !existsSync(path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()))) return null;
  try {
    const exe = require('electron');
    return typeof exe === 'string' && existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

function run(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\nnpm start: ${what} failed.`);
    process.exit(result.status ?? 1);
  }
}

/** Runs a child with our stdio; Ctrl+C / SIGTERM go to it, and we exit with its code. */
function supervise(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  child.on('error', (err) => {
    console.error(`npm start: could not run ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function serveDemo(reason) {
  console.log(
    [
      '',
      `Tresen: ${reason}`,
      'Starting serve mode instead: the same app, for a browser on this PC (the demo until a',
      'WhatsApp line is linked; demo data stays in its own folder).',
      'Open the URL printed below. (On a machine with internet: `npm ci` downloads Electron,',
      'then `npm start` opens the desktop window.)',
      '',
    ].join('\n'),
  );
  // No --demo: the host chooses the line exactly as the desktop app does, and
  // keeps simulated customers out of the real database.
  // Without --data-dir, serve mode uses the same folder as the desktop app (main/data-dir.ts).
  supervise(process.execPath, [path.join(root, 'dist', 'main', 'serve.cjs'), ...passArgs]);
}

run([path.join(root, 'scripts', 'build.mjs')], 'the build');

const electron = electronBinary();
if (!electron) {
  serveDemo('the Electron binary is not installed (e.g. installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1).');
} else {
  if (!electronBuildIsCurrent()) {
    console.log('Building better-sqlite3 for Electron (first start or after an update) ...');
    const rebuilt = spawnSync(process.execPath, [path.join(root, 'scripts', 'rebuild-electron-native.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (rebuilt.status !== 0) {
      serveDemo('better-sqlite3 could not be built for Electron (see above), so the window cannot open its database.');
    }
  }
  if (electronBuildIsCurrent()) {
    // Electron started from a terminal must not be turned into plain Node by the environment.
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    supervise(electron, [root, ...passArgs], env);
  }
}
