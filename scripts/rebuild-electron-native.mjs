#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron into
//   native/electron-<abi>-<platform>-<arch>/better_sqlite3.node
// without touching node_modules/better-sqlite3/build, which stays the Node
// build that the tests and serve mode load. main/store/native-binding.ts
// finds the Electron copy at runtime (inside app.asar.unpacked when packaged).
//
// Needs the Electron headers from https://electronjs.org/headers (internet)
// and a C++ toolchain (Linux: python3, make, g++; macOS: Xcode command line
// tools; Windows: Visual Studio Build Tools).
//
// Usage: node scripts/rebuild-electron-native.mjs [--force] [--arch x64|arm64|ia32]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

/** Electron's version and its Node module ABI (process.versions.modules inside Electron). */
export function electronTarget() {
  const pkgFile = require.resolve('electron/package.json');
  const version = JSON.parse(readFileSync(pkgFile, 'utf8')).version;
  // The electron package ships its ABI in a file; node-abi's table is the fallback.
  const abiFile = path.join(path.dirname(pkgFile), 'abi_version');
  let abi = existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : '';
  if (!/^\d+$/.test(abi)) abi = String(require('node-abi').getAbi(version, 'electron'));
  return { version, abi };
}

/** Must match electronNativeDir() in main/store/native-binding.ts. */
export const nativeDir = (abi, platform = process.platform, arch = process.arch) =>
  path.join(root, 'native', `electron-${abi}-${platform}-${arch}`);

function sqliteVersion() {
  return JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')).version;
}

/** True when the Electron build exists and was made from the installed better-sqlite3 and Electron. */
export function electronBuildIsCurrent(arch = process.arch) {
  const { version, abi } = electronTarget();
  const dir = nativeDir(abi, process.platform, arch);
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'build.json'), 'utf8'));
    return (
      existsSync(path.join(dir, 'better_sqlite3.node')) &&
      manifest.electron === version &&
      manifest.betterSqlite3 === sqliteVersion()
    );
  } catch {
    return false;
  }
}

function fail(message) {
  console.error(`\nrebuild-electron-native: ${message}\n`);
  process.exit(1);
}

function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const archAt = args.indexOf('--arch');
  const arch = archAt >= 0 ? args[archAt + 1] : process.arch;
  if (!arch) fail('--arch needs a value (x64, arm64, ia32)');

  const { version, abi } = electronTarget();
  const outDir = nativeDir(abi, process.platform, arch);
  if (!force && electronBuildIsCurrent(arch)) {
    console.log(`better-sqlite3 for Electron ${version} (ABI ${abi}, ${arch}) is up to date in ${path.relative(root, outDir)}`);
    return;
  }

  const pkgDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const work = mkdtempSync(path.join(os.tmpdir(), 'tresen-sqlite-electron-'));
  try {
    // A private copy, so node-gyp's build/ folder lands there and not in node_modules.
    cpSync(pkgDir, work, { recursive: true, filter: (src) => path.relative(pkgDir, src).split(path.sep)[0] !== 'build' });

    const env = { ...process.env };
    // npm passes its config as npm_config_*; a nodedir/target from there would
    // silently build against Node's headers instead of Electron's.
    for (const key of Object.keys(env)) {
      if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch)$/i.test(key)) delete env[key];
    }

    console.log(`Building better-sqlite3 ${sqliteVersion()} for Electron ${version} (ABI ${abi}, ${process.platform}-${arch}) ...`);
    const result = spawnSync(
      process.execPath,
      [
        nodeGyp,
        'rebuild',
        '--release',
        `--target=${version}`,
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
        `--arch=${arch}`,
        '--jobs=max',
      ],
      { cwd: work, stdio: 'inherit', env },
    );
    if (result.error || result.status !== 0) {
      fail(
        [
          `building for Electron ${version} failed${result.error ? ` (${result.error.message})` : ''}.`,
          'It needs internet access to download the Electron headers from https://electronjs.org/headers',
          'and a C++ toolchain (Linux: python3 make g++; macOS: Xcode command line tools;',
          'Windows: Visual Studio Build Tools). The Node build used by tests and serve mode is untouched.',
        ].join('\n'),
      );
    }

    const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) fail(`node-gyp finished but ${built} is missing`);
    mkdirSync(outDir, { recursive: true });
    copyFileSync(built, path.join(outDir, 'better_sqlite3.node'));
    writeFileSync(
      path.join(outDir, 'build.json'),
      `${JSON.stringify({ electron: version, abi, platform: process.platform, arch, betterSqlite3: sqliteVersion() }, null, 2)}\n`,
    );
    console.log(`Wrote ${path.relative(root, path.join(outDir, 'better_sqlite3.node'))}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
