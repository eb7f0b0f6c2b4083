import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { newSession, type Session } from '../../../main/core/session';
import { startServer } from '../../../main/api/server';
import { eventually, ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const PHONE = '+4915112345678';
const PENDING = '+4917611112222';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a4f50000000049454e44ae426082',
  'hex',
);

let app: CreatedApp | undefined;
let owner: Session | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  owner = undefined;
});

async function ok<T>(method: string, input: unknown): Promise<T> {
  if (!owner) {
    owner = newSession();
    const list = (await app!.dispatch('profiles.list', {}, owner)) as { value: { id: number }[] };
    await app!.dispatch('profiles.switch', { profileId: list.value[0]!.id, newPin: '2468' }, owner);
  }
  const r = (await app!.dispatch(method, input, owner)) as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Every entry of a ZIP: name → bytes. */
function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      const out = new Map<string, Buffer>();
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return reject(e2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(out));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

async function populated() {
  app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock: new ManualClock() });
  const sim = app.channel as SimulatorChannel;
  await sim.customerSends(PHONE, 'START');
  await sim.customerSends(PHONE, 'YES');
  await sim.customerSends(PHONE, 'Is my <b>bike</b> & "lock" ready? <script>alert(1)</script>');
  await sim.customerSends(PHONE, { text: 'photo', media: { data: PNG, mime: 'image/png', fileName: 'bike.png' } });
  await sim.customerSends(PENDING, 'Hallo?');
  const id = app.context.store.contacts.byPhone(PHONE)!.id;
  await ok('contacts.rename', { contactId: id, name: '=HYPERLINK("x") <Anna>' });
  await ok('notes.add', { contactId: id, text: 'asked twice' });
  await eventually(() => sim.phone(PHONE).filter((m) => m.direction === 'out').length >= 2);
  return { app, sim, id };
}

describe('exports', () => {
  it('the Art. 15 ZIP holds data.json, summary.html in the contact\'s language (escaped), the file and the consent proof', async () => {
    const { id } = await populated();
    expect(app!.context.store.contacts.byId(id)!.locale).toBe('en');
    const out = await ok<{ fileName: string; base64: string; bytes: number }>('compliance.exportContact', { contactId: id });
    expect(out.fileName).toMatch(/^auskunft-4915112345678-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = await unzip(Buffer.from(out.base64, 'base64'));
    const sha = (await import('node:crypto')).createHash('sha256').update(PNG).digest('hex');
    expect([...files.keys()].sort()).toEqual(['consent-proof.pdf', 'data.json', `media/${sha}.png`, 'summary.html']);

    const data = JSON.parse(files.get('data.json')!.toString('utf8'));
    expect(data.contact).toMatchObject({ phone: PHONE, name: '=HYPERLINK("x") <Anna>', locale: 'en' });
    expect(data.consent.chain).toMatchObject({ ok: true });
    expect(data.consent.events.map((e: { to: string }) => e.to)).toEqual(['requested', 'granted']);
    expect(data.consent.events[1].words).toBe('YES');
    expect(data.messages.map((m: { body: string }) => m.body)).toContain('Is my <b>bike</b> & "lock" ready? <script>alert(1)</script>');
    expect(data.messages.find((m: { file: unknown }) => m.file).file).toMatchObject({ path: `media/${sha}.png`, mime: 'image/png', originalName: 'bike.png' });
    expect(data.notes).toEqual([expect.objectContaining({ body: 'asked twice' })]);

    const html = files.get('summary.html')!.toString('utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Information about the data we hold about you');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<b>bike</b>');
    expect(html).toContain('Is my &lt;b&gt;bike&lt;/b&gt; &amp; &quot;lock&quot; ready? &lt;script&gt;');
    expect(html).toContain('=HYPERLINK(&quot;x&quot;) &lt;Anna&gt;');
    expect(files.get(`media/${sha}.png`)!.equals(PNG)).toBe(true);
    expect(files.get('consent-proof.pdf')!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('the contacts CSV lists only consented contacts, with the chosen fields, formulas neutralised', async () => {
    await populated();
    const out = await ok<{ csv: string; count: number; fileName: string }>('compliance.exportContactsCsv', { purpose: 'service', fields: ['phone', 'name', 'consentSince'] });
    expect(out.count).toBe(1);
    const parsed = Papa.parse<string[]>(out.csv.replace(/^\uFEFF/, '').trim());
    expect(parsed.data[0]).toEqual(['phone', 'name', 'consent_since']);
    expect(parsed.data).toHaveLength(2);
    expect(parsed.data[1]![0]).toBe(PHONE);
    expect(parsed.data[1]![1]).toBe(`'=HYPERLINK("x") <Anna>`);
    expect(out.csv).not.toContain(PENDING);
    const marketing = await ok<{ count: number }>('compliance.exportContactsCsv', { purpose: 'marketing', fields: ['phone'] });
    expect(marketing.count).toBe(0);
    const bad = (await app!.dispatch('compliance.exportContactsCsv', { fields: [] }, owner)) as { ok: boolean; error: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('GET /api/v1/contacts/{phone}/export answers a ZIP; DELETE /api/v1/contacts/{phone} erases; the retention preview answers JSON', async () => {
    await populated();
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tresen</title>');
    const server = await startServer({ app: app!, rendererDir, token: 'tok' });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const auth = { Authorization: 'Bearer tok' };
      const zip = await fetch(`${base}/api/v1/contacts/${encodeURIComponent(PHONE)}/export`, { headers: auth });
      expect(zip.status).toBe(200);
      expect(zip.headers.get('content-type')).toBe('application/zip');
      const files = await unzip(Buffer.from(await zip.arrayBuffer()));
      expect(files.has('data.json')).toBe(true);
      const preview = await fetch(`${base}/api/v1/retention/preview`, { headers: auth });
      expect(preview.status).toBe(200);
      expect(((await preview.json()) as { groups: unknown[] }).groups).toHaveLength(5);
      const del = await fetch(`${base}/api/v1/contacts/${encodeURIComponent(PHONE)}`, { method: 'DELETE', headers: auth });
      expect(del.status).toBe(200);
      expect(await del.json()).toMatchObject({ erased: true });
      const again = await fetch(`${base}/api/v1/contacts/${encodeURIComponent(PHONE)}`, { method: 'DELETE', headers: auth });
      expect(again.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
