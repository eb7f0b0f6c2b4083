import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import type { AccessLogEntry, ApiKeyView, ProfileView, SessionState } from '@contract';
import { newSession, type Session } from '../../../main/core/session';
import { connectWs, useTestApps, type RunningApp } from '../../helpers/running-app';
import { ManualClock, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);
const PHONE = '+4915112345678';

type App = RunningApp['app'];
async function call<T>(app: App, method: string, input: unknown, session?: Session): Promise<T> {
  const r = await app.dispatch(method, input, session);
  if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.code}: ${r.error.message}`), r.error);
  return r.value as T;
}
const fails = async (app: App, method: string, input: unknown, session?: Session) => {
  const r = await app.dispatch(method, input, session);
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
};

/** The owner claims the install (sets its PIN) and a staff profile without PIN exists. */
async function claimed(app: App): Promise<{ owner: ProfileView; staff: ProfileView }> {
  const [owner] = await call<ProfileView[]>(app, 'profiles.list', {});
  const boss = newSession();
  await call(app, 'session.unlock', { profileId: owner!.id, newPin: '2468' }, boss);
  const staff = await call<ProfileView>(app, 'profiles.create', { name: 'Mia', color: '#3366cc', role: 'staff' }, boss);
  return { owner: owner!, staff };
}

const http = (running: RunningApp, path: string, key: string, init: RequestInit = {}) =>
  fetch(`${running.origin}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${key}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.headers ?? {}) },
  });

