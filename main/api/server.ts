import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TresenApp } from '../app-context';
import type { HttpRoute, ServedApp } from './http-route';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import { ApiError } from '../contract/errors';
import { BodyError, readJson, sendError, sendJson } from './http-util';
import { simRoutes } from './routes/sim';
import { LOCAL_API_CALLER, newSession } from '../core/session';

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
  /** Fixed token for tests; random per start otherwise. */
  token?: string;
  routes?: HttpRoute[];
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The page cookie is NOT the API token: cookies ignore ports, so any other
 * server on 127.0.0.1 the browser visits receives it. It only unlocks the
 * app's static files (page reloads, assets); the API needs the token itself.
 */
const COOKIE = 'tresen_page';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The WebSocket transport and local HTTP API. Loopback only; every request
 * needs the per-start token (query, Bearer header, or the HttpOnly cookie the
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
  const pageKey = Buffer.from(randomBytes(24).toString('base64url'));
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
      .find(([k]) => k === COOKIE)?.[1];
  const equal = (candidate: string | undefined, secret: Buffer): boolean => {
    if (!candidate) return false;
    const buf = Buffer.from(candidate);
    return buf.length === secret.length && timingSafeEqual(buf, secret);
  };
  const tokenOk = (candidate: string | undefined): boolean => equal(candidate, tokenBuf);
  /** Another web page (even on another local port) must not drive the API with the user's browser. */
  const crossSite = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (origin && ![`http://127.0.0.1:${port}`, `http://localhost:${port}`].includes(origin)) return true;
    const site = req.headers['sec-fetch-site'];
    return site !== undefined && site !== 'same-origin' && site !== 'none';
  };

  const server: Server = createServer((req, res) => {
    void handleHttp(req, res).catch((err: unknown) => {
      source.current.context.logger.error('http handler failed', { error: String(err) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'internal error' });
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    if (!hostOk(req)) return sendJson(res, 403, { error: 'forbidden', message: 'unexpected Host header' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isStatic = (req.method === 'GET' || req.method === 'HEAD') && !/^\/(api|sim)\//.test(url.pathname);
    const authorised = tokenOk(presentedToken(req, url)) || (isStatic && equal(presentedPageKey(req), pageKey));
    if (!authorised) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendJson(res, 401, { error: 'unauthorized', message: 'token required' });
    }
    if (!isStatic && crossSite(req)) return sendJson(res, 403, { error: 'forbidden', message: 'cross-site request refused' });
    if ((req.method === 'POST' || req.method === 'PATCH') && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, { error: 'validation', message: 'Content-Type must be application/json' });
    }
    for (const route of routes()) {
      if (route.method !== req.method) continue;
      const match = route.path.exec(url.pathname);
      if (!match) continue;
      try {
        const session = newSession({ callerName: LOCAL_API_CALLER });
        await route.handle({ req, res, match, app: source.current, body: (maxBytes) => readJson(req, maxBytes), session });
      } catch (err) {
        // One place turns a route's typed error into its HTTP answer.
        if (err instanceof ApiError) return sendError(res, err.toJSON());
        if (err instanceof BodyError) return sendError(res, { code: 'validation', message: err.message });
        throw err;
      }
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 404, { error: 'not_found', message: 'no such route' });
    // An API path nobody serves is an error, never the app's page.
    if (!isStatic) return sendJson(res, 404, { error: 'not_found', message: 'no such route' });
    serveStatic(url, res, url.searchParams.has('token'), req.method);
  }

  function serveStatic(url: URL, res: ServerResponse, setCookie: boolean, method: string): void {
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return sendJson(res, 400, { error: 'validation', message: 'bad path' });
    }
    const root = normalize(opts.rendererDir + sep);
    let file = normalize(join(root, rel === '/' ? 'index.html' : rel));
    if (!file.startsWith(root)) return sendJson(res, 404, { error: 'not_found', message: 'not found' });
    // Client-side routes fall back to the app shell.
    if (!existsSync(file) || statSync(file).isDirectory()) {
      if (extname(rel) !== '') return sendJson(res, 404, { error: 'not_found', message: 'not found' });
      file = join(root, 'index.html');
    }
    if (!existsSync(file)) {
      return sendJson(res, 503, { error: 'unavailable', message: 'renderer not built: run npm run build' });
    }
    const headers: Record<string, string> = {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'private, max-age=3600',
    };
    if (setCookie) headers['Set-Cookie'] = `${COOKIE}=${pageKey.toString()}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    if (method === 'HEAD') return void res.end();
    createReadStream(file)
      .on('error', (err) => {
        source.current.context.logger.warn('static file read failed', { file, error: String(err) });
        res.destroy();
      })
      .pipe(res);
  }

  // Large enough for one file staff sends (base64 of MAX_SEND_MEDIA_BYTES), bounded all the same.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 24 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    const originOk = !origin || [`http://127.0.0.1:${port}`, `http://localhost:${port}`].includes(origin);
    const reject = (status: number, text: string) => {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (url.pathname !== '/ws') return reject(404, 'Not Found');
    if (!hostOk(req) || !originOk) return reject(403, 'Forbidden');
    if (!tokenOk(presentedToken(req, url))) return reject(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    // One session per connection: the profile switched to here stays here.
    const session = newSession({
      notify: (event, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
      },
    });
    const unsubscribe = source.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
    const answer = (id: unknown, result: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
    };
    ws.on('message', (data) => {
      // Whatever a client sends, a bad frame is answered, never thrown: a throw here would end the process.
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return answer(null, { ok: false, error: { code: 'validation', message: 'frame is not JSON' } });
      }
      if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
        return answer(null, { ok: false, error: { code: 'validation', message: 'frame must be an object' } });
      }
      const { id: rawId, method, input } = frame as { id?: unknown; method?: unknown; input?: unknown };
      const id = typeof rawId === 'number' || typeof rawId === 'string' ? rawId : null;
      source.dispatch(String(method), input, session).then(
        (result) => answer(id, result),
        () => answer(id, { ok: false, error: { code: 'internal', message: 'internal error' } }),
      );
    });
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
        server.close(() => resolve());
      }),
  };
}
