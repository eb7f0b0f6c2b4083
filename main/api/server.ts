import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TresenApp } from '../app-context';
import type { HttpRoute, ServedApp } from './http-route';
import { WS_MAX_PAYLOAD } from '../contract/models';
import { ApiError } from '../contract/errors';
import type { ApiErrorShape } from '../contract/errors';
import { BodyError, JSON_BODY_LIMIT, readJson, sendError, upgradeRefusal } from './http-util';
import { DEFAULT_RATE_LIMIT, TokenBucket, type RateLimit } from './rate-limit';
import { simRoutes } from './routes/sim';
import { LOCAL_API_CALLER, newSession, type ApiCaller, type Session } from '../core/session';
import { auditSubject } from './audit-subject';
import { readWindows, saveWindows, WindowSessions, windowsTokenMark } from './window-sessions';
import { PAGE_COOKIE, serveStatic } from './static-files';
import { frameSender } from './ws-frames';

/** The running app, looked up per request: the host may swap it (demo ↔ WhatsApp). */
export interface AppSource {
  readonly current: ServedApp;
  dispatch: TresenApp['dispatch'];
  subscribe: TresenApp['subscribe'];
}

export interface ServerOptions {
  app: AppSource | ServedApp;
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  port?: number;
  /** The token (serve mode keeps one across restarts, see serve-access.ts); random per start otherwise. */
  token?: string;
  routes?: HttpRoute[];
  /** Requests per connection (HTTP keep-alive socket or WebSocket). */
  rateLimit?: RateLimit;
  /** Bytes a WebSocket client may leave unread before it is dropped. */
  maxBufferedBytes?: number;
  /**
   * Serve the app's page and accept the start token (serve mode, default).
   * False for the Electron app's local API: API keys only, no page.
   */
  ui?: boolean;
  /**
   * Where the tabs' sessions are kept across restarts (serve mode): read at
   * start, written at close (owner-only). Without it they live in memory only.
   */
  windowsFile?: string;
}

/** A client that reads nothing is dropped once this much waits for it. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** The caller scope of the start token: the app's own UI and the shop system on this PC. */
export const LOCAL_CALLER = 'local';
/** Serve mode's start token: the operator who started the process, full access. */
export const OPERATOR: ApiCaller = { kind: 'operator', keyId: null, name: LOCAL_API_CALLER, scope: 'manager' };
/** The idempotency scope of a caller: the start token shares the UI's, each key has its own. */
export const callerScope = (caller: ApiCaller): string => (caller.keyId === null ? LOCAL_CALLER : `key:${caller.keyId}`);

const refusal = (code: ApiErrorShape['code'], message: string): ApiErrorShape => ({ code, message });