async function createKey(running: RunningApp, scope: 'integration' | 'manager', name = `${scope} key`): Promise<{ id: number; key: string }> {
  const res = await http(running, '/api/v1/keys', running.server.token, { method: 'POST', body: JSON.stringify({ name, scope }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; key: string };
}

/** A WebSocket client that presents an API key in the Authorization header (as a shop system does). */
async function wsWithKey(running: RunningApp, key: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${running.server.port}/ws`, { headers: { Authorization: `Bearer ${key}` } });
  const opened = await new Promise<boolean | number>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(false));
  });
  let next = 1;
  const pending = new Map<number, (r: unknown) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (typeof frame.id === 'number') pending.get(frame.id)?.(frame.result);
  });
  return {
    opened,
    call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; reason?: string } }> {
      const id = next++;
      ws.send(JSON.stringify({ id, method, input }));
      return new Promise((resolve) => pending.set(id, resolve as (r: unknown) => void));
    },
    close: () => ws.close(),
  };
}

describe('roles are enforced in main, whatever the transport', () => {
  it('a staff window (IPC-style dispatch) is refused manager-only methods; after session.unlock with the manager PIN it succeeds', async () => {
    const running = await startApp();
    const { app } = running;
    const { owner, staff } = await claimed(app);
    const window = newSession();
    await call(app, 'session.unlock', { profileId: staff.id }, window);
    const state = await call<SessionState>(app, 'session.state', {}, window);
    expect(state).toMatchObject({ manager: false, unclaimed: false, profile: { name: 'Mia' } });

    for (const [method, input] of [
      ['settings.update', { patch: { dataRetentionDays: 30 } }],
      ['keys.create', { name: 'Kasse', scope: 'integration' }],
      ['keys.list', {}],
      ['accessLog.list', {}],
      ['profiles.create', { name: 'X', color: '#000000', role: 'staff' }],
      ['consent.import', { csv: 'phone\n' }],
      ['security.update', { autoLockMinutes: 1 }],
    ] as const) {
      expect(await fails(app, method, input, window), method).toMatchObject({ code: 'forbidden', reason: 'manager_only' });
    }
    // Staff work is untouched.
    await call(app, 'inbox.list', { view: 'all' }, window);

    // A wrong PIN does not unlock; the right one gives manager rights, lock takes them away again.
    expect((await fails(app, 'session.unlock', { profileId: owner.id, pin: '0000' }, window)).code).toBe('unauthorized');
    const unlocked = await call<SessionState>(app, 'session.unlock', { profileId: owner.id, pin: '2468' }, window);
    expect(unlocked).toMatchObject({ manager: true, profile: { name: 'Inhaber' } });
    expect((await call<{ id: number; key: string }>(app, 'keys.create', { name: 'Kasse', scope: 'integration' }, window)).key).toMatch(/^tresen_/);
    const locked = await call<SessionState>(app, 'session.lock', {}, window);
    // Back to the counter's staff profile (it has no PIN), without manager rights.
    expect(locked).toMatchObject({ manager: false, locked: true, profile: { name: 'Mia' } });
    expect((await fails(app, 'keys.list', {}, window)).code).toBe('forbidden');
  });

  it('the auto-lock drops manager rights after the idle time (fake clock); input (session.touch) keeps them', async () => {
    const clock = new ManualClock();
    const running = await startApp({ clock });
    const { app } = running;
    const { owner, staff } = await claimed(app);
    await call(app, 'security.update', { autoLockMinutes: 5 });
    const window = newSession();
    await call(app, 'session.unlock', { profileId: staff.id }, window);
    await call(app, 'session.unlock', { profileId: owner.id, pin: '2468' }, window);
    clock.advance(4 * 60_000);
    await call(app, 'session.touch', {}, window);
    clock.advance(4 * 60_000);
    // 8 minutes since unlock but only 4 since the last input: still a manager.
    expect((await call<SessionState>(app, 'session.state', {}, window)).manager).toBe(true);
    clock.advance(60_000);
    expect((await fails(app, 'keys.list', {}, window)).code).toBe('forbidden');
    expect(await call<SessionState>(app, 'session.state', {}, window)).toMatchObject({ manager: false, locked: true, profile: { name: 'Mia' } });

    // 0 switches the auto-lock off.
    await call(app, 'security.update', { autoLockMinutes: 0 });
    await call(app, 'session.unlock', { profileId: owner.id, pin: '2468' }, window);
    clock.advance(10 * 60 * 60_000);
    expect((await call<SessionState>(app, 'session.state', {}, window)).manager).toBe(true);
    expect((await fails(app, 'security.update', { autoLockMinutes: 999 })).field).toBe('autoLockMinutes');
  });

  it('a staff page over the WebSocket is refused; an unclaimed install (no manager PIN yet) acts as manager', async () => {
    const running = await startApp();
    const ws = await connectWs(running.server);
    // Fresh install: nobody has a manager PIN yet, so there is no one to check against.
    expect((await ws.call('session.state', {})).value).toMatchObject({ unclaimed: true, manager: true });
    const { owner, staff } = await claimed(running.app);
    expect((await ws.call('session.state', {})).value).toMatchObject({ unclaimed: false, manager: false });
    await ws.call('session.unlock', { profileId: staff.id });
    expect((await ws.call('keys.create', { name: 'x', scope: 'manager' })).error).toMatchObject({ code: 'forbidden', reason: 'manager_only' });
    expect((await ws.call('settings.update', { patch: {} })).error).toMatchObject({ code: 'forbidden' });
    expect((await ws.call('session.unlock', { profileId: owner.id, pin: '2468' })).ok).toBe(true);
    expect((await ws.call('keys.create', { name: 'x', scope: 'manager' })).ok).toBe(true);
    ws.close();
  });

  it('API keys over HTTP: integration scope is refused manager routes (403), manager scope passes, revoked and unknown keys get 401', async () => {
    const running = await startApp();
    await claimed(running.app);
    const integration = await createKey(running, 'integration', 'Warenwirtschaft');
    const manager = await createKey(running, 'manager', 'Buchhaltung');

    // Integration: staff work yes, key management no.
    expect((await http(running, '/api/v1/conversations', integration.key)).status).toBe(200);
    // A key never travels in a URL: as ?token= it is refused.
    expect((await fetch(`${running.origin}/api/v1/conversations?token=${integration.key}`)).status).toBe(401);
    const refused = await http(running, '/api/v1/keys', integration.key, { method: 'POST', body: JSON.stringify({ name: 'y', scope: 'manager' }) });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'forbidden', reason: 'scope' });
    expect((await http(running, '/api/v1/keys', integration.key)).status).toBe(403);

    // Manager: may.
    const listed = await http(running, '/api/v1/keys', manager.key);
    expect(listed.status).toBe(200);
    const keys = (await listed.json()) as ApiKeyView[];
    expect(keys.map((k) => k.name)).toEqual(['Buchhaltung', 'Warenwirtschaft']);
    expect(keys.find((k) => k.name === 'Buchhaltung')!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(keys)).not.toContain(manager.key);

    // Revoked and unknown: 401.
    expect((await http(running, `/api/v1/keys/${integration.id}`, manager.key, { method: 'DELETE' })).status).toBe(200);
    const revoked = await http(running, '/api/v1/conversations', integration.key);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: 'unauthorized' });
    expect((await http(running, '/api/v1/conversations', 'tresen_unknownunknownunknownunknownunknown')).status).toBe(401);
    expect((await http(running, '/api/v1/keys/999', manager.key, { method: 'DELETE' })).status).toBe(404);
    const bad = await http(running, '/api/v1/keys', manager.key, { method: 'POST', body: JSON.stringify({ name: 'z', scope: 'root' }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'validation', field: 'scope' });
  });

  it('API keys over the WebSocket have their scope; a revoked key is cut off', async () => {
    const running = await startApp();
    await claimed(running.app);
    const integration = await createKey(running, 'integration');
    const manager = await createKey(running, 'manager');
    const a = await wsWithKey(running, integration.key);
    expect(a.opened).toBe(true);
    expect((await a.call('inbox.list', { view: 'all' })).ok).toBe(true);
    expect((await a.call('accessLog.list', {})).error).toMatchObject({ code: 'forbidden', reason: 'scope' });
    // A key has no profile session to unlock.
    expect((await a.call('session.unlock', { profileId: 1, pin: '2468' })).error).toMatchObject({ code: 'forbidden' });
    const b = await wsWithKey(running, manager.key);
    expect((await b.call('accessLog.list', {})).ok).toBe(true);
    await call(running.app, 'keys.revoke', { id: integration.id });
    expect((await a.call('inbox.list', { view: 'all' })).error).toMatchObject({ code: 'unauthorized' });
    expect((await wsWithKey(running, integration.key)).opened).toBe(401);
    a.close();
    b.close();
  });

  it('messages and notes sent with a key are authored with its name', async () => {
    const running = await startApp();
    const { app } = running;
    await claimed(app);
    await call(app, 'sim.send', { phone: PHONE, text: 'Hallo' });
    await call(app, 'sim.send', { phone: PHONE, text: 'JA' });
    const { key } = await createKey(running, 'integration', 'Warenwirtschaft');
    const sent = await http(running, '/api/v1/messages', key, { method: 'POST', body: JSON.stringify({ to: PHONE, text: 'Ihr Paket ist da' }) });
    expect(sent.status).toBe(202);
    const note = await http(running, `/api/v1/conversations/${encodeURIComponent(PHONE)}/notes`, key, { method: 'POST', body: JSON.stringify({ text: 'per API' }) });
    expect(note.status).toBe(201);
    expect(await note.json()).toMatchObject({ author: 'Warenwirtschaft' });
    const row = app.context.store.db.prepare("SELECT author_name FROM messages WHERE body = 'Ihr Paket ist da'").get() as { author_name: string };
    expect(row.author_name).toBe('Warenwirtschaft');
  });

  it('the plain key appears nowhere in the database files, only its SHA-256', async () => {
    const dataDir = tempDir();
    const running = await startApp({ dataDir });
    const { key } = await createKey(running, 'manager');
    await running.close();
    const files = readdirSync(dataDir).filter((f) => f.startsWith('tresen.sqlite3'));
    expect(files).toContain('tresen.sqlite3');
    const secret = key.slice('tresen_'.length);
    for (const f of files) {
      const bytes = readFileSync(join(dataDir, f));
      expect(bytes.includes(Buffer.from(secret)), f).toBe(false);
      expect(bytes.includes(Buffer.from(secret.slice(10, 30))), f).toBe(false);
    }
  });
});

describe('the access log', () => {
  it('records audited calls with who, what, the contact id and the outcome, refusals included; pages by keyset', async () => {
    const running = await startApp();
    const { app } = running;
    const { owner, staff } = await claimed(app);
    await call(app, 'sim.send', { phone: PHONE, text: 'Hallo' });
    await call(app, 'sim.send', { phone: PHONE, text: 'JA' });
    const contactId = app.context.store.contacts.byPhone(PHONE)!.id;
    const window = newSession();
    await call(app, 'session.unlock', { profileId: staff.id }, window);
    await call(app, 'consent.history', { contactId }, window);
    await fails(app, 'settings.update', { patch: {} }, window);
    // Not audited: reading the inbox.
    await call(app, 'inbox.list', { view: 'all' }, window);
    await call(app, 'session.unlock', { profileId: owner.id, pin: '2468' }, window);
    await call(app, 'settings.update', { patch: {} }, window);
    const { key } = await createKey(running, 'manager', 'Buchhaltung');
    await http(running, `/api/v1/keys/999`, key, { method: 'DELETE' });

    const boss = newSession();
    await call(app, 'session.unlock', { profileId: owner.id, pin: '2468' }, boss);
    const first = await call<{ items: AccessLogEntry[]; next: string | null }>(app, 'accessLog.list', { limit: 3 }, boss);
    const second = await call<{ items: AccessLogEntry[]; next: string | null }>(app, 'accessLog.list', { limit: 50, cursor: first.next! }, boss);
    const all = [...first.items, ...second.items];
    expect(first.items).toHaveLength(3);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const rows = all.map((e) => [e.actorKind, e.actorName, e.action, e.contactId, e.outcome]);
    expect(rows).toContainEqual(['profile', 'Mia', 'consent.history', contactId, 'ok']);
    expect(rows).toContainEqual(['profile', 'Mia', 'settings.update', null, 'forbidden']);
    expect(rows).toContainEqual(['profile', 'Inhaber', 'settings.update', null, 'ok']);
    expect(rows).toContainEqual(['operator', 'Lokale API', 'HTTP POST /api/v1/keys', null, 'ok']);
    expect(rows).toContainEqual(['key', 'Buchhaltung', 'HTTP DELETE /api/v1/keys/999', null, 'not_found']);
    expect(rows.some((r) => r[2] === 'inbox.list')).toBe(false);
    // The number itself is never stored.
    expect(JSON.stringify(app.context.store.db.prepare('SELECT * FROM access_log').all())).not.toContain('15112345678');
  });
});

describe('OpenAPI', () => {
  it('is generated from the routes and their zod schemas', async () => {
    const running = await startApp();
    const { key } = await createKey(running, 'integration');
    const res = await http(running, '/api/v1/openapi.json', key);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-access': string; requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/keys']!.post!['x-access']).toBe('manager');
    expect(Object.keys(doc.paths['/api/v1/keys']!.post!.requestBody!.content['application/json']!.schema.properties)).toEqual(['name', 'scope']);
    expect(doc.paths['/api/v1/messages']!.post!['x-access']).toBe('integration');
    expect(doc.paths['/api/v1/keys/{id}']!.delete).toBeDefined();
    expect(Object.keys(doc.paths)).toContain('/api/v1/conversations');
  });
});
