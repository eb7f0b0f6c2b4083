import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import wwebjs from 'whatsapp-web.js';
import type { ClientOptions } from 'whatsapp-web.js';
import type { Logger } from '../../runtime';
import { WHATSAPP_SESSION_DIR } from '../../store/line-config';
import { errText } from './wa-client';

/**
 * How the real whatsapp-web.js Client is configured: session (LocalAuth) and
 * the WhatsApp Web version cache live in Tresen's data folder, so a backup of
 * that folder is a complete backup and two installs never share a session.
 */

export interface RealClientConfig {
  dataDir: string;
  /** Stable id: the session folder is whatsapp-session/session-<clientId>. */
  clientId: string;
  /** Chrome/Chromium/Edge binary (see browser.ts). */
  executablePath: string;
  headless?: boolean;
  /** Upper bound for one DevTools protocol call, so a hung page surfaces as an error instead of a freeze. */
  protocolTimeoutMs?: number;
  /** Running as root (containers) needs --no-sandbox; a normal desktop user keeps Chrome's sandbox. */
  runningAsRoot?: boolean;
  /** More Chromium flags (a proxy, or in tests the stand-in page's host mapping). */
  extraArgs?: string[];
  /** How long the library waits for WhatsApp Web's code to appear in the page. */
  authTimeoutMs?: number;
}

export const sessionDir = (dataDir: string) => join(dataDir, WHATSAPP_SESSION_DIR);
export const webCacheDir = (dataDir: string) => join(dataDir, 'whatsapp-web-cache');
/** The folder LocalAuth writes for one clientId; removed on logout. */
export const sessionFolder = (dataDir: string, clientId: string) => join(sessionDir(dataDir), `session-${clientId}`);

/**
 * The library saves WhatsApp Web's page under the version it ran, but looks
 * the cache up under `webVersion` (its built-in default unless set), so the
 * cache was never used. The newest saved version is the one to ask for.
 */
export function newestCachedVersion(dir: string): string | undefined {
  try {
    const files = readdirSync(dir)
      .filter((f) => /^[\w.-]+\.html$/.test(f))
      .map((f) => ({ v: f.slice(0, -'.html'.length), t: statSync(join(dir, f)).mtimeMs }));
    files.sort((a, b) => b.t - a.t || b.v.localeCompare(a.v));
    return files[0]?.v;
  } catch {
    return undefined;
  }
}

export function chromeArgs(runningAsRoot: boolean): string[] {
  const args = ['--no-first-run', '--no-default-browser-check', '--disable-dev-shm-usage', '--disable-gpu', '--disable-extensions'];
  if (runningAsRoot) args.push('--no-sandbox', '--disable-setuid-sandbox');
  return args;
}

export function buildClientOptions(cfg: RealClientConfig): ClientOptions {
  const root = cfg.runningAsRoot ?? (typeof process.getuid === 'function' && process.getuid() === 0);
  const cached = newestCachedVersion(webCacheDir(cfg.dataDir));
  return {
    ...(cached ? { webVersion: cached } : {}),
    authStrategy: new wwebjs.LocalAuth({ clientId: cfg.clientId, dataPath: sessionDir(cfg.dataDir) }),
    webVersionCache: { type: 'local', path: webCacheDir(cfg.dataDir) },
    puppeteer: {
      executablePath: cfg.executablePath,
      headless: cfg.headless ?? true,
      args: [...chromeArgs(root), ...(cfg.extraArgs ?? [])],
      protocolTimeout: cfg.protocolTimeoutMs ?? 60_000,
      // Tresen closes the browser itself when quitting; puppeteer's signal handlers would kill it mid-write.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    },
    authTimeoutMs: cfg.authTimeoutMs ?? 60_000,
    // Another WhatsApp Web tab must not be kicked out silently; the state shows the conflict instead.
    takeoverOnConflict: false,
    deviceName: 'Tresen',
  };
}

/** A real Client, not yet initialized. */
export function createRealClient(cfg: RealClientConfig): InstanceType<typeof wwebjs.Client> {
  return new wwebjs.Client(buildClientOptions(cfg));
}

export interface Reinjecting {
  inject?: () => Promise<void>;
  initialize: () => Promise<void>;
}

/**
 * whatsapp-web.js re-injects on every navigation from an async event
 * handler nobody awaits (Client.initialize → page 'framenavigated'). When the
 * page goes away meanwhile (logout, teardown) that promise rejects with
 * "Execution context was destroyed" and nothing catches it. After
 * initialize, re-injection failures are logged here instead; the channel's
 * own deadlines notice a client that did not come back.
 */
export function containReinjection(client: Reinjecting, logger: Logger): void {
  const inject = client.inject;
  if (typeof inject !== 'function') return;
  let initialized = false;
  const initialize = client.initialize.bind(client);
  client.initialize = async () => {
    await initialize();
    initialized = true;
  };
  client.inject = function (this: unknown) {
    const run = inject.call(client);
    if (!initialized) return run;
    return run.catch((err: unknown) => logger.warn('whatsapp: re-injection after a navigation failed', { error: errText(err) }));
  };
}

type Handler = (...args: unknown[]) => unknown;

/** The part of whatsapp-web.js's client whose page handlers are contained. */
export interface PageHandlers {
  pupPage?: unknown;
  initWebVersionCache?: () => Promise<unknown>;
}

/**
 * whatsapp-web.js reads the WhatsApp Web page's HTML from an async page
 * handler nobody awaits (Client.initWebVersionCache → page 'response'). When
 * the browser closes while that read is in flight (the line stopped during
 * its launch) the promise rejects with "Target closed" and nothing catches
 * it. The handlers it registers there go through a page.on that logs such a
 * failure instead; the channel's own deadlines notice a page that did not load.
 */
export function containPageHandlers(client: PageHandlers, logger: Logger): void {
  const init = client.initWebVersionCache;
  if (typeof init !== 'function') return;
  client.initWebVersionCache = async () => {
    const page = client.pupPage as { on?: (type: string, handler: Handler) => unknown } | null | undefined;
    const on = page?.on;
    if (!page || typeof on !== 'function') return init.call(client);
    const own = Object.prototype.hasOwnProperty.call(page, 'on');
    page.on = (type: string, handler: Handler) =>
      on.call(page, type, (...args: unknown[]) => {
        const result = handler(...args);
        if (result instanceof Promise) result.catch((err: unknown) => logger.warn('whatsapp: a page handler failed', { event: type, error: errText(err) }));
      });
    try {
      return await init.call(client);
    } finally {
      if (own) page.on = on;
      else delete page.on;
    }
  };
}
