import { connect } from 'node:net';
import fc from 'fast-check';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { connectWs, useTestApps, type RunningApp } from '../../helpers/running-app';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);

/** Writes raw bytes to the server and collects what comes back until it closes (or 2 s pass). */
function raw(port: number, data: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', done);
    socket.on('error', () => {});
    socket.write(data, () => socket.end());
  });
}

async function stillAnswers(running: RunningApp): Promise<void> {
  const res = await fetch(`${running.origin}/api/v1/contacts/+4915112345678`, {
    headers: { authorization: `Bearer ${running.server.token}` },
  });
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ error: 'not_found' });
}

const DEEP = '['.repeat(20_000) + ']'.repeat(20_000);

describe('loopback server: no request ends it', () => {
  it('answers an upgrade for `http://[/ws` (no token) instead of throwing on the URL', async () => {
    const running = await startApp();
    const answer = await raw(
      running.server.port,
      `GET http://[/ws HTTP/1.1\r\nHost: 127.0.0.1:${running.server.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('"error":"validation"');
    await stillAnswers(running);
  });

  it('answers frames whose method is not a string (toString null, toString/valueOf numbers, 20,000-deep array)', async () => {
    const running = await startApp();
    const ws = await connectWs(running.server);
    const frames = [
      `{"id":1,"method":{"toString":null},"input":{}}`,
      `{"id":2,"method":{"toString":1,"valueOf":1},"input":{}}`,
      `{"id":3,"method":${DEEP},"input":{}}`,
      `{"id":4,"method":"app.info","input":${DEEP}}`,
      DEEP,
    ];
    const socket = new WebSocket(`ws://127.0.0.1:${running.server.port}/ws?token=${running.server.token}`);
    await new Promise((r) => socket.once('open', r));
    const answers: { id: unknown; result: { ok: boolean; error?: { code: string } } }[] = [];
    socket.on('message', (d) => {
      const f = JSON.parse(String(d)) as { id?: unknown; result?: { ok: boolean } };
      if ('result' in f) answers.push(f as (typeof answers)[number]);
    });
    for (const f of frames) socket.send(f);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (answers.length >= frames.length) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    socket.close();
    expect(answers.every((a) => a.result.ok === false && a.result.error?.code === 'validation')).toBe(true);
    expect(await ws.call('app.info', {})).toMatchObject({ ok: true });
    ws.close();
    await stillAnswers(running);
  });

  it('survives fuzzed raw HTTP requests and still answers afterwards', async () => {
    const running = await startApp();
    const port = running.server.port;
    const token = running.server.token;
    const method = fc.oneof(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE'),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
    const target = fc.oneof(
      fc.constantFrom('/', '/ws', 'http://[/ws', '/api/v1/messages', '/api/v1/nope', '/sim/customers/%E0%A4%A/messages', '*', '//', '/..%2f..%2fetc/passwd'),
      fc.string({ maxLength: 60 }).map((s) => `/${s}`),
      fc.webUrl(),
    );
    const header = fc.tuple(
      fc.constantFrom('Host', 'Authorization', 'Content-Type', 'Content-Length', 'Origin', 'Cookie', 'Upgrade', 'Connection', 'Transfer-Encoding', 'X-Any'),
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(`127.0.0.1:${port}`, `Bearer ${token}`, 'application/json', 'websocket', 'Upgrade', 'chunked', '5', '-1', '99999999999'),
      ),
    );
    const body = fc.oneof(fc.constant(''), fc.json(), fc.string({ maxLength: 200 }), fc.constant('{"to":"+4915112345678","text":"x"}'));
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(method, target, fc.array(header, { maxLength: 6 }), body, async (m, t, headers, b) => {
        cases++;
        const head = [`${m} ${t} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...headers.map(([k, v]) => `${k}: ${v}`), 'Connection: close'];
        await raw(port, `${head.join('\r\n')}\r\n\r\n${b}`);
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/contacts/+491`, { headers: { authorization: `Bearer ${token}` } });
        return res.status === 400 || res.status === 404;
      }),
      { numRuns: 150 },
    );
    expect(cases).toBe(150);
    await stillAnswers(running);
  });

  it('survives fuzzed WebSocket frames and still answers afterwards', async () => {
    const running = await startApp();
    const ws = await connectWs(running.server);
    const socket = new WebSocket(`ws://127.0.0.1:${running.server.port}/ws?token=${running.server.token}`);
    await new Promise((r) => socket.once('open', r));
    const safeMethods = ['app.info', 'contacts.list', 'contacts.get', 'messages.list', 'messages.send', 'sim.customers', 'consent.get', 'nope'];
    const frame = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.json(),
      fc.record({
        id: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()),
        method: fc.oneof(fc.constantFrom(...safeMethods), fc.jsonValue(), fc.string()),
        input: fc.jsonValue(),
      }).map((f) => JSON.stringify(f)),
      fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    );
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        cases++;
        socket.send(f);
        const r = await ws.call('app.info', {});
        return r.ok;
      }),
      { numRuns: 300 },
    );
    expect(cases).toBe(300);
    socket.close();
    ws.close();
    await stillAnswers(running);
  });
});

