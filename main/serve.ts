import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stderrLogger } from './app';
import { AppHost } from './host';
import { startServer, type RunningServer } from './api/server';
import { DatabaseOpenError } from './store';
import { defaultDataDir } from './data-dir';
import { lastPort, rememberPort, ServeAccessError, serveToken, WINDOWS_FILE } from './api/serve-access';
import pkg from '../package.json';

/**
 * Serve mode: the whole app under plain Node with the WebSocket transport.
 * `npm run serve -- --data-dir DIR [--port N] [--demo] [--new-token]`
 * The first stdout line is always `Tresen ready at URL`; logs go to stderr.
 * The token and the port are kept in the data folder across restarts, so a
 * tab opened from the printed address reconnects (see api/serve-access.ts).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      // The token: --token or TRESEN_TOKEN win (not stored); else the stored one; --new-token rotates it.
      token: { type: 'string' },
      'new-token': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      // The first-run wizard: --demo starts with the set-up completed unless --fresh-setup;
      // --setup-completed does the same for a data folder on the shop's line (tests).
      'fresh-setup': { type: 'boolean', default: false },
      'setup-completed': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--port must be 0-65535, got ${values.port}`);
  const given = values.token ?? (process.env.TRESEN_TOKEN || undefined);
  if (given !== undefined && values['new-token']) throw new UsageError('--new-token and a given token (--token, TRESEN_TOKEN) exclude each other');
  // Read (or created) before the app starts: a bad given token ends the start before anything is opened.
  const { token, source } = serveToken(dataDir, { given, rotate: values['new-token'] });

  // --demo: the simulator on this data dir, for training and tests. Without it,
  // the shop's line as chosen in the app (WhatsApp when linked, else the demo).
  const setup = values['fresh-setup'] ? 'derive' : values['setup-completed'] || values.demo ? 'completed' : 'derive';
  const host = await AppHost.start({ dataDir, forceDemo: values.demo ?? false, setup, version: pkg.version, ...whatsappOverrides() });
  const serverOptions = {
    app: host,
    token,
    // The tabs' profiles come back after a restart (a new token starts them afresh).
    windowsFile: join(dataDir, WINDOWS_FILE),
    rendererDir: process.env.TRESEN_RENDERER_DIR ?? join(__dirname, '..', 'renderer'),
  };
  // --port N binds exactly N (0: any free port). Without it, the port of the last start when it
  // is free, so open tabs come back; else a free one.
  const previous = port === undefined ? lastPort(dataDir) : null;
  let server: RunningServer;
  let moved = false;
  if (previous !== null) {
    try {
      server = await startServer({ ...serverOptions, port: previous });
    } catch (err) {
      stderrLogger.warn('last port not available', { port: previous, error: err instanceof Error ? err.message : String(err) });
      server = await startServer({ ...serverOptions, port: 0 });
      moved = true;
    }
  } else {
    server = await startServer({ ...serverOptions, port: port ?? 0 });
  }
  rememberPort(dataDir, server.port);
  // Here the API runs with the process, on the start token and API keys alike; it cannot be switched off.
  host.localApi = {
    view: () => ({ enabled: true, port: server.port, running: true, controllable: false, error: null }),
    update: () => Promise.reject(new Error('the local API runs with serve mode')),
  };
  process.stdout.write(`Tresen ready at ${server.url}\n`);
  if (moved) {
    process.stdout.write(`Port ${previous} (used last time) is taken, so Tresen now listens on port ${server.port}: open the address above in the browser.\n`);
  }
  if (source === 'new' && values['new-token']) {
    process.stdout.write('A new access token was made: pages opened with the old one must open the address above.\n');
  }
  // Never the token itself: it is in the ready line only.
  stderrLogger.info('serving', { dataDir, port: server.port, mode: host.mode, token: source });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await host.close();
    process.exit(0);
  };
  // A stray rejection must not take the shop's counter down; it is logged loudly instead.
  process.on('unhandledRejection', (reason) => {
    stderrLogger.error('unhandled rejection', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
  });
  // The same for a throw that escaped every handler: log it and keep serving
  // (each request has its own error boundary; this is the last net).
  process.on('uncaughtException', (err) => {
    stderrLogger.error('uncaught exception', { error: err.stack ?? err.message });
  });
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

class UsageError extends Error {}

/**
 * TRESEN_WHATSAPP_BROWSER_ARGS: a JSON array of extra Chromium flags for the
 * WhatsApp browser (a proxy; the end-to-end tests map web.whatsapp.com to a
 * local stand-in with it).
 */
function whatsappOverrides(): { whatsapp?: { realClient: { extraArgs: string[] } } } {
  const raw = process.env.TRESEN_WHATSAPP_BROWSER_ARGS;
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed) || !parsed.every((a): a is string => typeof a === 'string' && a.startsWith('--'))) {
    throw new UsageError('TRESEN_WHATSAPP_BROWSER_ARGS must be a JSON array of --flags');
  }
  return { whatsapp: { realClient: { extraArgs: parsed } } };
}

main().catch((err: unknown) => {
  if (err instanceof DatabaseOpenError || err instanceof UsageError || err instanceof ServeAccessError) {
    process.stderr.write(`Tresen: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Tresen failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
