#!/usr/bin/env node
// `npm start [-- --data-dir DIR]`: say at once how Tresen opens (the Electron
// window, or serve mode for a browser and why), build if the sources changed,
// then start it.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from './build-state.mjs';
import { electronBuildIsCurrent } from './rebuild-electron-native.mjs';
import { chooseStartMode } from './start-mode.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passArgs = process.argv.slice(2);
const say = (line) => process.stdout.write(`${line}\n`);

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

function announceServe(reason) {
  say(`Tresen opens in serve mode: ${reason}`);
  say('  The same app runs for a browser on this PC; open the "Tresen ready at" URL printed below.');
  say('  (With internet access, `npm ci` downloads Electron and `npm start` opens the desktop window.)');
}

function serve() {
  // No --demo: the host chooses the line exactly as the desktop app does, and
  // keeps simulated customers out of the real database. Without --data-dir,
  // serve mode uses the desktop app's folder (main/data-dir.ts).
  supervise(process.execPath, [path.join(root, 'dist', 'main', 'serve.cjs'), ...passArgs]);
}

const choice = chooseStartMode();
if (choice.mode === 'serve') announceServe(choice.reason);
else say(`Tresen opens the desktop window (Electron: ${choice.electron}).`);

if (buildIsCurrent()) say('The build in dist/ is current.');
else {
  say('Building the app (a few seconds) ...');
  run([path.join(root, 'scripts', 'build.mjs')], 'the build');
}

if (choice.mode === 'serve') serve();
else {
  if (!electronBuildIsCurrent()) {
    const started = Date.now();
    say('Building better-sqlite3 for Electron (first start or after an update) ...');
    const rebuilt = spawnSync(process.execPath, [path.join(root, 'scripts', 'rebuild-electron-native.mjs')], { cwd: root, stdio: 'inherit' });
    if (rebuilt.status === 0) say(`better-sqlite3 for Electron built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  if (electronBuildIsCurrent()) {
    // Electron started from a terminal must not be turned into plain Node by the environment.
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    supervise(choice.electron, [root, ...passArgs], env);
  } else {
    announceServe('better-sqlite3 could not be built for Electron (see above), so the window cannot open its database.');
    serve();
  }
}
