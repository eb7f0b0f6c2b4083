import { describe, expect, it } from 'vitest';
import { ApiError } from '@contract/errors';
import { createClient } from '../../../renderer/src/api/client';
import type { ConnectionState } from '../../../renderer/src/api/client';
import { createWsTransport, probeServer, takeToken, windowKey, wsUrl } from '../../../renderer/src/api/ws-transport';
import type { ProbeResult, SocketLike, Timers, WsTransportOptions } from '../../../renderer/src/api/ws-transport';

/** A socket the test drives by hand: open it, push frames, close it. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  push(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  frames(): Array<{ id: number; method: string; input: unknown }> {
    return this.sent.map((s) => JSON.parse(s) as { id: number; method: string; input: unknown });
  }
}

/** Timers run only when the test says so, with the delays recorded. */
class ManualTimers implements Timers {
  private next = 1;
  queue = new Map<number, { fn: () => void; ms: number }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const h = this.next++;
    this.queue.set(h, { fn, ms });
    return h;
  }
  clearTimeout(h: unknown): void {
    this.queue.delete(h as number);
  }
  delays(): number[] {
    return [...this.queue.values()].map((t) => t.ms);
  }
  /** Run every pending timer with exactly this delay. */
  fire(ms: number): void {
    for (const [h, t] of [...this.queue]) {
      if (t.ms === ms) {
        this.queue.delete(h);
        t.fn();
      }
    }
  }
}

function setup(callTimeoutMs = 20_000, more: Partial<WsTransportOptions> = {}) {
  const sockets: FakeSocket[] = [];
  const timers = new ManualTimers();
  const transport = createWsTransport({
    url: 'ws://127.0.0.1:1/ws?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    timers,
    callTimeoutMs,
    ...more,
  });
  const client = createClient(transport);
  const last = (): FakeSocket => {
    const s = sockets[sockets.length - 1];
    if (!s) throw new Error('no socket');
    return s;
  };
  return { sockets, timers, transport, client, last };
}

