import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native addon, and a .node file only loads in the
 * runtime whose ABI it was built for. node_modules/better-sqlite3/build is
 * built for Node (tests, serve mode); the Electron copy lives beside it in
 * native/, built by scripts/rebuild-electron-native.mjs, so neither build
 * overwrites the other.
 */

/** Folder (relative to the app root) of the Electron build; keep in step with the rebuild script. */
export const electronNativeDir = (abi: string, platform: string = process.platform, arch: string = process.arch): string =>
  path.join('native', `electron-${abi}-${platform}-${arch}`);

export const SQLITE_NATIVE_FILE = 'better_sqlite3.node';

export interface NativeBindingEnv {
  /** Defaults to process.versions. */
  versions?: { electron?: string; modules?: string };
  /** Folder holding package.json and native/; in a packaged app the app.asar path. */
  appRoot?: string;
  /** Electron's process.resourcesPath (packaged app). */
  resourcesPath?: string;
  platform?: string;
  arch?: string;
  exists?: (file: string) => boolean;
}

const defaultAppRoot = (): string =>
  // Bundled, this file runs from dist/main/*.cjs; from source, from main/store/.
  // Both are two levels below the app root.
  typeof __dirname === 'string' ? path.resolve(__dirname, '..', '..') : process.cwd();

/** A native module cannot be loaded from inside an asar archive; electron-builder unpacks it beside it. */
const unpacked = (p: string): string => p.replace(/([\\/])app\.asar([\\/]|$)/, '$1app.asar.unpacked$2');

/**
 * Path of a better_sqlite3.node built for the running Electron, or undefined
 * under plain Node (better-sqlite3 then loads its own build) and when no
 * Electron build is present (better-sqlite3 then tries its own build and
 * reports the ABI mismatch clearly).
 */
export function resolveSqliteNativeBinding(env: NativeBindingEnv = {}): string | undefined {
  const versions = env.versions ?? process.versions;
  if (!versions.electron || !versions.modules) return undefined;
  const exists = env.exists ?? existsSync;
  const rel = path.join(electronNativeDir(versions.modules, env.platform, env.arch), SQLITE_NATIVE_FILE);
  const appRoot = env.appRoot ?? defaultAppRoot();
  const resourcesPath =
    env.resourcesPath ?? (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;

  const candidates = [path.join(unpacked(appRoot), rel), path.join(appRoot, rel)];
  if (resourcesPath) candidates.push(path.join(resourcesPath, 'app.asar.unpacked', rel));
  for (const file of new Set(candidates)) {
    if (exists(file)) return file;
  }
  return undefined;
}
