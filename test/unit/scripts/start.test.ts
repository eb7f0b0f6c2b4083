import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';

const ROOT = path.resolve(__dirname, '../../..');
const tempDir = useTempDirs();

/** Starts `npm start`'s script and returns its first stdout line, then stops it. */
function firstLine(env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '--data-dir', tempDir(), '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        child.kill('SIGKILL');
        resolve(out.slice(0, nl));
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve(out));
  });
}

describe('npm start reports its mode before it builds or starts anything', () => {
  it('without an Electron binary: serve mode, and why', async () => {
    const dir = tempDir();
    // An override folder without an executable stands for "never downloaded".
    const line = await firstLine({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    expect(line).toMatch(/^Tresen opens in serve mode: the Electron binary is not installed/);
  });

  it('with an Electron binary: the desktop window, naming the binary', async () => {
    const dir = tempDir();
    const exe = path.join(dir, process.platform === 'win32' ? 'electron.exe' : 'electron');
    writeFileSync(exe, '#!/bin/sh\nexit 0\n');
    chmodSync(exe, 0o755);
    const line = await firstLine({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    expect(line).toBe(`Tresen opens the desktop window (Electron: ${exe}).`);
  });
});
