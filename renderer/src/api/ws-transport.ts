import type { EventName, MethodName } from '@contract';
import { ApiError } from '@contract/errors';
import type { ConnectionState, Transport } from './client';

/**
 * Serve-mode transport: one WebSocket to the loopback server carrying JSON
 * text frames. Requests `{id, method, input}` are answered by `{id, result}`;
 * pushes arrive as `{event, payload}`. The socket reconnects with back-off;
 * after each failed attempt a probe asks the server whether it still takes the
 * token (a browser WebSocket does not tell why an upgrade failed).
 */

/** The part of the browser WebSocket this transport uses (a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Delay before reconnect attempt n (0-based). */
  backoffMs?: (attempt: number) => number;
  /** A call that gets no answer in this time fails with `unavailable`. */
  callTimeoutMs?: number;
  timers?: Timers;
  /**
   * Asked after a connection failed: `refused` (the token is no longer taken)
   * ends the reconnecting; `unreachable` counts towards `lost`.
   */
  probe?: () => Promise<ProbeResult>;
  /** Failed attempts in a row after which the state is `lost` (still retrying). */
  lostAfter?: number;
}

export type ProbeResult = 'ok' | 'refused' | 'unreachable';

export interface WsTransport extends Transport {
  /** Stop for good (page unload, tests). */
  close(): void;
}

const OPEN = 1;

/**
 * 0.5 s, 1 s, 2 s, then every 4 s: quick after a blip, and a restarted server
 * (back in seconds) is found again soon. An attempt on loopback costs nothing.
 */
export const defaultBackoff = (attempt: number): number => Math.min(500 * 2 ** attempt, 4_000);

interface Pending {
  resolve(raw: unknown): void;
  reject(err: ApiError): void;
  timer: unknown;
  /** Frame still waiting for an open socket; null once written. */
  frame: string | null;
}

export function createWsTransport(opts: WsTransportOptions): WsTransport {
  const createSocket = opts.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = opts.backoffMs ?? defaultBackoff;
  const callTimeoutMs = opts.callTimeoutMs ?? 20_000;
  const timers: Timers = opts.timers ?? {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  };

  let socket: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let everOpened = false;
  let attempt = 0;
  let closed = false;
  let reconnectTimer: unknown = null;
  const lostAfter = opts.lostAfter ?? 6;
  let seq = 0;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connListeners = new Set<(s: ConnectionState, reconnected: boolean) => void>();

  const setState = (next: ConnectionState, reconnected = false): void => {
    state = next;
    for (const fn of connListeners) fn(next, reconnected);
  };

  const settle = (id: number): Pending | undefined => {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    timers.clearTimeout(p.timer);
    return p;
  };

  const flush = (): void => {
    for (const p of pending.values()) {
      if (p.frame !== null && socket && socket.readyState === OPEN) {
        socket.send(p.frame);
        p.frame = null;
      }
    }
  };

  const onFrame = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (typeof m.id === 'number') {
      settle(m.id)?.resolve(m.result);
      return;
    }
    if (typeof m.event === 'string') {
      for (const fn of listeners.get(m.event) ?? []) {
        // One faulty listener must not starve the others.
        try {
          fn(m.payload);
        } catch (err) {
          console.error('event listener failed', m.event, err);
        }
      }
    }
  };

  const connect = (): void => {
    reconnectTimer = null;
    if (closed) return;
    const s = createSocket(opts.url);
    socket = s;
    s.onopen = () => {
      if (socket !== s) return;
      attempt = 0;
      const reconnected = everOpened;
      everOpened = true;
      setState('open', reconnected);
      flush();
    };
    s.onmessage = (ev) => {
      if (socket === s) onFrame(ev.data);
    };
    s.onerror = () => {
      // Browsers follow every error with close; reconnecting is handled there.
    };
    s.onclose = () => {
      if (socket !== s) return;
      socket = null;
      // Calls already written may or may not have run; their callers decide (e.g. keep the text).
      for (const [id, p] of pending) {
        if (p.frame === null) settle(id)?.reject(new ApiError('unavailable', 'Connection lost'));
      }
      if (closed) return;
      if (state !== 'lost') setState('reconnecting');
      if (!opts.probe) return retry();
      opts.probe().then(
        (result) => {
          if (closed) return;
          if (result === 'refused') return refuse();
          if (result === 'unreachable' && attempt + 1 >= lostAfter && state !== 'lost') setState('lost');
          retry();
        },
        () => retry(),
      );
    };
  };

  const retry = (): void => {
    if (closed || reconnectTimer !== null) return;
    reconnectTimer = timers.setTimeout(connect, backoff(attempt++));
  };

  /** The server no longer takes this page's token: no more attempts, every call fails at once. */
  const refuse = (): void => {
    closed = true;
    for (const id of [...pending.keys()]) settle(id)?.reject(new ApiError('unauthorized', 'The server no longer accepts this page'));
    setState('refused');
  };

  connect();

  return {
    request(method: MethodName, input: unknown) {
      if (state === 'refused') return Promise.reject(new ApiError('unauthorized', 'The server no longer accepts this page'));
      if (closed) return Promise.reject(new ApiError('unavailable', 'Connection closed'));
      const id = ++seq;
      return new Promise<unknown>((resolve, reject) => {
        const frame = JSON.stringify({ id, method, input });
        const timer = timers.setTimeout(() => {
          settle(id)?.reject(new ApiError('unavailable', 'No answer from the app'));
        }, callTimeoutMs);
        pending.set(id, { resolve, reject, timer, frame });
        flush();
      });
    },
    subscribe(event: EventName, fn) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    onConnection(fn) {
      connListeners.add(fn);
      return () => {
        connListeners.delete(fn);
      };
    },
    connection: () => state,
    close() {
      closed = true;
      if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer);
      for (const id of [...pending.keys()]) settle(id)?.reject(new ApiError('unavailable', 'Connection closed'));
      socket?.close();
      socket = null;
    },
  };
}

/**
 * The session token: taken from `?token=` once, kept in sessionStorage for
 * reloads, and removed from the address bar so it is not shown or bookmarked.
 */
export function takeToken(loc: Location, storage: Storage, history: History): string | null {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem('tresen.token', fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem('tresen.token');
}

/**
 * This tab's key: random, kept in sessionStorage, so main gives a reloaded
 * page the session (and the staff profile) the tab had before.
 */
export function windowKey(storage: Storage, random: () => string = () => crypto.randomUUID()): string {
  let key = storage.getItem('tresen.window');
  if (!key || !/^[A-Za-z0-9-]{16,64}$/.test(key)) {
    key = random();
    storage.setItem('tresen.window', key);
  }
  return key;
}

export function wsUrl(loc: { protocol: string; host: string }, token: string | null, window?: string): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  const params = new URLSearchParams();
  if (token) params.set('token', token);
  if (window) params.set('window', window);
  const query = params.toString() ? `?${params.toString()}` : '';
  return `${scheme}://${loc.host}/ws${query}`;
}

/**
 * Whether the server at this page's address still takes the token: `HEAD /`
 * with the token as Bearer (no cookie). 401/403: refused (restarted with a new
 * token); a network error or another answer: nothing of ours there right now.
 */
export async function probeServer(token: string | null, fetchFn: typeof fetch = (...a) => fetch(...a)): Promise<ProbeResult> {
  try {
    const res = await fetchFn('/', {
      method: 'HEAD',
      cache: 'no-store',
      credentials: 'omit',
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    if (res.status === 401 || res.status === 403) return 'refused';
    return res.ok ? 'ok' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
