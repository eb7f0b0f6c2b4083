import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach } from 'vitest';
import { createApp, type CreatedApp } from '../../main/app';
import { startServer, type RunningServer, type ServerOptions } from '../../main/api/server';
import type { AppOptions } from '../../main/app';
import { silentLogger } from './temp-dir';

export interface RunningApp {
  app: CreatedApp;
  server: RunningServer;
  origin: string;
  close(): Promise<void>;
}

/** The real app and server on a real SQLite file, with a stub page as the renderer. */
export async function startTestApp(
  dataDir: string,
  opts: Partial<AppOptions> = {},
  serverOpts: Partial<ServerOptions> = {},
): Promise<RunningApp> {
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tresen</title>');
  const app = await createApp({ dataDir, demo: true, logger: silentLogger, ...opts });
  const server = await startServer({ app, rendererDir, ...serverOpts });
  return {
    app,
    server,
    origin: `http://127.0.0.1:${server.port}`,
    async close() {
      await server.close();
      await app.close();
    },
  };
}

/** Starts real apps for the tests of one file and closes each after its test. */
export function useTestApps(
  tempDir: () => string,
): (opts?: Partial<AppOptions>, serverOpts?: Partial<ServerOptions>) => Promise<RunningApp> {
  const open: RunningApp[] = [];
  afterEach(async () => {
    for (const running of open.splice(0)) await running.close();
  });
  return async (opts = {}, serverOpts = {}) => {
    const running = await startTestApp(tempDir(), opts, serverOpts);
    open.push(running);
    return running;
  };
}

/** A minimal WebSocket client speaking the transport's protocol. */
export async function connectWs(server: RunningServer, opts: { window?: string } = {}) {
  const tab = opts.window ? `&window=${encodeURIComponent(opts.window)}` : '';
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}${tab}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const pending = new Map<number, (r: unknown) => void>();
  const events: { event: string; payload: unknown }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { id?: number; result?: unknown; event?: string; payload?: unknown };
    if (frame.event) events.push({ event: frame.event, payload: frame.payload });
    else if (typeof frame.id === 'number') pending.get(frame.id)?.(frame.result);
  });
  return {
    events,
    call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; field?: string; message: string; reason?: string } }> {
      const id = next++;
      ws.send(JSON.stringify({ id, method, input }));
      return new Promise((resolve) => pending.set(id, resolve as (r: unknown) => void));
    },
    close: () => ws.close(),
  };
}
