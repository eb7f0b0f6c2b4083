import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContactSummary, MessageView } from '@contract';
import { createApp } from '../../../main/app';
import { connectWs, useTestApps, type RunningApp } from '../../helpers/running-app';
import { eventually, silentLogger, useTempDirs } from '../../helpers/temp-dir';
import { call } from '../../helpers/shop-app';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);

const PHONE = '+4915112345678';
const OTHER = '+4915187654321';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a4f50000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function consentedContact(app: RunningApp['app'], phone = PHONE): Promise<ContactSummary> {
  await call(app, 'sim.send', { phone, text: 'Hallo' });
  await call(app, 'sim.send', { phone, text: 'JA' });
  const contacts = await call<ContactSummary[]>(app, 'contacts.list', {});
  const contact = contacts.find((c) => c.phone === phone)!;
  expect(contact.consent.service).toBe('granted');
  return contact;
}

const count = (app: RunningApp['app'], sql: string) => (app.context.store.db.prepare(sql).get() as { n: number }).n;
const outCount = (app: RunningApp['app']) => count(app, `SELECT count(*) AS n FROM messages WHERE direction = 'out' AND body LIKE 'Ihr Rad%'`);

describe('idempotency keys', () => {
  it('POST /api/v1/messages: a repeated key returns the first answer and sends nothing new; another body answers 422', async () => {
    const running = await startApp();
    const { app, origin, server } = running;
    await consentedContact(app);
    const post = (key: string, text: string) =>
      fetch(`${origin}/api/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ to: PHONE, text }),
      });
    const before = outCount(app);
    const first = await post('order-17', 'Ihr Rad ist fertig');
    expect(first.status).toBe(202);
    const firstBody = await first.json();
    const again = await post('order-17', 'Ihr Rad ist fertig');
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(firstBody);
    expect(outCount(app)).toBe(before + 1);
    const mismatch = await post('order-17', 'Ein anderer Text');
    expect(mismatch.status).toBe(422);
    expect(await mismatch.json()).toMatchObject({ error: 'idempotency_mismatch' });
    expect(outCount(app)).toBe(before + 1);
    const bad = await post('mit leerzeichen', 'x');
    expect(bad.status).toBe(400);
    await app.context.outbox.drain();
    const phone = await call<{ phone: string; messages: { text: string }[] }[]>(app, 'sim.customers', {});
    expect(phone[0]!.messages.filter((m) => m.text === 'Ihr Rad ist fertig')).toHaveLength(1);
  });

  it('messages.send and messages.sendMedia over the WebSocket: the same key answers the same message', async () => {
    const running = await startApp();
    const contact = await consentedContact(running.app);
    const ws = await connectWs(running.server);
    const a = await ws.call('messages.send', { contactId: contact.id, text: 'Hallo', idempotencyKey: 'c-1' });
    const b = await ws.call('messages.send', { contactId: contact.id, text: 'Hallo', idempotencyKey: 'c-1' });
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    const m1 = await ws.call('messages.sendMedia', { contactId: contact.id, fileName: 'a.pdf', base64: PDF.toString('base64'), idempotencyKey: 'c-2' });
    const m2 = await ws.call('messages.sendMedia', { contactId: contact.id, fileName: 'a.pdf', base64: PDF.toString('base64'), idempotencyKey: 'c-2' });
    expect(m2).toEqual(m1);
    const m3 = await ws.call('messages.sendMedia', { contactId: contact.id, fileName: 'b.pdf', base64: PDF.toString('base64'), idempotencyKey: 'c-2' });
    expect(m3).toMatchObject({ ok: false, error: { code: 'idempotency_mismatch' } });
    expect(count(running.app, `SELECT count(*) AS n FROM messages WHERE type = 'document'`)).toBe(1);
    ws.close();
  });
});

describe('simulated phones persist in the demo database', () => {
  it('keeps phones and delivered keys across a restart, so a repeated key reaches the phone once', async () => {
    const dir = tempDir();
    const first = await createApp({ dataDir: dir, demo: true, logger: silentLogger });
    await call(first, 'sim.send', { phone: PHONE, text: 'Hallo' });
    const sent = await first.context.channel.send({ idempotencyKey: 'k-1', to: { phone: PHONE, chatId: 'x' }, type: 'text', body: 'Antwort' });
    await first.close();
    const second = await createApp({ dataDir: dir, demo: true, logger: silentLogger });
    const again = await second.context.channel.send({ idempotencyKey: 'k-1', to: { phone: PHONE, chatId: 'x' }, type: 'text', body: 'Antwort' });
    expect(again.externalId).toBe(sent.externalId);
    const phones = await call<{ phone: string; messages: { direction: string; text: string }[] }[]>(second, 'sim.customers', {});
    expect(phones.map((p) => p.phone)).toEqual([PHONE]);
    expect(phones[0]!.messages[0]).toMatchObject({ direction: 'in', text: 'Hallo' });
    expect(phones[0]!.messages.filter((m) => m.text === 'Antwort')).toHaveLength(1);
    await second.close();
  });
});

describe('media references', () => {
  it('a refused send never removes a file that a concurrent send of the same bytes uses', async () => {
    const running = await startApp();
    const { app } = running;
    const allowed = await consentedContact(app);
    // A contact without consent: its sends are refused after the file is written.
    await call(app, 'sim.send', { phone: OTHER, text: 'Hallo' });
    const refused = (await call<ContactSummary[]>(app, 'contacts.list', {})).find((c) => c.phone === OTHER)!;
    for (let round = 0; round < 10; round++) {
      const bytes = Buffer.concat([PDF, Buffer.from(`% round ${round}\n`)]);
      const base64 = bytes.toString('base64');
      // The refused one goes first, so it writes the file and the allowed one finds it there.
      const results = await Promise.allSettled([
        call(app, 'messages.sendMedia', { contactId: refused.id, fileName: 'r.pdf', base64, purpose: 'marketing' }),
        call<MessageView>(app, 'messages.sendMedia', { contactId: allowed.id, fileName: 'r.pdf', base64 }),
      ]);
      expect(results[0].status).toBe('rejected');
      expect(results[1].status).toBe('fulfilled');
      const view = (results[1] as PromiseFulfilledResult<MessageView>).value;
      const row = app.context.store.media.byId(view.media!.id)!;
      expect(existsSync(app.context.mediaStore.pathFor(row.sha256))).toBe(true);
    }
    await app.context.outbox.drain();
    const failed = count(app, `SELECT count(*) AS n FROM messages WHERE status = 'failed'`);
    expect(failed).toBe(0);
  });

  it('removes a refused file that nothing references, and cleans temp and unreferenced files at start', async () => {
    const dir = tempDir();
    const app = await createApp({ dataDir: dir, demo: true, logger: silentLogger });
    await call(app, 'sim.send', { phone: OTHER, text: 'Hallo' });
    const contact = (await call<ContactSummary[]>(app, 'contacts.list', {}))[0]!;
    const err = await call(app, 'messages.sendMedia', { contactId: contact.id, fileName: 'x.png', base64: PNG.toString('base64'), purpose: 'marketing' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'consent_required' });
    const media = join(dir, 'media');
    mkdirSync(media, { recursive: true });
    expect(readdirSync(media)).toEqual([]);
    await app.close();
    writeFileSync(join(media, '.tmp-abc-123'), 'half');
    writeFileSync(join(media, 'a'.repeat(64)), 'nobody references me');
    const again = await createApp({ dataDir: dir, demo: true, logger: silentLogger });
    expect(readdirSync(media)).toEqual([]);
    await again.close();
  });

  it('an error shown to the UI names no path when the file of a queued message is gone', async () => {
    const running = await startApp();
    const { app } = running;
    const contact = await consentedContact(app);
    // The file vanished from disk: reading it fails with the real ENOENT (which names the path).
    app.context.outbox.loadMedia = () => app.context.mediaStore.read('0'.repeat(64));
    const view = await call<MessageView>(app, 'messages.sendMedia', { contactId: contact.id, fileName: 'a.png', base64: PNG.toString('base64') });
    const entry = await eventually(() => {
      const e = app.context.store.outbox.byMessageId(view.id);
      return e && e.attempts > 0 && e.last_error ? e : undefined;
    });
    expect(entry.last_error).toBe('ENOENT');
    expect(JSON.stringify(app.context.store.messages.byId(view.id))).not.toContain(app.context.dataDir);
  });
});

describe('what may reach a customer', () => {
  const programs: [string, Buffer][] = [
    ['rechnung.bat', Buffer.from('@echo off\r\ndel /q C:\\*\r\n')],
    ['rechnung.ps1', Buffer.from('Remove-Item -Recurse C:\\\n')],
    ['rechnung.vbs', Buffer.from('CreateObject("WScript.Shell").Run "calc"\n')],
    ['rechnung.hta', Buffer.from('<html><script>alert(1)</script></html>\n')],
    ['rechnung.sh', Buffer.from('#!/bin/sh\nrm -rf ~\n')],
    ['rechnung.lnk', Buffer.concat([Buffer.from([0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0]), Buffer.alloc(80, 1)])],
    ['rechnung.msi', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600, 0)])],
    ['rechnung\u202Egnp.exe', PNG],
    ['notiz.txt.js', Buffer.from('alert(1)')],
  ];

  it('refuses programs and scripts (7 of 7 red-team types and more) with a clear reason, and sends images, PDF, text and vCards', async () => {
    const running = await startApp();
    const { app } = running;
    const contact = await consentedContact(app);
    for (const [fileName, bytes] of programs) {
      const err = await call(app, 'messages.sendMedia', { contactId: contact.id, fileName, base64: bytes.toString('base64') }).catch((e: unknown) => e);
      expect(err, fileName).toMatchObject({ code: 'validation', field: 'fileName', reason: 'file_type_not_allowed' });
    }
    const ok: [string, Buffer, string][] = [
      ['foto.png', PNG, 'image/png'],
      ['angebot.pdf', PDF, 'application/pdf'],
      ['liste.txt', Buffer.from('Sattel, Kette'), 'text/plain'],
      ['eva.vcf', Buffer.from('BEGIN:VCARD\nVERSION:3.0\nFN:Eva\nEND:VCARD\n'), 'text/vcard'],
    ];
    for (const [fileName, bytes, mime] of ok) {
      const sent = await call<MessageView>(app, 'messages.sendMedia', { contactId: contact.id, fileName, base64: bytes.toString('base64') });
      expect(sent.media?.mime, fileName).toBe(mime);
    }
    expect(readdirSync(join(app.context.dataDir, 'media'))).toHaveLength(ok.length);
  });

  it('stores a file name with bidi and control characters neutralised', async () => {
    const running = await startApp();
    const contact = await consentedContact(running.app);
    const sent = await call<MessageView>(running.app, 'messages.sendMedia', {
      contactId: contact.id,
      fileName: 'rechnung\u202Egnp.pdf',
      base64: PDF.toString('base64'),
    });
    expect(sent.media?.fileName).toBe('rechnung\uFFFDgnp.pdf');
  });

  it('refuses a message of only invisible characters', async () => {
    const running = await startApp();
    const contact = await consentedContact(running.app);
    for (const text of ['\u200B\u200B\u200B', '\u200D\u2060\uFEFF', ' \u3164 ', '\u202E\u200F']) {
      const r = await running.app.dispatch('messages.send', { contactId: contact.id, text });
      expect(r).toMatchObject({ ok: false, error: { code: 'validation', field: 'text' } });
    }
    expect((await running.app.dispatch('messages.send', { contactId: contact.id, text: '\u200Bja' })).ok).toBe(true);
  });
});