describe('WebSocket transport', () => {
  it('sends a request frame and resolves with the unwrapped value of the matching reply', async () => {
    const { client, last } = setup();
    last().open();
    const p = client.call('contacts.list', { search: 'Weber' });
    const [frame] = last().frames();
    expect(frame).toEqual({ id: 1, method: 'contacts.list', input: { search: 'Weber' } });
    last().push({ id: 1, result: { ok: true, value: [] } });
    await expect(p).resolves.toEqual([]);
  });

  it('matches replies by id even when they arrive out of order', async () => {
    const { client, last } = setup();
    last().open();
    const a = client.call('contacts.get', { contactId: 1 });
    const b = client.call('contacts.get', { contactId: 2 });
    const [fa, fb] = last().frames();
    last().push({ id: fb!.id, result: { ok: true, value: 'B' } });
    last().push({ id: fa!.id, result: { ok: true, value: 'A' } });
    await expect(a).resolves.toBe('A');
    await expect(b).resolves.toBe('B');
  });

  it('throws an ApiError carrying code, field and reason from an error envelope', async () => {
    const { client, last } = setup();
    last().open();
    const p = client.call('messages.send', { contactId: 3, text: 'Hallo' });
    last().push({
      id: 1,
      result: { ok: false, error: { code: 'consent_required', message: 'no consent', reason: 'no_consent' } },
    });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'consent_required', message: 'no consent', reason: 'no_consent' });
  });

  it('treats a malformed reply as an internal error instead of a value', async () => {
    const { client, last } = setup();
    last().open();
    const p = client.call('app.info', {});
    last().push({ id: 1, result: { value: 'no ok flag' } });
    await expect(p).rejects.toMatchObject({ code: 'internal' });
  });

  it('holds calls made before the socket opens and sends them on open', async () => {
    const { client, last } = setup();
    const p = client.call('app.info', {});
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().frames().map((f) => f.method)).toEqual(['app.info']);
    last().push({ id: 1, result: { ok: true, value: { demo: true } } });
    await expect(p).resolves.toEqual({ demo: true });
  });

  it('delivers pushed events to subscribers until they unsubscribe, and ignores junk frames', () => {
    const { client, last } = setup();
    last().open();
    const seen: unknown[] = [];
    const off = client.on('channel.state', (p) => seen.push(p));
    last().push('not json {');
    last().push({ event: 'channel.state', payload: { kind: 'simulator', state: 'connected' } });
    last().push({ event: 'message.added', payload: { id: 1 } });
    off();
    last().push({ event: 'channel.state', payload: { kind: 'simulator', state: 'failed' } });
    expect(seen).toEqual([{ kind: 'simulator', state: 'connected' }]);
  });

  it('a throwing listener does not stop the others', () => {
    const { client, last } = setup();
    last().open();
    const seen: string[] = [];
    client.on('sim.phone', () => {
      throw new Error('boom');
    });
    client.on('sim.phone', () => seen.push('second'));
    const original = console.error;
    console.error = () => {};
    try {
      last().push({ event: 'sim.phone', payload: { phone: '+49', messages: [] } });
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(['second']);
  });

  it('on a lost connection: fails calls in flight, reports reconnecting, retries with growing back-off, reports reconnected', async () => {
    const { client, sockets, timers, last } = setup();
    const states: Array<[ConnectionState, boolean]> = [];
    client.onConnection((s, r) => states.push([s, r]));
    last().open();
    const inFlight = client.call('app.info', {});
    last().drop();
    await expect(inFlight).rejects.toMatchObject({ code: 'unavailable' });
    expect(client.connection()).toBe('reconnecting');

    // First retry after 500 ms fails, the next waits 1000 ms.
    expect(timers.delays()).toContain(500);
    timers.fire(500);
    expect(sockets).toHaveLength(2);
    last().drop();
    expect(timers.delays()).toContain(1000);
    timers.fire(1000);
    expect(sockets).toHaveLength(3);

    // A call made while reconnecting waits for the new socket.
    const queued = client.call('contacts.list', {});
    last().open();
    expect(last().frames()[0]?.method).toBe('contacts.list');
    last().push({ id: last().frames()[0]!.id, result: { ok: true, value: ['x'] } });
    await expect(queued).resolves.toEqual(['x']);

    expect(states).toEqual([
      ['open', false],
      ['reconnecting', false],
      ['reconnecting', false],
      ['open', true],
    ]);
    // Back-off starts over after a successful connection.
    last().drop();
    expect(timers.delays()).toContain(500);
  });

  it('fails a call that gets no answer in time', async () => {
    const { client, timers, last } = setup(5_000);
    last().open();
    const p = client.call('app.info', {});
    timers.fire(5_000);
    await expect(p).rejects.toMatchObject({ code: 'unavailable' });
    // A late reply for that id is ignored rather than crashing.
    last().push({ id: 1, result: { ok: true, value: 1 } });
  });

  it('close() stops reconnecting and rejects what is pending', async () => {
    const { client, transport, sockets, timers } = setup();
    const p = client.call('app.info', {});
    transport.close();
    await expect(p).rejects.toMatchObject({ code: 'unavailable' });
    expect(timers.delays().filter((ms) => ms < 20_000)).toEqual([]);
    expect(sockets).toHaveLength(1);
  });
});

