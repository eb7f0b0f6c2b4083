import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronNativeDir, resolveSqliteNativeBinding } from '../../../main/store/native-binding';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tresen-native-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const electron = { electron: '45.4.1', modules: '140' };
const place = (base: string, abi = '140'): string => {
  const file = path.join(base, electronNativeDir(abi), 'better_sqlite3.node');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'not really a binary');
  return file;
};

describe('resolveSqliteNativeBinding', () => {
  it('is undefined under plain Node, so better-sqlite3 loads its own build', () => {
    expect(process.versions.electron).toBeUndefined();
    expect(resolveSqliteNativeBinding()).toBeUndefined();
    place(root, process.versions.modules);
    expect(resolveSqliteNativeBinding({ appRoot: root })).toBeUndefined();
  });

  it('finds the build for the running Electron ABI in the app folder', () => {
    const file = place(root);
    expect(resolveSqliteNativeBinding({ versions: electron, appRoot: root })).toBe(file);
    expect(file).toContain(path.join('native', `electron-140-${process.platform}-${process.arch}`));
  });

  it('ignores builds for another ABI or another platform', () => {
    place(root, '139');
    expect(resolveSqliteNativeBinding({ versions: electron, appRoot: root })).toBeUndefined();
    place(root);
    expect(resolveSqliteNativeBinding({ versions: electron, appRoot: root, platform: 'win32', arch: 'ia32' })).toBeUndefined();
  });

  it('in a packaged app uses the copy unpacked beside app.asar', () => {
    const resources = path.join(root, 'resources');
    const file = place(path.join(resources, 'app.asar.unpacked'));
    // The asar path itself exists only inside Electron's virtual file system.
    const appRoot = path.join(resources, 'app.asar');
    expect(resolveSqliteNativeBinding({ versions: electron, appRoot })).toBe(file);
    expect(resolveSqliteNativeBinding({ versions: electron, appRoot: path.join(root, 'elsewhere'), resourcesPath: resources })).toBe(file);
  });

  it('is undefined when the Electron build is missing', () => {
    expect(resolveSqliteNativeBinding({ versions: electron, appRoot: root })).toBeUndefined();
  });
});
