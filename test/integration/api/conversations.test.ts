import { describe, expect, it } from 'vitest';
import { useTestApps, type RunningApp } from '../../helpers/running-app';
import { eventually, useTempDirs } from '../../helpers/temp-dir';
import { counter } from '../../helpers/staff';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);

const PHONE = '+4915112345678';
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a4f50000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

/** A JSON answer as the tests read it. */
type Json = Record<string, unknown> & { items: Record<string, unknown>[]; next: string | null; id: string; snoozeUntil: string };

function http(running: RunningApp) {
  const headers = { authorization: `Bearer ${running.server.token}`, 'content-type': 'application/json' };
  const req = async (method: string, path: string, payload?: unknown) => {
    const res = await fetch(running.origin + path, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
    const type = res.headers.get('content-type') ?? '';
    const raw = Buffer.from(await res.arrayBuffer());
    const body = (type.startsWith('application/json') ? JSON.parse(raw.toString('utf8')) : {}) as Json;
    return { status: res.status, type, body, bytes: raw };
  };
  return {
    req,
    customer: (phone: string, body: unknown) => req('POST', `/sim/customers/${encodeURIComponent(phone)}/messages`, body),
  };
}

async function consentedOverHttp(running: RunningApp, phone: string) {
  const { customer } = http(running);
  expect((await customer(phone, { text: 'Hallo' })).status).toBe(202);
  expect((await customer(phone, { text: 'JA' })).status).toBe(202);
}

describe('local API: conversations', () => {
  it('lists, filters and pages conversations; PATCH changes status, assignee, labels, snooze; notes are signed by the caller', async () => {
    const running = await startApp();
    const { req } = http(running);
    await consentedOverHttp(running, PHONE);
    await consentedOverHttp(running, '+4915187654321');

    const first = await req('GET', '/api/v1/conversations');
    expect(first.status).toBe(200);
    const items = first.body.items as Record<string, unknown>[];
    expect(items).toHaveLength(2);
    expect(Object.keys(items[0]!).sort()).toEqual(
      ['assignee', 'labels', 'lastMessageAt', 'name', 'phone', 'snoozeUntil', 'status', 'unread', 'waitingSince'].sort(),
    );
    expect(items[0]!.lastMessageAt).toMatch(ISO_WITH_OFFSET);
    expect(items[0]!.waitingSince).toMatch(ISO_WITH_OFFSET);
    expect(first.body.next).toBeNull();

    // Paging with ?cursor= / next through every conversation.
    const p1 = await req('GET', '/api/v1/conversations?limit=1');
    expect((p1.body.items as unknown[]).length).toBe(1);
    const p2 = await req('GET', `/api/v1/conversations?limit=1&cursor=${String(p1.body.next)}`);
    expect((p2.body.items as { phone: string }[])[0]!.phone).not.toBe((p1.body.items as { phone: string }[])[0]!.phone);
    const p3 = await req('GET', `/api/v1/conversations?limit=1&cursor=${String(p2.body.next)}`);
    expect(p3.body).toEqual({ items: [], next: null });

    const patched = await req('PATCH', `/api/v1/conversations/${encodeURIComponent(PHONE)}`, { status: 'waiting', assignee: 1, labels: ['Reparatur'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'pending', assignee: 1, labels: ['Reparatur'] });
    expect((await req('GET', '/api/v1/conversations?status=pending&label=Reparatur')).body.items).toHaveLength(1);
    expect((await req('GET', '/api/v1/conversations?assignee=1&status=pending')).body.items).toHaveLength(1);
    expect((await req('GET', '/api/v1/conversations?assignee=none')).body.items).toHaveLength(1);
    expect((await req('GET', '/api/v1/conversations?q=0151%2087654321')).body.items).toMatchObject([{ phone: '+4915187654321' }]);

    const snoozeUntil = new Date(Date.now() + 3_600_000).toISOString().replace('Z', '+00:00');
    const snoozed = await req('PATCH', `/api/v1/conversations/${encodeURIComponent(PHONE)}`, { snoozeUntil });
    expect(snoozed.body).toMatchObject({ status: 'snoozed' });
    expect(Date.parse(snoozed.body.snoozeUntil as string)).toBe(Date.parse(snoozeUntil));
    expect((await req('PATCH', `/api/v1/conversations/${encodeURIComponent(PHONE)}`, { assignee: null })).body).toMatchObject({ assignee: null });

    const note = await req('POST', `/api/v1/conversations/${encodeURIComponent(PHONE)}/notes`, { text: 'Rad steht im Lager' });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ author: 'Lokale API', text: 'Rad steht im Lager' });
    // The author is never free text.
    expect((await req('POST', `/api/v1/conversations/${encodeURIComponent(PHONE)}/notes`, { text: 'x', author: 'Chef' })).status).toBe(400);

    // Bad input: clear errors, nothing written.
    expect((await req('PATCH', `/api/v1/conversations/${encodeURIComponent(PHONE)}`, { status: 'archived' })).body).toMatchObject({ error: 'validation', field: 'status' });
    expect((await req('PATCH', `/api/v1/conversations/${encodeURIComponent(PHONE)}`, { assignee: 999 })).body).toMatchObject({ error: 'validation', field: 'assignee' });
    expect((await req('PATCH', `/api/v1/conversations/${encodeURIComponent(PHONE)}`, {})).status).toBe(400);
    expect((await req('PATCH', '/api/v1/conversations/+4917000000000', { status: 'open' })).status).toBe(404);
    expect((await req('GET', '/api/v1/conversations?cursor=bogus')).body).toMatchObject({ error: 'validation', field: 'cursor' });
    expect((await req('GET', '/api/v1/conversations?colour=red')).status).toBe(400);
    const unknown = await req('GET', '/api/v1/nothing-here');
    expect([unknown.status, unknown.body.error]).toEqual([404, 'not_found']);
    const unlabelled = await req('GET', '/api/v1/conversations?label=Unbekannt');
    expect(unlabelled.body).toEqual({ items: [], next: null });
  });
});