/** Lets the probe's promise settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('WebSocket transport after a server restart', () => {
  it('a refused token (restart with a new one) ends the reconnecting: one final state, every call fails at once', async () => {
    const answers: ProbeResult[] = ['unreachable', 'refused'];
    const { client, sockets, timers, last } = setup(20_000, { probe: () => Promise.resolve(answers.shift()!) });
    const states: ConnectionState[] = [];
    client.onConnection((s) => states.push(s));
    last().open();
    // The server goes away; the first probe finds nothing there, so the page keeps trying.
    last().drop();
    await settle();
    expect(timers.delays()).toContain(500);
    // A send while disconnected waits (queued) for the next socket.
    // (Its outcome is awaited below; the handler is attached now, before the refusal rejects it.)
    const queued = expect(client.call('contacts.list', {})).rejects.toMatchObject({ code: 'unauthorized' });
    timers.fire(500);
    // The server is back with a new token: the upgrade fails and the probe says refused.
    last().drop();
    await settle();
    await queued;
    expect(client.connection()).toBe('refused');
    expect(states).toEqual(['open', 'reconnecting', 'reconnecting', 'refused']);
    expect(timers.delays().filter((ms) => ms < 20_000)).toEqual([]);
    expect(sockets).toHaveLength(2);
    await expect(client.call('app.info', {})).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('nothing at the address for a while is `lost` (still trying); the server coming back makes it open again', async () => {
    const { client, sockets, timers, last } = setup(20_000, { probe: () => Promise.resolve('unreachable'), lostAfter: 3 });
    const states: Array<[ConnectionState, boolean]> = [];
    client.onConnection((s, r) => states.push([s, r]));
    last().open();
    last().drop();
    await settle();
    timers.fire(500);
    last().drop();
    await settle();
    expect(client.connection()).toBe('reconnecting');
    timers.fire(1000);
    last().drop();
    await settle();
    expect(client.connection()).toBe('lost');
    // Still trying, calm.
    expect(timers.delays()).toContain(2000);
    timers.fire(2000);
    expect(sockets).toHaveLength(4);
    last().open();
    expect(states).toEqual([
      ['open', false],
      ['reconnecting', false],
      ['reconnecting', false],
      ['reconnecting', false],
      ['lost', false],
      ['open', true],
    ]);
  });

  it('a probe that fails itself does not stop the reconnecting', async () => {
    const { client, timers, last } = setup(20_000, { probe: () => Promise.reject(new Error('boom')) });
    last().open();
    last().drop();
    await settle();
    expect(client.connection()).toBe('reconnecting');
    expect(timers.delays()).toContain(500);
  });

  it('the probe asks HEAD / with the token as Bearer and no cookie: 401/403 refused, 2xx ok, anything else unreachable', async () => {
    const seen: RequestInit[] = [];
    const answering = (status: number | Error) =>
      ((_url: string, init: RequestInit) => {
        seen.push(init);
        return status instanceof Error ? Promise.reject(status) : Promise.resolve(new Response(null, { status }));
      }) as unknown as typeof fetch;
    expect(await probeServer('tok', answering(401))).toBe('refused');
    expect(await probeServer('tok', answering(403))).toBe('refused');
    expect(await probeServer('tok', answering(200))).toBe('ok');
    expect(await probeServer('tok', answering(404))).toBe('unreachable');
    expect(await probeServer('tok', answering(new TypeError('Failed to fetch')))).toBe('unreachable');
    expect(seen[0]).toMatchObject({ method: 'HEAD', credentials: 'omit', headers: { Authorization: 'Bearer tok' } });
  });
});

describe('serve-mode token and URL', () => {
  const fakeEnv = (href: string) => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as unknown as Storage;
    let replaced: string | null = null;
    const history = {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => {
        replaced = url;
      },
    } as unknown as History;
    return { loc: { href } as Location, storage, history, replaced: () => replaced };
  };

  it('takes the token from the URL, remembers it and removes it from the address bar', () => {
    const env = fakeEnv('http://127.0.0.1:4000/?token=abc%2Bdef&x=1#top');
    expect(takeToken(env.loc, env.storage, env.history)).toBe('abc+def');
    expect(env.replaced()).toBe('/?x=1#top');
    expect(env.storage.getItem('tresen.token')).toBe('abc+def');
    const reload = fakeEnv('http://127.0.0.1:4000/');
    reload.storage.setItem('tresen.token', 'abc+def');
    expect(takeToken(reload.loc, reload.storage, reload.history)).toBe('abc+def');
    expect(reload.replaced()).toBeNull();
  });

  it('builds the WebSocket URL on the page host with the token encoded', () => {
    expect(wsUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, 'a+b/c')).toBe('ws://127.0.0.1:4000/ws?token=a%2Bb%2Fc');
    expect(wsUrl({ protocol: 'http:', host: 'localhost:1' }, null)).toBe('ws://localhost:1/ws');
    expect(wsUrl({ protocol: 'http:', host: 'localhost:1' }, 't', 'tab-0123456789abcdef')).toBe('ws://localhost:1/ws?token=t&window=tab-0123456789abcdef');
  });

  it('keeps one key per tab across reloads and replaces a tampered one', () => {
    const env = fakeEnv('http://127.0.0.1:4000/');
    let n = 0;
    const random = () => `key-${++n}-0123456789abcdef`;
    const first = windowKey(env.storage, random);
    expect(windowKey(env.storage, random)).toBe(first);
    env.storage.setItem('tresen.window', '<script>');
    expect(windowKey(env.storage, random)).toBe('key-2-0123456789abcdef');
  });
});