describe('loopback server: push events', () => {
  it('drops a WebSocket client that does not read instead of buffering for it without bound', async () => {
    const warnings: string[] = [];
    const logger = { info: () => {}, error: () => {}, warn: (msg: string) => warnings.push(msg) };
    const running = await startApp({ logger }, { maxBufferedBytes: 256 * 1024 });
    const port = running.server.port;
    // A client that upgrades and then never reads a byte.
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `GET /ws?token=${running.server.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause();
    const reader = await connectWs(running.server);
    const big = { phone: '+4915112345678', message: { id: 'big', direction: 'out' as const, text: 'x'.repeat(512 * 1024), at: 'now' } };
    let sent = 0;
    while (!warnings.includes('dropping a WebSocket client that does not read') && sent < 400) {
      running.app.context.bus.emit('sim.phone.message', big);
      sent++;
      await new Promise((r) => setImmediate(r));
    }
    expect(warnings).toContain('dropping a WebSocket client that does not read');
    // A client that reads is not affected.
    expect(await reader.call('app.info', {})).toMatchObject({ ok: true });
    reader.close();
    socket.destroy();
  });

  it('sends a simulated phone whole once on connect, then each new item as a delta', async () => {
    const running = await startApp();
    await running.app.dispatch('sim.send', { phone: '+4915112345678', text: 'Hallo' });
    // Listening before the socket opens: the whole phone is the first thing the server sends.
    const ws = new WebSocket(`ws://127.0.0.1:${running.server.port}/ws?token=${running.server.token}`);
    const events: { event: string; payload: unknown }[] = [];
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { event?: string; payload?: unknown };
      if (f.event) events.push({ event: f.event, payload: f.payload });
    });
    const seen = (pred: (e: { event: string; payload: unknown }) => boolean) =>
      new Promise<void>((resolve) => {
        const t = setInterval(() => {
          if (events.some(pred)) {
            clearInterval(t);
            resolve();
          }
        }, 10);
      });
    await seen((e) => e.event === 'sim.phone');
    await running.app.dispatch('sim.send', { phone: '+4915112345678', text: 'Noch was' });
    await seen((e) => e.event === 'sim.phone.message' && JSON.stringify(e.payload).includes('Noch was'));
    const whole = events.filter((e) => e.event === 'sim.phone');
    expect(whole).toHaveLength(1);
    expect(whole[0]!.payload).toMatchObject({ phone: '+4915112345678', messages: expect.arrayContaining([expect.objectContaining({ text: 'Hallo' })]) as unknown });
    expect(JSON.stringify(whole[0]!.payload)).not.toContain('Noch was');
    ws.close();
  });
});

describe('loopback server: API conventions', () => {
  it('limits requests per connection with 429 rate_limited and Retry-After', async () => {
    const running = await startApp({}, { rateLimit: { burst: 3, perSecond: 0.001 } });
    const port = running.server.port;
    const one = `GET /api/v1/contacts/+491 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${running.server.token}\r\n\r\n`;
    const answer = await raw(port, one.repeat(5));
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d+)/g)].map((m) => m[1]);
    expect(statuses).toEqual(['400', '400', '400', '429', '429']);
    expect(answer).toMatch(/Retry-After: \d+/);
    expect(answer).toContain('"error":"rate_limited"');
    // Another connection has its own budget.
    await stillAnswers(running);
  });

  it('answers unknown API paths with a JSON 404, never the page', async () => {
    const running = await startApp();
    const res = await fetch(`${running.origin}/api/v1/nothing-here`, { headers: { authorization: `Bearer ${running.server.token}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: 'not_found', message: 'no such route' });
  });

  it('refuses a body above the route limit with 413 and a body of another type with 415; no body needs no type', async () => {
    const running = await startApp();
    const auth = { authorization: `Bearer ${running.server.token}` };
    const big = await fetch(`${running.origin}/api/v1/messages`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ to: '+4915112345678', text: 'x'.repeat(300 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'payload_too_large' });
    const typed = await fetch(`${running.origin}/api/v1/messages`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'x' });
    expect(typed.status).toBe(415);
    expect(await typed.json()).toMatchObject({ error: 'unsupported_media_type' });
    // No body at all: not a 415; the route's own validation answers.
    const empty = await fetch(`${running.origin}/api/v1/messages`, { method: 'POST', headers: auth });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: 'validation' });
  });
});
