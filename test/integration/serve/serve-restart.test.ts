import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';

/**
 * Serve mode keeps its access across restarts: the same data folder gives the
 * same token and port, so a tab opened from the printed address reconnects.
 * The token file is the key to the app: readable by its owner only.
 */
const root = join(__dirname, '..', '..', '..');
const bundle = join(root, 'test-results', 'serve-restart', 'serve.cjs');
const tempDir = useTempDirs();
const READY = /^Tresen ready at http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)$/;

beforeAll(async () => {
  // Serve mode as it ships (the entry and bundling of scripts/build.mjs), next to the repository for node_modules.
  await build({
    entryPoints: [join(root, 'main', 'serve.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3', 'whatsapp-web.js', 'bufferutil', 'utf-8-validate'],
    logLevel: 'warning',
  });
}, 60_000);

interface Started {
  port: number;
  token: string;
  /** Every stdout line, the ready line first. */
  lines: string[];
  stderr: () => string;
  stop(): Promise<void>;
}

const running: Started[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

function start(dataDir: string, args: string[] = [], env: Record<string, string> = {}): Promise<Started> {
  const rendererDir = join(root, 'test-results', 'serve-restart', 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tresen</title>');
  const child: ChildProcess = spawn(process.execPath, [bundle, '--data-dir', dataDir, '--demo', ...args], {
    env: { ...process.env, TRESEN_TOKEN: '', ...env, TRESEN_RENDERER_DIR: rendererDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines: string[] = [];
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 1) return;
      const m = READY.exec(line);
      if (!m) return reject(new Error(`first stdout line: ${line}\n${stderr}`));
      const started = { port: Number(m[1]), token: m[2]!, lines, stderr: () => stderr, stop };
      running.push(started);
      resolve(started);
    });
    child.once('exit', (code) => reject(new Error(`serve mode exited with ${code}\n${stderr}`)));
  });
}

/** Until the process has written `n` stdout lines (the notes after the ready line come right after it). */
async function lineCount(s: Started, n: number): Promise<string[]> {
  for (let i = 0; i < 100 && s.lines.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  return s.lines;
}

const apiStatus = async (port: number, token: string): Promise<number> =>
  (await fetch(`http://127.0.0.1:${port}/api/v1/contacts/4915100000001`, { headers: { Authorization: `Bearer ${token}` } })).status;

describe('serve mode across restarts', () => {
  it('a second start on the same data folder has the same token and port; the token file is private', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    await first.stop();
    const second = await start(dataDir);
    expect(second.token).toBe(first.token);
    expect(second.port).toBe(first.port);
    // The token opens the API of the second process: a tab keeps working.
    expect(await apiStatus(second.port, first.token)).not.toBe(401);
    // Stored, but never logged: only the ready line carries it.
    expect(readFileSync(join(dataDir, 'serve-token'), 'utf8').trim()).toBe(first.token);
    expect(second.stderr()).not.toContain(first.token);
    if (process.platform !== 'win32') {
      expect(statSync(join(dataDir, 'serve-token')).mode & 0o777).toBe(0o600);
    }
  }, 60_000);

  it('a token file restored with a looser mode is tightened at the next start', async () => {
    if (process.platform === 'win32') return;
    const dataDir = tempDir();
    const token = 'restored-token-0123456789abcdef';
    writeFileSync(join(dataDir, 'serve-token'), `${token}\n`, { mode: 0o644 });
    const s = await start(dataDir);
    expect(s.token).toBe(token);
    expect(statSync(join(dataDir, 'serve-token')).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('--new-token rotates: the old token is refused, the new one stored', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    await first.stop();
    const second = await start(dataDir, ['--new-token']);
    expect(second.token).not.toBe(first.token);
    expect(second.port).toBe(first.port);
    expect(await lineCount(second, 2)).toContain('A new access token was made: pages opened with the old one must open the address above.');
    expect(await apiStatus(second.port, first.token)).toBe(401);
    expect(readFileSync(join(dataDir, 'serve-token'), 'utf8').trim()).toBe(second.token);
  }, 60_000);

  it('a token given by flag or environment wins and leaves the stored one alone', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    await first.stop();
    const byFlag = await start(dataDir, ['--token', 'flag-token-0123456789abcdef']);
    expect(byFlag.token).toBe('flag-token-0123456789abcdef');
    await byFlag.stop();
    const byEnv = await start(dataDir, [], { TRESEN_TOKEN: 'env-token-0123456789abcdef' });
    expect(byEnv.token).toBe('env-token-0123456789abcdef');
    await byEnv.stop();
    expect(readFileSync(join(dataDir, 'serve-token'), 'utf8').trim()).toBe(first.token);
    await expect(start(dataDir, ['--token', 'short'])).rejects.toThrow(/the token must be 16-128 characters/);
  }, 60_000);

  it('when the last port is taken, a free one is used and stdout says so after the ready line', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    await first.stop();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(first.port, '127.0.0.1', resolve));
    try {
      const second = await start(dataDir);
      expect(second.port).not.toBe(first.port);
      expect(second.token).toBe(first.token);
      expect(await lineCount(second, 2)).toContain(
        `Port ${first.port} (used last time) is taken, so Tresen now listens on port ${second.port}: open the address above in the browser.`,
      );
      // The new port is the one remembered.
      expect(readFileSync(join(dataDir, 'serve-port'), 'utf8').trim()).toBe(String(second.port));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, 60_000);

  it('--port still binds what it is told (0: any free port), and the token file is made on the first start', async () => {
    const dataDir = join(tempDir(), 'new-folder');
    expect(existsSync(join(dataDir, 'serve-token'))).toBe(false);
    const s = await start(dataDir, ['--port', '0']);
    expect(existsSync(join(dataDir, 'serve-token'))).toBe(true);
    expect(readFileSync(join(dataDir, 'serve-port'), 'utf8').trim()).toBe(String(s.port));
  }, 60_000);
});
