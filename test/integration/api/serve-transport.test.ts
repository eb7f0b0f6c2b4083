import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { connectWs, startTestApp, useTestApps } from '../../helpers/running-app';
import { eventually, useTempDirs } from '../../helpers/temp-dir';
import { signInWs } from '../../helpers/staff';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);

const PHONE = '+4915112345678';

describe('loopback server: token', () => {
  it('answers 401 to every HTTP call and WebSocket upgrade without the token', async () => {
    const running = await startApp();
    const { origin, server } = running;
    for (const path of ['/', '/index.html', `/sim/customers/${PHONE}/messages`]) {
      expect((await fetch(origin + path)).status).toBe(401);
    }
    expect((await fetch(`${origin}/?token=wrong${server.token}`)).status).toBe(401);
    expect(
      (await fetch(`${origin}/sim/customers/${PHONE}/messages`, { method: 'POST', body: '{"text":"x"}' })).status,
    ).toBe(401);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(status).toBe(401);
    expect(running.app.context.store.contacts.list({ limit: 10 })).toHaveLength(0);
  });

  it('accepts the token as query, Bearer header and the cookie the page sets', async () => {
    const running = await startApp();
    const { origin, server } = running;
    const page = await fetch(`${origin}/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    const pageCookie = cookie.split(';')[0]!;
    expect((await fetch(`${origin}/`, { headers: { cookie: pageCookie } })).status).toBe(200);
    expect((await fetch(`${origin}/`, { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(200);
    // Cookies ignore ports, so the page cookie must not be the API token and must not open the API.
    expect(pageCookie).not.toContain(server.token);
    expect((await fetch(`${origin}/sim/customers/${PHONE}/messages`, { headers: { cookie: pageCookie } })).status).toBe(401);
    expect((await fetch(`${origin}/api/v1/contacts/${PHONE}`, { headers: { cookie: pageCookie } })).status).toBe(401);
  });

  it('refuses API calls from another web page, and bodies that are not declared JSON', async () => {
    const running = await startApp();
    const { origin, server, app } = running;
    const post = (headers: Record<string, string>) =>
      fetch(`${origin}/sim/customers/${PHONE}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, ...headers },
        body: JSON.stringify({ text: 'Hallo' }),
      });
    expect((await post({ 'content-type': 'application/json', origin: 'http://127.0.0.1:9999' })).status).toBe(403);
    expect((await post({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect(app.context.store.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    expect((await post({ 'content-type': 'application/json', origin })).status).toBe(202);
  });

  it('answers malformed WebSocket frames and keeps serving', async () => {
    const running = await startApp();
    const ws = await connectWs(running.server);
    const raw = new WebSocket(`ws://127.0.0.1:${running.server.port}/ws?token=${running.server.token}`);
    await new Promise((r) => raw.once('open', r));
    const replies: unknown[] = [];
    raw.on('message', (d) => replies.push(JSON.parse(String(d))));
    for (const frame of ['null', '[]', '42', '"x"', '{', '{"id":1,"method":null}']) raw.send(frame);
    await eventually(() => replies.length >= 6);
    expect(replies.every((r) => (r as { result: { ok: boolean } }).result.ok === false)).toBe(true);
    expect((await ws.call('contacts.list', {})).ok).toBe(true);
    raw.close();
    ws.close();
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const running = await startApp();
    const { server } = running;
    const res = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request(
          { host: '127.0.0.1', port: server.port, path: `/?token=${server.token}`, headers: { host: 'evil.example:80' } },
          (r) => resolve(r.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(res).toBe(403);
  });
});

describe('simulator over HTTP and the API over WebSocket', () => {
  it('a simulated customer writes, staff replies, the phone holds the reply', async () => {
    const running = await startApp();
    const { origin, server } = running;
    const auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    const ws = await connectWs(server);
    await signInWs(ws);

    const post = await fetch(`${origin}/sim/customers/${PHONE.slice(1)}/messages`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ text: 'Ist mein Fahrrad fertig?' }),
    });
    expect(post.status).toBe(202);

    // The first message is held back and answered with the consent request;
    // the customer's JA grants consent and reveals what was written before.
    const request = await eventually(async () => {
      const res = await fetch(`${origin}/sim/customers/${encodeURIComponent(PHONE)}/messages`, { headers: auth });
      const body = (await res.json()) as { direction: string; text: string }[];
      return body.find((m) => m.direction === 'out');
    });
    expect(request.text).toContain('Einwilligung');
    const confirm = await fetch(`${origin}/sim/customers/${PHONE.slice(1)}/messages`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ text: 'JA' }),
    });
    expect(confirm.status).toBe(202);

    const list = await ws.call('contacts.list', {});
    expect(list.ok).toBe(true);
    const contacts = list.value as { id: number; phone: string; lastMessagePreview: string }[];
    expect(contacts).toHaveLength(1);
    expect(contacts[0]!.phone).toBe(PHONE);
    expect(contacts[0]!.lastMessagePreview).not.toBeNull();
    expect(ws.events.some((e) => e.event === 'message.added')).toBe(true);

    const sent = await ws.call('messages.send', { contactId: contacts[0]!.id, text: 'Ja, ab 15 Uhr abholbereit.' });
    expect(sent.ok).toBe(true);

    const phone = await eventually(async () => {
      const res = await fetch(`${origin}/sim/customers/${encodeURIComponent(PHONE)}/messages`, { headers: auth });
      const body = (await res.json()) as { direction: string; text: string; at: string }[];
      return body.length === 5 ? body : undefined;
    });
    expect(phone.map((m) => [m.direction, m.text])).toEqual([
      ['in', 'Ist mein Fahrrad fertig?'],
      ['out', expect.stringContaining('Antworten Sie mit JA')],
      ['in', 'JA'],
      ['out', expect.stringContaining('Einwilligung ist gespeichert')],
      ['out', 'Ja, ab 15 Uhr abholbereit.'],
    ]);
    const history = await ws.call('consent.history', { contactId: contacts[0]!.id });
    expect((history.value as { to: string }[]).map((e) => e.to)).toEqual(['requested', 'granted']);
    expect(Number.isNaN(Date.parse(phone[0]!.at))).toBe(false);

    // The phone's delivery ack moves the message forward.
    const delivered = await eventually(async () => {
      const msgs = (await ws.call('messages.list', { contactId: contacts[0]!.id })).value as { direction: string; status: string }[];
      return msgs.find((m) => m.direction === 'out' && m.status === 'delivered');
    });
    expect(delivered).toBeTruthy();
    const messages = (await ws.call('messages.list', { contactId: contacts[0]!.id })).value as { body: string }[];
    expect(messages.map((m) => m.body)).toContain('Ist mein Fahrrad fertig?');
    ws.close();
  });

  it('a window needs a profile to send; a reload of the same tab keeps it, another tab starts without', async () => {
    const running = await startApp();
    const { server, app } = running;
    const contact = app.context.store.contacts.create('+4915111112222', 0);
    const tab = 'tab-0f1e2d3c4b5a69788796';
    const first = await connectWs(server, { window: tab });
    const refused = await first.call('messages.send', { contactId: contact.id, text: 'Hallo' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'no_profile' } });
    await signInWs(first);
    first.close();
    const reloaded = await connectWs(server, { window: tab });
    expect(await reloaded.call('profiles.current', {})).toMatchObject({ ok: true, value: { profile: { name: 'Inhaber' } } });
    const other = await connectWs(server, { window: 'tab-aaaaaaaaaaaaaaaaaaaa' });
    expect(await other.call('profiles.current', {})).toMatchObject({ ok: true, value: { profile: null } });
    const noKey = await connectWs(server);
    expect(await noKey.call('profiles.current', {})).toMatchObject({ ok: true, value: { profile: null } });
    for (const ws of [reloaded, other, noKey]) ws.close();
  });

  it('over a restart on the same token a tab keeps its profile and a reload its page cookie; a new token starts afresh', async () => {
    const dataDir = tempDir();
    const windowsFile = join(dataDir, 'serve-windows.json');
    const token = 'same-token-0123456789abcdef';
    const tab = 'tab-0f1e2d3c4b5a69788796';
    const first = await startTestApp(dataDir, {}, { token, windowsFile });
    const ws = await connectWs(first.server, { window: tab });
    await signInWs(ws);
    ws.close();
    // The page was opened with the token: its cookie opens reloads (never the API).
    const opened = await fetch(`${first.origin}/?token=${token}`);
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    await first.close();
    if (process.platform !== 'win32') expect(statSync(windowsFile).mode & 0o777).toBe(0o600);

    const again = await startTestApp(dataDir, {}, { token, windowsFile });
    try {
      const back = await connectWs(again.server, { window: tab });
      expect(await back.call('profiles.current', {})).toMatchObject({ ok: true, value: { profile: { name: 'Inhaber' } } });
      back.close();
      expect((await fetch(`${again.origin}/`, { headers: { Cookie: cookie } })).status).toBe(200);
    } finally {
      await again.close();
    }

    const rotated = await startTestApp(dataDir, {}, { token: 'new-token-0123456789abcdef', windowsFile });
    try {
      const afresh = await connectWs(rotated.server, { window: tab });
      expect(await afresh.call('profiles.current', {})).toMatchObject({ ok: true, value: { profile: null } });
      afresh.close();
      expect((await fetch(`${rotated.origin}/`, { headers: { Cookie: cookie } })).status).toBe(401);
    } finally {
      await rotated.close();
    }
  });

  it('rejects invalid calls with a validation error naming the field and writes nothing', async () => {
    const running = await startApp();
    const { origin, server, app } = running;
    const ws = await connectWs(server);
    await signInWs(ws);
    const bad = await ws.call('messages.send', { contactId: 'eins', text: 'Hallo' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'contactId' } });
    const empty = await ws.call('messages.send', { contactId: 1, text: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'validation', field: 'text' } });
    const extra = await ws.call('contacts.list', { search: 'x', evil: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'validation' } });
    const unknown = await ws.call('contacts.drop', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    const auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    const badPhone = await fetch(`${origin}/sim/customers/not-a-number/messages`, { method: 'POST', headers: auth, body: '{"text":"hi"}' });
    expect(badPhone.status).toBe(400);
    expect(await badPhone.json()).toMatchObject({ error: 'validation', field: 'phone' });
    const noText = await fetch(`${origin}/sim/customers/${PHONE}/messages`, { method: 'POST', headers: auth, body: '{}' });
    expect(noText.status).toBe(400);
    expect(await noText.json()).toMatchObject({ error: 'validation', field: 'text' });
    const notJson = await fetch(`${origin}/sim/customers/${PHONE}/messages`, { method: 'POST', headers: auth, body: '{' });
    expect(notJson.status).toBe(400);
    // A broken %-escape in the path is the caller's mistake (400), not a server error.
    for (const path of ['/sim/customers/%E0%A4%A/messages', '/api/v1/contacts/%E0%A4%A']) {
      const res = await fetch(`${origin}${path}`, { headers: auth });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'validation', field: 'phone' });
    }

    expect(app.context.store.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    expect(app.context.store.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
    ws.close();
  });

  it('keeps script in names and bodies as inert text', async () => {
    const running = await startApp();
    const { app } = running;
    const evil = '<img src=x onerror=alert(1)>';
    const r = await app.dispatch('sim.send', { phone: PHONE, text: evil });
    expect(r.ok).toBe(true);
    // Consent reveals the held-back message to staff.
    expect((await app.dispatch('sim.send', { phone: PHONE, text: 'JA' })).ok).toBe(true);
    const list = await app.dispatch('contacts.list', {});
    const id = (list as { value: { id: number }[] }).value[0]!.id;
    await app.dispatch('contacts.rename', { contactId: id, name: evil });
    const msgs = await app.dispatch('messages.list', { contactId: id });
    expect((msgs as { value: { body: string; direction: string }[] }).value.find((m) => m.direction === 'in')!.body).toBe(evil);
    const contact = await app.dispatch('contacts.get', { contactId: id });
    expect((contact as { value: { name: string } }).value.name).toBe(evil);
  });
});