/** Parses a request target; null for what no URL parser accepts (answered 400, never thrown). */
function parseTarget(raw: string | undefined, port: number): URL | null {
  try {
    return new URL(raw ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The WebSocket transport and local HTTP API. Loopback only; every request
 * needs the start token (query, Bearer header, or the HttpOnly cookie the
 * page receives when it is opened with the token). The Host header is checked
 * too, so a web page cannot reach us through DNS rebinding.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const source: AppSource =
    'current' in opts.app ? opts.app : { current: opts.app, dispatch: opts.app.dispatch, subscribe: opts.app.subscribe };
  const routes = () => [...simRoutes, ...source.current.httpRoutes, ...(opts.routes ?? [])];
  let port = 0;

  const hostOk = (req: IncomingMessage): boolean => {
    const host = req.headers.host ?? '';
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host);
  };
  // Derived from the token: a page reloaded after a restart on the same token still opens, a new token ends it.
  const pageKey = Buffer.from(createHmac('sha256', token).update('tresen page cookie').digest('base64url'));
  const presentedToken = (req: IncomingMessage, url: URL): string | undefined => {
    const q = url.searchParams.get('token');
    if (q) return q;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
    return undefined;
  };
  const presentedPageKey = (req: IncomingMessage): string | undefined =>
    req.headers.cookie
      ?.split(';')
      .map((c) => c.trim().split('='))
      .find(([k]) => k === PAGE_COOKIE)?.[1];
  const equal = (candidate: string | undefined, secret: Buffer): boolean => {
    if (!candidate) return false;
    const buf = Buffer.from(candidate);
    return buf.length === secret.length && timingSafeEqual(buf, secret);
  };
  const ui = opts.ui !== false;
  const tokenOk = (candidate: string | undefined): boolean => ui && equal(candidate, tokenBuf);
  /** The API caller a presented secret stands for: the start token, else an API key (unknown or revoked: none). */
  const callerOf = (candidate: string | undefined, inUrl: boolean): ApiCaller | undefined => {
    if (!candidate) return undefined;
    if (tokenOk(candidate)) return OPERATOR;
    // A key never travels in a URL (logs, history and proxies keep URLs): header only.
    if (inUrl) return undefined;
    return source.current.context.apiKeys.verify(candidate);
  };
  const inUrl = (url: URL): boolean => url.searchParams.has('token');
  /** Another web page (even on another local port) must not drive the API with the user's browser. */
  const crossSite = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (origin && ![`http://127.0.0.1:${port}`, `http://localhost:${port}`].includes(origin)) return true;
    const site = req.headers['sec-fetch-site'];
    return site !== undefined && site !== 'same-origin' && site !== 'none';
  };

  const rateLimit = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const buckets = new WeakMap<object, TokenBucket>();
  const bucketOf = (key: object): TokenBucket => {
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = new TokenBucket(rateLimit)));
    return bucket;
  };
  const log = () => source.current.context.logger;

  const server: Server = createServer((req, res) => {
    // The error boundary: whatever a request holds, it is answered (or its socket closed), never thrown.
    const fail = (err: unknown) => {
      log().error('http handler failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      if (!res.headersSent) sendError(res, refusal('internal', 'internal error'));
      else res.destroy();
    };
    try {
      handleHttp(req, res).catch(fail);
    } catch (err) {
      fail(err);
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end(upgradeRefusal(refusal('validation', 'malformed HTTP request')));
    else socket.destroy();
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    const wait = bucketOf(req.socket).take();
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      return sendError(res, refusal('rate_limited', 'too many requests on this connection'));
    }
    if (!hostOk(req)) return sendError(res, refusal('forbidden', 'unexpected Host header'));
    const url = parseTarget(req.url, port);
    if (!url) return sendError(res, refusal('validation', 'malformed request target'));
    const isApi = /^\/(api|sim)\//.test(url.pathname);
    const isStatic = (req.method === 'GET' || req.method === 'HEAD') && !isApi;
    if (isStatic && !ui) return sendError(res, refusal('not_found', 'no such route'));
    const presented = presentedToken(req, url);
    // The page and its assets: the start token or the page cookie. The API: the start token or an API key.
    const caller = isStatic ? (tokenOk(presented) ? OPERATOR : undefined) : callerOf(presented, inUrl(url));
    const authorised = caller !== undefined || (isStatic && equal(presentedPageKey(req), pageKey));
    if (!authorised) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendError(res, refusal('unauthorized', presented ? 'unknown or revoked key' : 'token required'));
    }
    if (!isStatic && crossSite(req)) return sendError(res, refusal('forbidden', 'cross-site request refused'));
    // A POST without a body (…/send, …/cancel) needs no Content-Type; one with a body must declare JSON.
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if ((req.method === 'POST' || req.method === 'PATCH') && hasBody && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendError(res, refusal('unsupported_media_type', 'Content-Type must be application/json'));
    }
    for (const route of routes()) {
      if (route.method !== req.method) continue;
      const match = route.path.exec(url.pathname);
      if (!match) continue;
      const who = caller ?? OPERATOR;
      const session = newSession({ callerName: who.name, caller: who });
      const app = source.current;
      const action = `HTTP ${route.method} ${url.pathname}`;
      // The subject is looked up before the route runs: an erasure removes the contact it names.
      const subject = route.audit ? auditSubject(app, match) : null;
      const audit = (outcome: string) => {
        if (route.audit) app.context.access.record(session, action, subject, outcome);
      };
      try {
        app.context.access.authorize(session, route.access ?? 'staff', action);
        await route.handle({
          req,
          res,
          match,
          app,
          body: (maxBytes) => readJson(req, maxBytes ?? route.maxBodyBytes ?? JSON_BODY_LIMIT),
          caller: callerScope(who),
          session,
        });
        audit(res.statusCode < 400 ? 'ok' : `http_${res.statusCode}`);
      } catch (err) {
        audit(err instanceof ApiError || err instanceof BodyError ? err.code : 'internal');
        // One place turns a route's typed error into its HTTP answer.
        if (err instanceof ApiError) return sendError(res, err.toJSON());
        if (err instanceof BodyError) {
          if (err.code === 'payload_too_large') res.setHeader('Connection', 'close');
          return sendError(res, refusal(err.code, err.message));
        }
        throw err;
      }
      return;
    }
    // API paths never fall back to the page: an unknown one is a JSON 404.
    if (isApi || (req.method !== 'GET' && req.method !== 'HEAD')) return sendError(res, refusal('not_found', 'no such route'));
    const setCookie = url.searchParams.has('token') ? pageKey.toString() : null;
    serveStatic(opts.rendererDir, { url, method: req.method ?? 'GET', setCookie }, res, (file, err) =>
      log().warn('static file read failed', { file, error: String(err) }),
    );
  }


  // Large enough for one file staff sends (base64 of MAX_SEND_MEDIA_BYTES), bounded all the same.
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  server.on('upgrade', (req, socket, head) => {
    const reject = (error: ApiErrorShape) => {
      if (socket.writable) socket.end(upgradeRefusal(error));
      socket.destroy();
    };
    socket.on('error', () => socket.destroy());
    try {
      const url = parseTarget(req.url, port);
      if (!url) return reject(refusal('validation', 'malformed request target'));
      const origin = req.headers.origin;
      const originOk = !origin || [`http://127.0.0.1:${port}`, `http://localhost:${port}`].includes(origin);
      if (url.pathname !== '/ws') return reject(refusal('not_found', 'no such route'));
      if (!hostOk(req) || !originOk) return reject(refusal('forbidden', 'cross-site request refused'));
      const presented = presentedToken(req, url);
      const caller = callerOf(presented, inUrl(url));
      if (!caller) return reject(refusal('unauthorized', presented ? 'unknown or revoked key' : 'token required'));
      // The start token opens the app's page: its connection runs a profile session like a window.
      // An API key (Authorization header of the upgrade) has the rights of its scope.
      const windowKey = url.searchParams.get('window');
      wss.handleUpgrade(req, socket, head, (ws) =>
        attach(ws, socket, caller === OPERATOR ? undefined : caller, windowKey),
      );
    } catch (err) {
      log().error('upgrade failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      reject(refusal('internal', 'internal error'));
    }
  });

  // Saved under the token's fingerprint: a new token starts every tab afresh.
  const tokenMark = windowsTokenMark(token);
  const windows = new WindowSessions(opts.windowsFile ? readWindows(opts.windowsFile, tokenMark) : []);

  function attach(ws: WebSocket, socket: Duplex, caller: ApiCaller | undefined, windowKey: string | null): void {
    const bucket = new TokenBucket(rateLimit);
    const send = frameSender(ws, socket, maxBuffered, (buffered) => log().warn('dropping a WebSocket client that does not read', { buffered }));
    // One session per connection: the profile switched to here stays here (and with the page's tab across a reload).
    // An API key has the rights of its scope and no window to come back to.
    const notify: Session['notify'] = (event, payload) => send({ event, payload });
    const session = caller ? newSession({ callerName: caller.name, caller, notify }) : windows.sessionFor(windowKey, notify);
    const unsubscribe = source.subscribe((event, payload) => send({ event, payload }));
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
    const answer = (id: unknown, result: unknown) => send({ id, result });
    // A client that connects gets each simulated phone once, whole; after that only deltas.
    void source.dispatch('sim.customers', {}).then((r) => {
      if (r.ok) for (const phone of r.value as unknown[]) send({ event: 'sim.phone', payload: phone });
    });
    ws.on('message', (data) => {
      // Whatever a client sends, a bad frame is answered, never thrown: a throw here would end the process.
      try {
        onFrame(data);
      } catch (err) {
        log().error('WebSocket frame failed', { error: err instanceof Error ? err.message : String(err) });
        answer(null, { ok: false, error: refusal('internal', 'internal error') });
      }
    });
    function onFrame(data: unknown): void {
      if (bucket.take() > 0) return answer(null, { ok: false, error: refusal('rate_limited', 'too many frames on this connection') });
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return answer(null, { ok: false, error: refusal('validation', 'frame is not JSON') });
      }
      if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
        return answer(null, { ok: false, error: refusal('validation', 'frame must be an object') });
      }
      const { id: rawId, method, input } = frame as { id?: unknown; method?: unknown; input?: unknown };
      const id = typeof rawId === 'number' || typeof rawId === 'string' ? rawId : null;
      if (typeof method !== 'string') return answer(id, { ok: false, error: { ...refusal('validation', 'method must be a string'), field: 'method' } });
      // A key revoked while its connection is open: refused from the next frame on, and the connection closed.
      if (caller?.keyId != null && !source.current.context.apiKeys.isActive(caller.keyId)) {
        answer(id, { ok: false, error: refusal('unauthorized', 'unknown or revoked key') });
        return void ws.close(4401, 'key revoked');
      }
      source.dispatch(method, input, session).then(
        (result) => answer(id, result),
        () => answer(id, { ok: false, error: refusal('internal', 'internal error') }),
      );
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections?.();
        if (opts.windowsFile) saveWindows(opts.windowsFile, tokenMark, windows, log());
        server.close(() => resolve());
      }),
  };
}

