import { describe, expect, it } from 'vitest';
import type { ContactSummary, MessageView } from '@contract';
import { useTestApps, type RunningApp } from '../../helpers/running-app';
import { eventually, useTempDirs } from '../../helpers/temp-dir';
import { call } from '../../helpers/shop-app';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);

const PHONE = '+4915112345678';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a4f50000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

async function consentedContact(app: RunningApp['app']): Promise<ContactSummary> {
  await call(app, 'sim.send', { phone: PHONE, text: 'Hallo' });
  await call(app, 'sim.send', { phone: PHONE, text: 'JA' });
  const [contact] = await call<ContactSummary[]>(app, 'contacts.list', {});
  expect(contact!.consent.service).toBe('granted');
  return contact!;
}

const countMessages = (app: RunningApp['app']) =>
  (app.context.store.db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;

describe('staff sends a file', () => {
  it('sends a photo whose type is read from its bytes, and the phone receives it', async () => {
    const running = await startApp();
    const { app } = running;
    const contact = await consentedContact(app);
    const sent = await call<MessageView>(app, 'messages.sendMedia', {
      contactId: contact.id,
      fileName: 'angebot.txt',
      base64: PNG.toString('base64'),
      caption: 'So sieht das Rad aus',
    });
    expect(sent).toMatchObject({ type: 'image', body: 'So sieht das Rad aus', media: { mime: 'image/png', size: PNG.length } });
    const phone = await eventually(async () => {
      const sim = await call<{ phone: string; messages: { direction: string; text: string }[] }[]>(app, 'sim.customers', {});
      return sim[0]!.messages.find((m) => m.direction === 'out' && m.text.startsWith('📎'));
    });
    expect(phone.text).toBe('📎 angebot.txt — So sieht das Rad aus');
    const back = await call<{ base64: string }>(app, 'media.get', { mediaId: sent.media!.id });
    expect(Buffer.from(back.base64, 'base64').equals(PNG)).toBe(true);
  });

  it('turns a PDF named like a photo into a document', async () => {
    const running = await startApp();
    const contact = await consentedContact(running.app);
    const sent = await call<MessageView>(running.app, 'messages.sendMedia', {
      contactId: contact.id,
      fileName: 'foto.jpg',
      base64: PDF.toString('base64'),
    });
    expect(sent).toMatchObject({ type: 'document', media: { mime: 'application/pdf' } });
  });

  it('refuses programs, bad base64, empty and oversized files, and files to people without consent — writing nothing', async () => {
    const running = await startApp();
    const { app } = running;
    const contact = await consentedContact(app);
    const before = countMessages(app);
    const attempt = (input: Record<string, unknown>) => app.dispatch('messages.sendMedia', { contactId: contact.id, fileName: 'x', ...input });

    expect(await attempt({ base64: ELF.toString('base64'), fileName: 'rechnung.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'fileName' },
    });
    expect(await attempt({ base64: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'base64' } });
    expect(await attempt({ base64: '' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'base64' } });
    const huge = 'A'.repeat(Math.ceil((16 * 1024 * 1024 + 1) / 3) * 4);
    expect(await attempt({ base64: huge })).toMatchObject({ ok: false, error: { code: 'validation', field: 'base64' } });
    expect(countMessages(app)).toBe(before);

    await call(app, 'sim.send', { phone: '+4915100000001', text: 'Hallo' });
    const stranger = (await call<ContactSummary[]>(app, 'contacts.list', {})).find((c) => c.phone === '+4915100000001')!;
    const refused = await app.dispatch('messages.sendMedia', { contactId: stranger.id, fileName: 'a.png', base64: PNG.toString('base64') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'consent_required' } });
    expect(app.context.store.db.prepare('SELECT count(*) AS n FROM media').get()).toEqual({ n: 0 });
  });
});
