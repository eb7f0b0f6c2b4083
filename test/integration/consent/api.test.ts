import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { useTestApps } from '../../helpers/running-app';
import { eventually, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);

const PHONE = '+4915112345678';

async function setup() {
  const running = await startApp();
  const { origin, server, app } = running;
  const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
  const post = (body: unknown) => fetch(`${origin}/api/v1/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
  const get = (phone: string) => fetch(`${origin}/api/v1/contacts/${encodeURIComponent(phone)}`, { headers });
  const customer = (text: string) => app.dispatch('sim.send', { phone: PHONE, text });
  return { app, origin, post, get, customer, token: server.token };
}

describe('local HTTP API /api/v1', () => {
  it('needs the token', async () => {
    const { origin } = await setup();
    expect((await fetch(`${origin}/api/v1/contacts/${PHONE}`)).status).toBe(401);
  });

  it('GET contact: 404 unknown, 400 malformed, 200 with both consent states', async () => {
    const { get, customer } = await setup();
    expect((await get(PHONE)).status).toBe(404);
    const bad = await get('kein-telefon');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'validation', field: 'phone' });
    await customer('START');
    const res = await get('0151 12345678');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ phone: PHONE, consent: { service: 'requested', marketing: 'none' } });
  });

  it('POST message: 403 without consent (and no contact created), 202 once granted, 403 after STOP', async () => {
    const { app, post, customer } = await setup();
    const unknown = await post({ to: PHONE, text: 'Hallo', purpose: 'service' });
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toMatchObject({ error: 'consent_required', reason: 'no_service_consent' });
    expect(app.context.store.contacts.byPhone(PHONE)).toBeUndefined();

    await customer('START');
    const pending = await post({ to: PHONE, text: 'Hallo', purpose: 'service' });
    expect(pending.status).toBe(403);
    expect(await pending.json()).toMatchObject({ error: 'consent_required', reason: 'consent_pending' });

    await customer('JA');
    const ok = await post({ to: PHONE, text: 'Ihre Bestellung ist da.', purpose: 'service' });
    expect(ok.status).toBe(202);
    const body = (await ok.json()) as { status: string; messageId: number };
    expect(body.status).toBe('queued');
    expect(app.context.store.messages.byId(body.messageId)?.body).toBe('Ihre Bestellung ist da.');
    const marketing = await post({ to: PHONE, text: 'Angebot', purpose: 'marketing' });
    expect(marketing.status).toBe(403);
    expect(await marketing.json()).toMatchObject({ reason: 'no_marketing_consent' });

    await customer('Stop');
    const after = await post({ to: PHONE, text: 'Noch was', purpose: 'service' });
    expect(after.status).toBe(403);
    expect(await after.json()).toMatchObject({ error: 'consent_required', reason: 'consent_revoked' });
  });

  it('POST message validation names the field and writes nothing', async () => {
    const { app, post, origin, token } = await setup();
    for (const [body, field] of [
      [{ text: 'x', purpose: 'service' }, 'to'],
      [{ to: PHONE, text: '  ', purpose: 'service' }, 'text'],
      [{ to: PHONE, text: 'x', purpose: 'spam' }, 'purpose'],
      [{ to: 'abc', text: 'x', purpose: 'service' }, 'to'],
    ] as const) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'validation', field });
    }
    const notJson = await fetch(`${origin}/api/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const undeclared = await fetch(`${origin}/api/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ to: PHONE, text: 'x', purpose: 'service' }),
    });
    expect(undeclared.status).toBe(415);
    expect(app.context.store.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });
});

describe('consent import, settings, templates, onboarding', () => {
  it('imports rows with proof, rejects rows without it by line number, records trigger import', async () => {
    const { app } = await setup();
    const csv = [
      'phone,purpose,source,date',
      '+4915112345678,service,Kassenformular 17,2025-03-01',
      '+4915112345679,marketing,,2025-03-01',
      '+4915112345670,service,Formular,',
      'kaputt,service,Formular,2025-03-01',
      '+4915112345671,service,Formular,2099-01-01',
      '+4915112345672,spam,Formular,2025-03-01',
      '+4915112345678,service,Kassenformular 17,2025-03-01',
    ].join('\n');
    const r = await app.dispatch('consent.import', { csv });
    expect(r.ok).toBe(true);
    const v = (r as { value: { imported: number; skipped: number; errors: { line: number }[] } }).value;
    expect(v.imported).toBe(1);
    expect(v.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(v.skipped).toBe(6);
    const id = app.context.store.contacts.byPhone(PHONE)!.id;
    expect(app.consent.history(id)).toMatchObject([
      { from: 'none', to: 'granted', trigger: { kind: 'import', ref: 'Kassenformular 17@2025-03-01' } },
    ]);
    expect(app.context.store.contacts.byPhone('+4915112345679')).toBeUndefined();
    const noHeader = await app.dispatch('consent.import', { csv: 'phone,purpose\n+4915112345678,service' });
    expect((noHeader as { value: { errors: { line: number }[] } }).value.errors[0]!.line).toBe(1);
    expect(app.consent.verify().ok).toBe(true);
  });

  it('settings: demo shop by default, phone normalised, bad values rejected', async () => {
    const { app } = await setup();
    const s = (await app.dispatch('settings.get', {})) as { value: { shop: { name: string; phone: string } } };
    expect(s.value.shop).toMatchObject({ name: 'Fahrradladen Demo', phone: '+49301234567' });
    const upd = await app.dispatch('settings.update', {
      patch: { shop: { name: 'Radhaus', address: 'Hauptstr. 1', phone: '030 9876543', privacyUrl: 'https://radhaus.example/ds' } },
    });
    expect(upd).toMatchObject({ ok: true, value: { shop: { phone: '+49309876543' } } });
    const bad = await app.dispatch('settings.update', {
      patch: { shop: { name: 'X', address: '', phone: 'abc', privacyUrl: '' } },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'shop.phone' } });
    const badHours = await app.dispatch('settings.update', { patch: { quarantineHours: 0 } });
    expect(badHours).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(((await app.dispatch('settings.get', {})) as { value: { shop: { name: string } } }).value.shop.name).toBe('Radhaus');
  });

  it('template edits create versions; the request event stores the version and hash of the exact text sent', async () => {
    const { app, customer } = await setup();
    const upd = await app.dispatch('templates.update', { key: 'consent_request', locale: 'de', text: 'Darf {shopName} Ihnen schreiben? JA/STOP' });
    expect(upd).toMatchObject({ ok: true, value: { version: 2 } });
    const all = (await app.dispatch('templates.list', { includeHistory: true })) as { value: { key: string; locale: string; version: number }[] };
    expect(all.value.filter((t) => t.key === 'consent_request' && t.locale === 'de').map((t) => t.version)).toEqual([1, 2]);
    await customer('Hallo');
    const sim = app.channel as SimulatorChannel;
    const sent = await eventually(() => sim.phone(PHONE).find((m) => m.direction === 'out'));
    expect(sent.text).toBe('Darf Fahrradladen Demo Ihnen schreiben? JA/STOP');
    const { createHash } = await import('node:crypto');
    const ev = app.consent.history(app.context.store.contacts.byPhone(PHONE)!.id)[0]!;
    expect(ev.policyVersion).toBe(2);
    expect(ev.policyHash).toBe(createHash('sha256').update(sent.text).digest('hex'));
  });

  it('onboarding: wa.me link with START, SVG QR and an A4 PDF poster; clear error without a shop phone', async () => {
    const { app } = await setup();
    const qr = (await app.dispatch('onboarding.qr', {})) as { value: { link: string; svg: string } };
    expect(qr.value.link).toBe('https://wa.me/49301234567?text=START');
    expect(qr.value.svg).toMatch(/^<svg/);
    const poster = (await app.dispatch('onboarding.poster', {})) as { value: { pdfBase64: string } };
    const pdf = await PDFDocument.load(Buffer.from(poster.value.pdfBase64, 'base64'));
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    await app.dispatch('settings.update', { patch: { shop: { name: 'X', address: '', phone: '', privacyUrl: '' } } });
    const none = await app.dispatch('onboarding.qr', {});
    expect(none).toMatchObject({ ok: false, error: { code: 'validation', field: 'shop.phone' } });
    expect((none as { error: { message: string } }).error.message).toContain('WhatsApp-Nummer des Geschäfts');
  });
});
