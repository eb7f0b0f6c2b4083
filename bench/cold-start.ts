import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** Starts serve mode on the data, times spawn → first inbox page, then reads the process's peak RSS. */
export async function coldStart(bundle: string, dataDir: string, progress: (line: string) => void): Promise<{ cold_start_ms: number | null; rss_mb: number | null }> {
  const rendererDir = join(dataDir, '..', 'renderer-empty');
  mkdirSync(rendererDir, { recursive: true });
  const t0 = performance.now();
  const child = spawn(process.execPath, [bundle, '--data-dir', dataDir, '--port', '0', '--demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TRESEN_RENDERER_DIR: rendererDir },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  try {
    const url = await new Promise<string>((res, rej) => {
      let out = '';
      const timer = setTimeout(() => rej(new Error(`serve mode did not start in 120 s: ${stderr.slice(-2000)}`)), 120_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /ready at (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          res(m[1]!);
        }
      });
      child.on('exit', (code) => rej(new Error(`serve mode exited (${code}): ${stderr.slice(-2000)}`)));
    });
    const u = new URL(url);
    const ws = new WebSocket(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`, { headers: { origin: `http://${u.host}` } });
    let nextId = 1;
    const pending = new Map<number, (v: unknown) => void>();
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { id?: number; result?: unknown };
      if (typeof f.id === 'number') pending.get(f.id)?.(f.result);
    });
    await new Promise((res, rej) => {
      ws.once('open', res);
      ws.once('error', rej);
    });
    const call = (method: string, input: unknown) =>
      new Promise<{ ok: boolean; value?: unknown }>((res) => {
        const id = nextId++;
        pending.set(id, res as (v: unknown) => void);
        ws.send(JSON.stringify({ id, method, input }));
      });
    const first = await call('inbox.list', { view: 'all', order: 'waiting', limit: 50 });
    const cold = performance.now() - t0;
    if (!first.ok) progress(`  inbox.list answered ${JSON.stringify(first).slice(0, 300)}`);
    // A little of a normal day, so peak RSS reflects use and not only start.
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await call('inbox.list', { view: 'all', order: 'activity', limit: 50, ...(cursor ? { cursor } : {}) });
      cursor = (r.value as { next?: string | null } | undefined)?.next ?? undefined;
      if (!cursor) break;
    }
    for (const q of ['Müller', '0171 123', 'Fahrrad']) await call('inbox.list', { view: 'all', q, limit: 50 });
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    ws.close();
    return { cold_start_ms: Math.round(cold), rss_mb: hwm ? Math.round(Number(hwm[1]) / 1024) : null };
  } catch (err) {
    progress(`  cold start failed: ${(err as Error).message}`);
    return { cold_start_ms: null, rss_mb: null };
  } finally {
    child.kill('SIGTERM');
    await new Promise((res) => {
      if (child.exitCode !== null) res(undefined);
      else child.once('exit', res);
    });
  }
}
