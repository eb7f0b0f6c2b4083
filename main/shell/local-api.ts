import { randomBytes } from 'node:crypto';
import { LOCAL_API_DEFAULT_PORT, LocalApiPort, type LocalApiView } from '../contract';
import type { LocalApiControl } from '../app-context';
import type { Logger } from '../runtime';
import { startServer, type AppSource, type RunningServer } from '../api/server';

/** Settings key of the local API switch: `{ enabled, port }`. */
export const LOCAL_API_SETTING = 'localApi';

export interface LocalApiConfig {
  enabled: boolean;
  port: number;
}

export interface LocalApiDeps {
  /** The running app (the host: its store holds the switch, its routes answer). */
  source: AppSource;
  logger: Logger;
  /** Starts the loopback server on a port (tests may wrap it); default: startServer with API keys only. */
  start?: (port: number) => Promise<RunningServer>;
}

export interface LocalApi extends LocalApiControl {
  /** Applies what the store says (at start and after a line switch). */
  applySaved(): Promise<LocalApiView>;
  close(): Promise<void>;
}

/** The stored switch, or off on the default port. */
export function readLocalApiConfig(source: AppSource): LocalApiConfig {
  const raw = source.current.context.store.settings.get<Partial<LocalApiConfig>>(LOCAL_API_SETTING);
  const port = LocalApiPort.safeParse(raw?.port);
  return { enabled: raw?.enabled === true, port: port.success ? port.data : LOCAL_API_DEFAULT_PORT };
}

/**
 * The Electron app's local API: off until a manager switches it on, then a
 * loopback server on the chosen fixed port that accepts API keys only (no
 * page, no start token). Switching, moving the port and closing are plain
 * functions here so they are tested without a window.
 */
export function createLocalApi(deps: LocalApiDeps): LocalApi {
  const start =
    deps.start ??
    ((port: number) =>
      // The token is random and never shown: only API keys open this server.
      startServer({ app: deps.source, rendererDir: '', port, ui: false, token: randomBytes(32).toString('base64url') }));
  let server: RunningServer | null = null;
  let error: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const view = (): LocalApiView => {
    const cfg = readLocalApiConfig(deps.source);
    return { enabled: cfg.enabled, port: cfg.port, running: server !== null, controllable: true, error };
  };

  const apply = async (cfg: LocalApiConfig): Promise<void> => {
    if (server && (!cfg.enabled || server.port !== cfg.port)) {
      await server.close();
      server = null;
      deps.logger.info('local API stopped');
    }
    error = null;
    if (cfg.enabled && !server) {
      try {
        server = await start(cfg.port);
        deps.logger.info('local API listening', { port: server.port });
      } catch (err) {
        error = (err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${cfg.port} is in use` : String(err);
        deps.logger.warn('local API could not start', { port: cfg.port, error });
      }
    }
  };
  // One change at a time: two quick clicks must not start two servers.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    view,
    update: (patch) =>
      serial(async () => {
        const cfg = { ...readLocalApiConfig(deps.source), ...patch };
        deps.source.current.context.store.settings.set(LOCAL_API_SETTING, cfg, deps.source.current.context.clock.now());
        await apply(cfg);
        return view();
      }),
    applySaved: () =>
      serial(async () => {
        await apply(readLocalApiConfig(deps.source));
        return view();
      }),
    close: () =>
      serial(async () => {
        await server?.close();
        server = null;
      }),
  };
}
