import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactSummary, EventName, MessageView } from '@contract';
import { AppHost } from '../../../main/host';
import { readLineConfig } from '../../../main/store/line-config';
import { Pacer } from '../../../main/core/pacing';
import { FakeWhatsApp, raw } from '../../fakes/whatsapp-client';
import { eventually, silentLogger, useTempDirs } from '../../helpers/temp-dir';
import { counter } from '../../helpers/staff';

const tempDir = useTempDirs();
const CUSTOMER = '4915112345678@c.us';
// 1×1 transparent PNG: the bytes say PNG whatever the messenger claims.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

let host: AppHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function call<T>(h: AppHost, method: string, input: unknown = {}): Promise<T> {
  const r = await h.dispatch(method, input, await counter(h));
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function start(dataDir: string, world: FakeWhatsApp) {
  const clock = { now: () => Date.now() };
  return AppHost.start({
    dataDir,
    logger: silentLogger,
    whatsapp: {
      clientFactory: world.factory,
      pacing: new Pacer({ perSecond: 1000, perMinute: 100_000, announcementsPerMinute: 1000 }, clock),
      watchdogMs: 0,
      plannedRestartMs: 0,
      backoff: { initialMs: 10, maxMs: 40 },
    },
  });
}

describe('the host: demo ↔ WhatsApp line, with the real app pipeline', () => {
  it('starts on the demo, links WhatsApp, runs consent and media through the bridge, and survives a restart', async () => {
    const dir = tempDir();
    const world = new FakeWhatsApp();
    host = await start(dir, world);
    const events: EventName[] = [];
    host.subscribe((e) => events.push(e));

    expect(await call(host, 'line.status')).toMatchObject({ mode: 'demo', linked: false, canSwitch: true });
    await call(host, 'sim.send', { phone: '+4915199999999', text: 'Trainingskunde' });
    expect(existsSync(join(dir, 'demo', 'tresen.sqlite3'))).toBe(true);

    expect(await call(host, 'line.link')).toEqual({ switching: true });
    await host.settled();
    expect(host.mode).toBe('whatsapp');
    expect(readLineConfig(dir).mode).toBe('whatsapp');
    expect(events).toContain('line.switched');
    // Demo customers stay in the demo's own database.
    expect(await call<ContactSummary[]>(host, 'contacts.list')).toEqual([]);

    await eventually(() => world.clients.length > 0 && world.current.initCalls > 0);
    world.current.emit('qr', 'QR-DATA');
    await eventually(async () => (await call<{ channel: { state: string } }>(host!, 'app.info')).channel.state === 'qr');
    world.current.link();
    await eventually(async () => (await call<{ channel: { state: string } }>(host!, 'app.info')).channel.state === 'connected');

    // A customer writes with a photo claimed as JPEG; it is held back until consent.
    const id = `false_${CUSTOMER}_IMG1`;
    world.media.set(id, () => ({ data: PNG.toString('base64'), mimetype: 'image/jpeg', filename: 'rad.jpg' }));
    world.current.receive(raw({ id: 'IMG1', chat: CUSTOMER, type: 'image', body: 'Geht das zu reparieren?', t: Math.floor(Date.now() / 1000), media: { mimetype: 'image/jpeg' } }));
    const contact = await eventually(async () => (await call<ContactSummary[]>(host!, 'contacts.list'))[0]);
    expect(contact).toMatchObject({ phone: '+4915112345678', quarantined: 1 });
    expect(await call<MessageView[]>(host, 'messages.list', { contactId: contact.id })).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ body: 'Geht das zu reparieren?' })]),
    );
    // Its photo is as hidden as the message: no way round through media.get.
    const mediaId = await eventually(
      () => (host!.current.context.store.db.prepare('SELECT id FROM media').get() as { id: number } | undefined)?.id,
    );
    expect(await host.dispatch('media.get', { mediaId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The consent request went out through the WhatsApp client, exactly once.
    await eventually(() => world.sent.length === 1);
    expect(world.sent[0]!.chatId).toBe(CUSTOMER);
    expect(String(world.sent[0]!.content)).toMatch(/WhatsApp|Meta/);

    world.current.receive(raw({ id: 'JA1', chat: CUSTOMER, body: 'Ja', t: Math.floor(Date.now() / 1000) }));
    const photo = await eventually(async () =>
      (await call<MessageView[]>(host!, 'messages.list', { contactId: contact.id })).find((m) => m.type === 'image'),
    );
    expect(photo.media).toMatchObject({ mime: 'image/png', size: PNG.length, fileName: 'rad.jpg' });
    const bytes = await call<{ mime: string; base64: string }>(host, 'media.get', { mediaId: photo.media!.id });
    expect(Buffer.from(bytes.base64, 'base64').equals(PNG)).toBe(true);

    // Staff answers; it leaves through the bridge.
    await call(host, 'messages.send', { contactId: contact.id, text: 'Ja, bringen Sie es vorbei.' });
    await eventually(() => world.sent.some((s) => s.content === 'Ja, bringen Sie es vorbei.'));

    // Restart: the line choice and the history persist.
    await host.close();
    host = await start(dir, world);
    expect(host.mode).toBe('whatsapp');
    const after = await call<MessageView[]>(host, 'messages.list', { contactId: contact.id });
    expect(after.map((m) => m.body)).toContain('Ja, bringen Sie es vorbei.');

    expect(await call(host, 'line.useDemo')).toEqual({ switching: true });
    await host.settled();
    expect(host.mode).toBe('demo');
    const demoContacts = await call<ContactSummary[]>(host, 'contacts.list');
    expect(demoContacts.map((c) => c.phone)).toEqual(['+4915199999999']);
  });

  it('with --demo the line cannot be switched, and a bad browser path is refused without being saved', async () => {
    const dir = tempDir();
    host = await AppHost.start({ dataDir: dir, forceDemo: true, logger: silentLogger });
    const r = await host.dispatch('line.link', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const bad = await host.dispatch('line.setBrowser', { path: '/nowhere/chrome' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'path' } });
    expect(readLineConfig(dir).browserPath).toBe('');
    expect(existsSync(join(dir, 'tresen.sqlite3'))).toBe(true);
  });

  it('accepts as browser only a program that identifies itself as Chrome, Chromium or Edge via --version', async () => {
    const dir = tempDir();
    host = await AppHost.start({ dataDir: dir, forceDemo: true, logger: silentLogger });
    const script = (name: string, out: string) => {
      const p = join(dir, name);
      writeFileSync(p, `#!/bin/sh\necho "${out}"\n`, { mode: 0o755 });
      return p;
    };
    for (const path of ['/bin/sh', script('hello', 'hello 1.0'), script('fake', 'Firefox 120.0'), join(dir, 'tresen.sqlite3')]) {
      const r = await host.dispatch('line.setBrowser', { path });
      expect(r, path).toMatchObject({ ok: false, error: { code: 'validation', field: 'path', reason: 'not_a_browser' } });
      expect(readLineConfig(dir).browserPath).toBe('');
    }
    const chromium = script('chromium', 'Chromium 120.0.6099.224 built on Debian');
    expect(await host.dispatch('line.setBrowser', { path: chromium })).toMatchObject({ ok: true });
    expect(readLineConfig(dir).browserPath).toBe(chromium);
  });
});
