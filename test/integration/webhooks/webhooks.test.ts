import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery, WebhookView } from '@contract';
import { createApp, type CreatedApp } from '../../../main/app';
import { backoffMs } from '../../../main/core/webhooks/webhooks';
import { eventually, ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let app: CreatedApp | undefined;
const servers: Server[] = [];
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** A shop system's endpoint: answers each call with the next status in `statuses` (then 200). */
async function endpoint(statuses: number[] = [], extra: (path: string) => { status: number; headers?: Record<string, string> } | undefined = () => undefined) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks) });
      const special = extra(req.url ?? '');
      if (special) {
        res.writeHead(special.status, special.headers);
        return res.end();
      }
      res.writeHead(statuses.shift() ?? 200);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { hits, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The verification from docs/webhooks.md, written out as a shop system would. */
function verify(secret: string, raw: Buffer, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function call<T>(a: CreatedApp, method: string, input: unknown = {}): Promise<T> {
  const r = await a.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('webhooks', () => {
  it('signs each call with HMAC-SHA256 of the raw body; the documented check verifies it', async () => {
    const { hits, url } = await endpoint();
    app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger });
    const { webhook, secret } = await call<{ webhook: WebhookView; secret: string }>(app, 'webhooks.create', {
      name: 'Warenwirtschaft',
      url: `${url}/tresen`,
      events: ['message.received', 'consent.changed'],
      keyId: 7,
    });
    expect(webhook).toMatchObject({ name: 'Warenwirtschaft', keyId: 7, events: ['message.received', 'consent.changed'] });
    expect(secret).toMatch(/^whsec_/);
    // Shown once: the list never carries it.
    expect(JSON.stringify(await call(app, 'webhooks.list'))).not.toContain(secret);

    await call(app, 'sim.send', { phone: '+4915111111111', text: 'Hallo' });
    await call(app, 'sim.send', { phone: '+4915111111111', text: 'JA' });
    await call(app, 'sim.send', { phone: '+4915111111111', text: 'Ist mein Rad fertig?' });
    const received = await eventually(() => hits.find((h) => JSON.parse(h.raw.toString()).data?.text === 'Ist mein Rad fertig?'));
    const consent = await eventually(() => hits.find((h) => h.headers['x-tresen-event'] === 'consent.changed' && h.raw.includes('granted')));

    for (const hit of [received, consent]) {
      expect(verify(secret, hit.raw, hit.headers['x-tresen-signature'] as string)).toBe(true);
      expect(verify('whsec_wrong', hit.raw, hit.headers['x-tresen-signature'] as string)).toBe(false);
      const tampered = Buffer.from(hit.raw.toString().replace('+49151', '+49152'));
      expect(verify(secret, tampered, hit.headers['x-tresen-signature'] as string)).toBe(false);
      const body = JSON.parse(hit.raw.toString()) as { timestamp: number };
      expect(hit.headers['x-tresen-timestamp']).toMatch(/^\d{10}$/);
      expect(Math.abs(Number(hit.headers['x-tresen-timestamp']) - body.timestamp)).toBeLessThanOrEqual(1);
      expect(hit.headers['content-type']).toBe('application/json');
    }
    expect(JSON.parse(received.raw.toString())).toMatchObject({
      event: 'message.received',
      data: { phone: '+4915111111111', text: 'Ist mein Rad fertig?', type: 'text' },
    });
    expect(JSON.parse(consent.raw.toString())).toMatchObject({ event: 'consent.changed', data: { phone: '+4915111111111', purpose: 'service', state: 'granted' } });
    // Not subscribed: no message.status calls.
    expect(hits.some((h) => h.headers['x-tresen-event'] === 'message.status')).toBe(false);
    const log = await eventually(async () => {
      const l = await call<WebhookDelivery[]>(app!, 'webhooks.deliveries', { webhookId: webhook.id });
      return l.length === hits.length && l.every((d) => d.state === 'delivered') ? l : undefined;
    });
    expect(log[0]).toMatchObject({ statusCode: 200, attempts: 1, nextAttemptAt: null });
  });

  it('retries a 500 with exponential back-off (fake clock) and logs each try', async () => {
    const clock = new ManualClock();
    const { hits, url } = await endpoint([500, 500, 503]);
    app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock });
    const { webhook } = await call<{ webhook: WebhookView }>(app, 'webhooks.create', { name: 'Kasse', url, events: ['consent.changed'] });
    const deliveries = () => call<WebhookDelivery[]>(app!, 'webhooks.deliveries', { webhookId: webhook.id });

    await call(app, 'sim.send', { phone: '+4915111111111', text: 'Hallo' });
    const first = await eventually(async () => (await deliveries()).find((d) => d.attempts === 1));
    expect(first).toMatchObject({ state: 'pending', statusCode: 500, error: 'HTTP 500', nextAttemptAt: new Date(clock.t + backoffMs(1)).toISOString() });
    expect(hits).toHaveLength(1);

    // Not before the back-off has passed.
    clock.advance(backoffMs(1) - 1);
    await app.context.scheduler.runDue();
    expect(hits).toHaveLength(1);
    clock.advance(1);
    await app.context.scheduler.runDue();
    expect(hits).toHaveLength(2);
    const second = (await deliveries())[0]!;
    expect(second).toMatchObject({ attempts: 2, state: 'pending', nextAttemptAt: new Date(clock.t + backoffMs(2)).toISOString() });
    expect(backoffMs(2)).toBe(2 * backoffMs(1));

    clock.advance(backoffMs(2));
    await app.context.scheduler.runDue();
    expect((await deliveries())[0]).toMatchObject({ attempts: 3, statusCode: 503, nextAttemptAt: new Date(clock.t + backoffMs(3)).toISOString() });
    clock.advance(backoffMs(3));
    await app.context.scheduler.runDue();
    expect(hits).toHaveLength(4);
    expect((await deliveries())[0]).toMatchObject({ attempts: 4, state: 'delivered', statusCode: 200, nextAttemptAt: null, error: null });
    // Every try carried the same body and a valid signature of it.
    expect(new Set(hits.map((h) => h.raw.toString())).size).toBe(1);
  });

  it('gives up after the last try', async () => {
    const clock = new ManualClock();
    const { hits, url } = await endpoint([500, 500, 500, 500]);
    app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock, webhookRetry: { maxAttempts: 3 } });
    const { webhook } = await call<{ webhook: WebhookView }>(app, 'webhooks.create', { name: 'Kasse', url, events: ['consent.changed'] });
    await call(app, 'sim.send', { phone: '+4915111111111', text: 'Hallo' });
    await eventually(() => hits.length === 1);
    for (let i = 0; i < 5; i++) {
      clock.advance(6 * 60 * 60 * 1000);
      await app.context.scheduler.runDue();
    }
    expect(hits).toHaveLength(3);
    expect((await call<WebhookDelivery[]>(app, 'webhooks.deliveries', { webhookId: webhook.id }))[0]).toMatchObject({ state: 'failed', attempts: 3, nextAttemptAt: null });
  });

  it("a retry queued before its key was revoked is given up without calling; the key's webhooks show as stopped", async () => {
    const clock = new ManualClock();
    const { hits, url } = await endpoint([500]);
    app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock });
    const { row: key } = app.context.apiKeys.create({ name: 'Warenwirtschaft', scope: 'integration', createdBy: 'Chef' });
    const { webhook } = await call<{ webhook: WebhookView }>(app, 'webhooks.create', { name: 'Kasse', url, events: ['consent.changed'], keyId: key.id });
    expect(webhook).toMatchObject({ keyName: 'Warenwirtschaft', stoppedAt: null });
    await call(app, 'sim.send', { phone: '+4915111111111', text: 'Hallo' });
    await eventually(() => hits.length === 1);
    app.context.apiKeys.revoke(key.id);
    const revokedAt = new Date(clock.t).toISOString();
    clock.advance(backoffMs(1));
    await app.context.scheduler.runDue();
    expect(hits).toHaveLength(1);
    expect((await call<WebhookDelivery[]>(app, 'webhooks.deliveries', { webhookId: webhook.id }))[0]).toMatchObject({
      state: 'failed',
      attempts: 1,
      nextAttemptAt: null,
      error: 'API key revoked: webhook stopped',
    });
    expect((await call<WebhookView[]>(app, 'webhooks.list'))[0]!.stoppedAt).toBe(revokedAt);
  });

  it('never follows a redirect', async () => {
    const clock = new ManualClock();
    const target = await endpoint();
    const { hits, url } = await endpoint([], (path) => (path === '/moved' ? { status: 302, headers: { Location: `${target.url}/elsewhere` } } : undefined));
    app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock });
    const { webhook } = await call<{ webhook: WebhookView }>(app, 'webhooks.create', { name: 'Kasse', url: `${url}/moved`, events: ['consent.changed'] });
    await call(app, 'sim.send', { phone: '+4915111111111', text: 'Hallo' });
    const d = await eventually(async () => (await call<WebhookDelivery[]>(app!, 'webhooks.deliveries', { webhookId: webhook.id })).find((x) => x.attempts === 1));
    expect(d).toMatchObject({ state: 'pending', statusCode: 302 });
    expect(d.error).toMatch(/redirect .* not followed/);
    expect(hits).toHaveLength(1);
    expect(target.hits).toHaveLength(0);
  });

  it('accepts only https, or http to this PC; deleting removes the webhook and its log', async () => {
    app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger });
    for (const url of ['http://shop.example/hook', 'ftp://127.0.0.1/x', 'https://user:pw@shop.example/hook', 'nonsense', 'http://10.0.0.5/hook']) {
      const r = await app.dispatch('webhooks.create', { name: 'x', url, events: ['case.status'] });
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'validation', field: 'url' });
    }
    for (const url of ['https://shop.example/hook', 'http://localhost:8080/hook', 'http://[::1]:8080/hook']) {
      expect((await app.dispatch('webhooks.create', { name: 'x', url, events: ['case.status'] })).ok, url).toBe(true);
    }
    expect((await app.dispatch('webhooks.create', { name: 'x', url: 'https://shop.example', events: ['nope'] })).ok).toBe(false);
    const list = await call<WebhookView[]>(app, 'webhooks.list');
    expect(list).toHaveLength(3);
    expect(await call(app, 'webhooks.delete', { id: list[0]!.id })).toEqual({ deleted: true });
    expect(await call<WebhookView[]>(app, 'webhooks.list')).toHaveLength(2);
    expect((await app.dispatch('webhooks.delete', { id: list[0]!.id })).ok).toBe(false);
  });
});