describe('simulator: media in and out', () => {
  it('a customer sends a photo, a voice note, a document, a location and replies; files come back from their url', async () => {
    const running = await startApp();
    const { req, customer } = http(running);
    await consentedOverHttp(running, PHONE);

    const photo = await customer(PHONE, { text: 'So sieht es aus', media: { mime: 'image/png', filename: 'kaputt.png', data: PNG.toString('base64') } });
    expect(photo.status).toBe(202);
    await customer(PHONE, { media: { mime: 'audio/ogg', fileName: 'sprachnachricht.ogg', data: Buffer.from('OggS-not-really').toString('base64') } });
    await customer(PHONE, { media: { mime: 'application/pdf', fileName: 'rechnung.pdf', data: PDF.toString('base64') } });
    await customer(PHONE, { location: { latitude: 52.52, longitude: 13.405, name: 'Alexanderplatz' } });
    const replied = await customer(PHONE, { text: 'Das meinte ich', quote: { id: photo.body.id } });
    expect(replied.status).toBe(202);
    await customer(PHONE, { text: 'Und das', quote: 'So sieht es aus' });

    const phone = (await req('GET', `/sim/customers/${encodeURIComponent(PHONE)}/messages`)).body as unknown as {
      id: string;
      text: string;
      media?: { mime: string; fileName: string; size: number; url: string };
      quote?: { id: string; text: string };
    }[];
    const pic = phone.find((m) => m.id === photo.body.id)!;
    expect(pic.media).toMatchObject({ mime: 'image/png', fileName: 'kaputt.png', size: PNG.length });
    const bytes = await req('GET', pic.media!.url);
    expect(bytes.status).toBe(200);
    expect(Buffer.compare(bytes.bytes, PNG)).toBe(0);
    expect(phone.filter((m) => m.quote?.id === photo.body.id)).toHaveLength(2);

    // In the shop: the real media store, the right types, the quote linked.
    const { store } = running.app.context;
    const rows = store.db
      .prepare(`SELECT m.type, m.body, md.mime, m.quoted_message_id, m.external_id FROM messages m LEFT JOIN media md ON md.id = m.media_id WHERE m.direction = 'in' ORDER BY m.id`)
      .all() as { type: string; body: string; mime: string | null; quoted_message_id: number | null; external_id: string }[];
    const types = rows.map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['image', 'voice', 'document', 'location']));
    expect(rows.find((r) => r.type === 'image')!.mime).toBe('image/png');
    expect(rows.find((r) => r.type === 'document')!.mime).toBe('application/pdf');
    expect(rows.find((r) => r.type === 'location')!.body).toBe('Alexanderplatz');
    const photoRow = rows.find((r) => r.external_id === photo.body.id)!;
    expect(rows.filter((r) => r.body === 'Das meinte ich' || r.body === 'Und das').every((r) => r.quoted_message_id !== null)).toBe(true);
    expect(photoRow).toBeDefined();

    // The shop sends a file: it arrives on the phone with its bytes.
    const contact = store.contacts.byPhone(PHONE)!;
    const offer = Buffer.concat([PDF, Buffer.from('% Angebot\n')]);
    const sent = await running.app.dispatch('messages.sendMedia', { contactId: contact.id, fileName: 'angebot.pdf', base64: offer.toString('base64') }, await counter(running.app));
    expect(sent.ok).toBe(true);
    const out = await eventually(async () => {
      const items = (await req('GET', `/sim/customers/${encodeURIComponent(PHONE)}/messages`)).body as unknown as typeof phone;
      return items.find((m) => m.media?.fileName === 'angebot.pdf');
    });
    expect(Buffer.compare((await req('GET', out.media!.url)).bytes, offer)).toBe(0);
  });

  it('refuses bad media input with a clear error and writes nothing', async () => {
    const running = await startApp();
    const { req, customer } = http(running);
    await consentedOverHttp(running, PHONE);
    const count = () => running.app.context.store.db.prepare('SELECT count(*) FROM messages').pluck().get();
    const before = count();
    expect((await customer(PHONE, { media: { mime: 'image/png', data: 'not base64!' } })).body).toMatchObject({ error: 'validation', field: 'media.data' });
    expect((await customer(PHONE, { media: { mime: 'image/png' } })).body).toMatchObject({ error: 'validation' });
    expect((await customer(PHONE, {})).body).toMatchObject({ error: 'validation', field: 'text' });
    expect((await customer(PHONE, { text: 'x', quote: { id: 'nope' } })).body).toMatchObject({ error: 'validation', field: 'quote' });
    expect((await customer(PHONE, { text: 'x', colour: 'red' })).status).toBe(400);
    expect(count()).toBe(before);
    expect((await req('GET', `/sim/customers/${encodeURIComponent(PHONE)}/messages/nope/media`)).status).toBe(404);
  });
});
