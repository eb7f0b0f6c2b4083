import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { useTestApps } from '../../helpers/running-app';
import { ownerSession } from '../../helpers/staff';
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
      'phone,purpose,source,reference,date',
      '+4915112345678,service,paper_form,Kassenformular 17,2025-03-01',
      '+4915112345679,marketing,,F1,2025-03-01',
      '+4915112345670,service,paper_form,F2,',
      'kaputt,service,paper_form,F3,2025-03-01',
      '+4915112345671,service,paper_form,F4,2099-01-01',
      '+4915112345672,spam,paper_form,F5,2025-03-01',
      '+4915112345678,service,paper_form,Kassenformular 17,2025-03-01',
      '+4915112345673,service,x,F6,2000-01-01',
      '+4915112345674,marketing,paper_form,F7,2025-03-01',
      '+4915112345675,service,web_double_opt_in,,2025-03-01',
      '+4915112345676,marketing,web_double_opt_in,Formular 9,2025-03-01',
    ].join('\n');
    const r = await app.dispatch('consent.import', { csv, recordedBy: 'Anna', fileName: 'kunden.csv' });
    expect(r.ok).toBe(true);
    const v = (r as { value: { imported: number; skipped: number; errors: { line: number }[]; importId: number; sha256: string } }).value;
    expect(v.imported).toBe(2);
    expect(v.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 9, 10, 11]);
    expect(v.skipped).toBe(9);
    const id = app.context.store.contacts.byPhone(PHONE)!.id;
    expect(app.consent.history(id)).toMatchObject([
      { from: 'none', to: 'granted', trigger: { kind: 'import', ref: `import#${v.importId}:paper_form:Kassenformular 17@2025-03-01` }, method: 'import', actorName: 'Anna' },
    ]);
    expect(app.context.store.contacts.byPhone('+4915112345679')).toBeUndefined();
    // The red-team row: source "x", a number that never wrote — no consent, no contact.
    expect(app.context.store.contacts.byPhone('+4915112345673')).toBeUndefined();
    const { createHash } = await import('node:crypto');
    expect(app.context.store.consent.importById(v.importId)).toMatchObject({
      recorded_by: 'Anna',
      file_name: 'kunden.csv',
      sha256: createHash('sha256').update(csv).digest('hex'),
      imported: 2,
      skipped: 9,
    });
    const noHeader = await app.dispatch('consent.import', { csv: 'phone,purpose\n+4915112345678,service' });
    expect((noHeader as { value: { errors: { line: number }[] } }).value.errors[0]!.line).toBe(1);
    expect(app.consent.verify().ok).toBe(true);
  });

  it('a large import runs in slices: an inbound message is handled before the import ends, progress is reported', async () => {
    const { app } = await setup();
    const sim = app.channel as SimulatorChannel;
    const rows = ['phone,purpose,source,reference,date'];
    for (let i = 0; i < 20_000; i++) rows.push(`+49151${String(20_000_000 + i)},service,paper_form,F${i},2025-03-01`);
    const progress: number[] = [];
    let inboundSeenAt = -1;
    app.subscribe((event, payload) => {
      if (event === 'consent.importProgress') progress.push((payload as { done: number }).done);
      if (event === 'contact.updated' && inboundSeenAt < 0 && (payload as { phone?: string }).phone === '+4915199999999') inboundSeenAt = progress.length;
    });
    const running = app.dispatch('consent.import', { csv: rows.join('\n') });
    await new Promise((r) => setImmediate(r));
    await sim.customerSends('+4915199999999', 'Hallo, ist offen?');
    const r = (await running) as { ok: boolean; value: { imported: number; longestSliceMs: number } };
    expect(r.ok).toBe(true);
    expect(r.value.imported).toBe(20_000);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(20_000);
    // The inbound message was stored while the import was still running.
    const inbound = app.context.store.contacts.byPhone('+4915199999999')!;
    expect(app.consent.state(inbound.id, 'service')).toBe('requested');
    expect(inboundSeenAt).toBeGreaterThanOrEqual(0);
    expect(inboundSeenAt).toBeLessThan(progress.length);
    process.stderr.write(`[import] 20000 rows, longest slice ${r.value.longestSliceMs} ms, ${progress.length} slices\n`);
  }, 120_000);

  it('the server answers another request while a 20,000-row import runs', async () => {
    const { app, get } = await setup();
    const rows = ['phone,purpose,source,reference,date'];
    for (let i = 0; i < 20_000; i++) rows.push(`+49152${String(20_000_000 + i)},service,paper_form,F${i},2025-03-01`);
    const order: string[] = [];
    let firstSlice!: () => void;
    const started = new Promise<void>((r) => (firstSlice = r));
    const off = app.subscribe((event) => event === 'consent.importProgress' && firstSlice());
    const running = app.dispatch('consent.import', { csv: rows.join('\n') }).then((r) => {
      order.push('import');
      return r;
    });
    // Once the first slice is committed, a request over HTTP must not wait for the rest.
    await started;
    const answered = get('+4915220000000').then((res) => {
      order.push('request');
      return res.status;
    });
    expect(await answered).toBe(200);
    expect((await running).ok).toBe(true);
    off();
    expect(order).toEqual(['request', 'import']);
  }, 120_000);

  it('an import records the profile working at the window as who imported it', async () => {
    const { app } = await setup();
    const staff = await ownerSession(app);
    const csv = 'phone,purpose,source,reference,date\n+4915112345678,service,paper_form,F1,2025-03-01';
    const r = await app.dispatch('consent.import', { csv, recordedBy: 'Jemand', fileName: 'liste.csv' }, staff);
    const v = (r as { value: { importId: number } }).value;
    expect(app.context.store.consent.importById(v.importId)).toMatchObject({ recorded_by: 'Inhaber', file_name: 'liste.csv' });
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
