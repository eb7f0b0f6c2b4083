import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery, WebhookView } from '@contract';
import { useTestApps, type RunningApp } from '../../helpers/running-app';
import { eventually, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

interface Hit {
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** A shop system's endpoint on this PC, answering 200 to every call. */
async function endpoint() {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { hits, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

/** The check from docs/webhooks.md. */
function verify(secret: string, raw: Buffer, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const http = (running: RunningApp, path: string, key: string, init: RequestInit = {}) =>
  fetch(`${running.origin}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${key}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
  });

async function createKey(running: RunningApp, name: string, scope: 'integration' | 'manager' = 'integration') {
  const res = await http(running, '/api/v1/keys', running.server.token, { method: 'POST', body: JSON.stringify({ name, scope }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; key: string };
}

async function register(running: RunningApp, key: string, body: unknown) {
  const res = await http(running, '/api/v1/webhooks', key, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function send(running: RunningApp, text: string) {
  const r = await running.app.dispatch('sim.send', { phone: '+4915111111111', text });
  if (!r.ok) throw new Error(r.error.message);
}

type Listed = WebhookView & { deliveries: WebhookDelivery[] };

describe('webhooks per API key over HTTP', () => {
  it('key A registers a webhook, receives signed message.received calls; key B neither sees nor deletes it; revoking A stops them', async () => {
    const running = await startApp();
    const a = await createKey(running, 'Warenwirtschaft');
    const b = await createKey(running, 'Kassensystem');
    const hookA = await endpoint();
    const hookB = await endpoint();

    const createdA = await register(running, a.key, { url: hookA.url, events: ['message.received'] });
    expect(createdA.status).toBe(201);
    expect(Object.keys(createdA.body).sort()).toEqual(['id', 'secret']);
    const secretA = createdA.body.secret as string;
    expect(secretA).toMatch(/^whsec_/);
    const createdB = await register(running, b.key, { url: hookB.url, events: ['message.received'], name: 'Kasse' });
    expect(createdB.status).toBe(201);

    await send(running, 'Hallo');
    await send(running, 'JA');
    await send(running, 'Ist mein Rad fertig?');
    const hit = await eventually(() => hookA.hits.find((h) => JSON.parse(h.raw.toString()).data?.text === 'Ist mein Rad fertig?'));
    expect(hit.headers['x-tresen-event']).toBe('message.received');
    expect(verify(secretA, hit.raw, hit.headers['x-tresen-signature'] as string)).toBe(true);
    expect(verify('whsec_wrong', hit.raw, hit.headers['x-tresen-signature'] as string)).toBe(false);
    expect(JSON.parse(hit.raw.toString())).toMatchObject({ event: 'message.received', data: { phone: '+4915111111111' } });

    // A's list: its own webhook (owned by A, named after the key), with the delivery; never the secret.
    const listedA = await eventually(async () => {
      const list = (await (await http(running, '/api/v1/webhooks', a.key)).json()) as Listed[];
      return list[0]?.deliveries.some((d) => d.state === 'delivered') ? list : undefined;
    });
    expect(listedA.map((h) => h.id)).toEqual([createdA.body.id]);
    expect(listedA[0]).toMatchObject({ keyId: a.id, keyName: 'Warenwirtschaft', name: 'Warenwirtschaft', stoppedAt: null });
    expect(JSON.stringify(listedA)).not.toContain(secretA);

    // B sees only its own, and A's webhook does not exist for B.
    const listedB = (await (await http(running, '/api/v1/webhooks', b.key)).json()) as Listed[];
    expect(listedB.map((h) => h.id)).toEqual([createdB.body.id]);
    const refused = await http(running, `/api/v1/webhooks/${String(createdA.body.id)}`, b.key, { method: 'DELETE' });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: 'not_found' });
    expect(running.app.context.webhooks.list().map((h) => h.id)).toContain(createdA.body.id);

    // The manager revokes A: A's webhook is kept but stopped, and gets no further event.
    expect((await http(running, `/api/v1/keys/${a.id}`, running.server.token, { method: 'DELETE' })).status).toBe(200);
    const managerView = await running.app.dispatch('webhooks.list', {});
    if (!managerView.ok) throw new Error(managerView.error.message);
    const stopped = (managerView.value as WebhookView[]).find((h) => h.id === createdA.body.id);
    expect(stopped?.stoppedAt).toEqual(expect.any(String));
    expect((managerView.value as WebhookView[]).find((h) => h.id === createdB.body.id)?.stoppedAt).toBeNull();

    const deliveriesOfA = running.app.context.webhooks.deliveries(createdA.body.id as number).length;
    const callsToA = hookA.hits.length;
    await send(running, 'Noch eine Frage');
    // B (active) receives it; the same event would have been queued for A at the same moment.
    await eventually(() => hookB.hits.find((h) => JSON.parse(h.raw.toString()).data?.text === 'Noch eine Frage'));
    expect(running.app.context.webhooks.deliveries(createdA.body.id as number)).toHaveLength(deliveriesOfA);
    expect(hookA.hits).toHaveLength(callsToA);
    // The revoked key itself is refused.
    expect((await http(running, '/api/v1/webhooks', a.key)).status).toBe(401);

    // B deletes its own webhook.
    const del = await http(running, `/api/v1/webhooks/${String(createdB.body.id)}`, b.key, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ deleted: true });
    expect((await (await http(running, '/api/v1/webhooks', b.key)).json()) as Listed[]).toEqual([]);
  });

  it('a bad URL or body is 400 and registers nothing', async () => {
    const running = await startApp();
    const { key } = await createKey(running, 'Warenwirtschaft');
    const bad: [unknown, string][] = [
      [{ url: 'http://shop.example.com/hook', events: ['message.received'] }, 'url_not_https'],
      [{ url: 'not a url', events: ['message.received'] }, 'url_invalid'],
      [{ url: 'https://user:pw@shop.example.com/hook', events: ['message.received'] }, 'url_invalid'],
    ];
    for (const [body, reason] of bad) {
      const r = await register(running, key, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body).toMatchObject({ error: 'validation', field: 'url', reason });
    }
    expect((await register(running, key, { url: 'https://shop.example.com/hook', events: ['order.paid'] })).status).toBe(400);
    expect((await register(running, key, { url: 'https://shop.example.com/hook', events: [] })).status).toBe(400);
    expect(running.app.context.webhooks.list()).toEqual([]);
  });

  it('the start token (operator) sees every webhook; OpenAPI lists the routes for scope integration', async () => {
    const running = await startApp();
    const a = await createKey(running, 'Warenwirtschaft');
    const created = await register(running, a.key, { url: 'https://shop.example.com/hook', events: ['case.status'] });
    const all = (await (await http(running, '/api/v1/webhooks', running.server.token)).json()) as Listed[];
    expect(all.map((h) => h.id)).toEqual([created.body.id]);
    const doc = (await (await http(running, '/api/v1/openapi.json', a.key)).json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(Object.keys(doc.paths['/api/v1/webhooks'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/api/v1/webhooks']!.post!['x-access']).toBe('integration');
    expect(doc.paths['/api/v1/webhooks/{id}']!.delete!['x-access']).toBe('integration');
  });
});
