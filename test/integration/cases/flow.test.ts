import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import type { CreatedApp } from '../../../main/app';
import type { CaseDetail, CaseView } from '../../../main/contract';
import type { MediaSimulator } from '../../helpers/media-sim';
import { decodeBarcodes, pdfText } from '../../helpers/pdf';
import { call, useShopApp } from '../../helpers/shop-app';
import { eventually, ManualClock } from '../../helpers/temp-dir';

const PHONE = '+4915112345678';
const HOUR = 3_600_000;
const startShop = useShopApp();

async function start(clock = new ManualClock()) {
  const { app, sim } = await startShop(clock);
  return { app, sim, clock };
}

const outTexts = (sim: MediaSimulator, phone = PHONE) => sim.phone(phone).filter((m) => m.direction === 'out').map((m) => m.text);

async function consentedCustomer(a: CreatedApp, sim: MediaSimulator, phone = PHONE) {
  await sim.customerSends(phone, 'START');
  await sim.customerSends(phone, 'JA');
  await eventually(() => outTexts(sim, phone).length === 2);
  return a.context.store.contacts.byPhone(phone)!.id;
}

describe('cases through the simulator', () => {
  it('a repair from creation to the "ready" message on the customer\'s phone, with the case number', async () => {
    const { app, sim } = await start();
    const contactId = await consentedCustomer(app, sim);
    await call(app, 'contacts.rename', { contactId, name: 'Frau Özdemir' });
    const created = await call<CaseView>(app, 'cases.create', { type: 'repair', phone: '0151 12345678', title: 'Rennrad, Schaltung' });
    expect(created.number).toMatch(/^REP-2026-0001$/);
    expect(created).toMatchObject({ status: 'received', contactId, customerName: 'Frau Özdemir' });

    const diag = await call<{ notification: { state: string; reason: string } }>(app, 'cases.update', { id: created.id, status: 'diagnosing' });
    expect(diag.notification).toEqual({ state: 'not_sent', reason: 'not_requested' });

    const preview = await call<{ text: string }>(app, 'cases.preview', { id: created.id, status: 'ready' });
    expect(preview.text).toContain('REP-2026-0001');
    expect(preview.text).toContain('Frau Özdemir');

    const ready = await call<{ case: CaseView; notification: { state: string; messageId: number } }>(app, 'cases.update', {
      id: created.id,
      status: 'ready',
      notify: true,
    });
    expect(ready.notification.state).toBe('queued');
    const msg = await eventually(() => outTexts(sim).find((t) => t.includes('REP-2026-0001')));
    expect(msg).toContain('fertig');
    expect(msg).toContain('Fahrrad Müller');
    expect(msg).toContain('Mo–Fr 09:00–18:00');

    const detail = await call<CaseDetail>(app, 'cases.get', { id: created.id });
    expect(detail.history.map((h) => [h.from, h.to, h.actor])).toEqual([
      [null, 'received', 'staff'],
      ['received', 'diagnosing', 'staff'],
      ['diagnosing', 'ready', 'staff'],
    ]);
    expect(detail.messages.map((m) => m.id)).toContain(ready.notification.messageId);
    expect(detail.next).toEqual(['collected']);
  });

  it("speaks the customer's language and the shop's own opening hours and time zone", async () => {
    const { app, sim } = await start();
    await call(app, 'settings.update', {
      patch: {
        shop: {
          name: 'Bike Shop',
          address: '1 High Street, London',
          phone: '',
          privacyUrl: 'https://example.org/privacy',
          timeZone: 'Europe/London',
          openingHours: { mon: [{ open: '08:00', close: '12:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        },
      },
    });
    await sim.customerSends(PHONE, 'START');
    await sim.customerSends(PHONE, 'YES');
    await eventually(() => outTexts(sim).length === 2);
    const c = await call<CaseView>(app, 'cases.create', { type: 'pickup', phone: PHONE, pickupUntil: '2026-11-06' });
    expect(c.pickupUntil).toBe('2026-11-06T23:59:59.999Z'); // end of the day in London
    const preview = await call<{ text: string; locale: string }>(app, 'cases.preview', { id: c.id, status: 'ready' });
    expect(preview.locale).toBe('en');
    expect(preview.text).toBe(
      `Hello, your order ${c.number} is ready for pickup until Friday 6 November 2026. Opening hours: Mon 08:00–12:00. Bike Shop`,
    );
  });

  it('a pickup is reminded the business day before its deadline and expires after it, each once, never at night', async () => {
    // Monday 2 Nov 2026, 10:00 in Berlin.
    const clock = new ManualClock(Date.UTC(2026, 10, 2, 9, 0));
    const { app, sim } = await start(clock);
    await consentedCustomer(app, sim);
    const c = await call<CaseView>(app, 'cases.create', { type: 'pickup', phone: PHONE, pickupUntil: '2026-11-05' });
    expect(c.pickupUntil).toBe('2026-11-05T22:59:59.999Z'); // end of Thursday in Berlin
    await call(app, 'cases.update', { id: c.id, status: 'ready', notify: true });
    await eventually(() => outTexts(sim).some((t) => t.includes('liegt zur Abholung bereit')));
    const reminders = app.context.cases.reminders;
    const count = () => outTexts(sim).length;
    const before = count();

    expect(await reminders.run()).toBe(0);
    // Wednesday 03:00 Berlin: the day before, but the shop is closed.
    clock.t = Date.UTC(2026, 10, 4, 2, 0);
    expect(await reminders.run()).toBe(0);
    // Wednesday 09:30: open → the reminder, once.
    clock.t = Date.UTC(2026, 10, 4, 8, 30);
    expect(await reminders.run()).toBe(1);
    expect(await reminders.run()).toBe(0);
    await eventually(() => count() === before + 1);
    expect(outTexts(sim).at(-1)).toContain('Erinnerung');
    expect(outTexts(sim).at(-1)).toContain('Donnerstag, 5. November 2026');

    // Friday 07:00: the deadline passed but the shop opens at 9.
    clock.t = Date.UTC(2026, 10, 6, 6, 0);
    expect(await reminders.run()).toBe(0);
    clock.t = Date.UTC(2026, 10, 6, 8, 0);
    expect(await reminders.run()).toBe(1);
    await eventually(() => count() === before + 2);
    expect(outTexts(sim).at(-1)).toContain('Abholfrist');
    const expired = await call<CaseDetail>(app, 'cases.get', { id: c.id });
    expect(expired.status).toBe('expired');
    expect(expired.history.at(-1)).toMatchObject({ from: 'ready', to: 'expired', actor: 'system' });
    clock.advance(HOUR);
    expect(await reminders.run()).toBe(0);
    expect(count()).toBe(before + 2);
  });

  it('an appointment is reminded once on the business day before, in the customer\'s words, and a moved date plans anew', async () => {
    // Monday 2 Nov 2026, 10:00 in Berlin; the appointment is on Thursday at 15:00.
    const clock = new ManualClock(Date.UTC(2026, 10, 2, 9, 0));
    const { app, sim } = await start(clock);
    await consentedCustomer(app, sim);
    const c = await call<CaseView>(app, 'cases.create', { type: 'appointment', phone: PHONE, appointmentAt: '2026-11-05T15:00:00+01:00' });
    const reminders = app.context.cases.reminders;
    const before = outTexts(sim).length;
    expect(await reminders.run()).toBe(0);
    clock.t = Date.UTC(2026, 10, 4, 7, 59); // Wednesday 08:59: not open yet
    expect(await reminders.run()).toBe(0);
    clock.t = Date.UTC(2026, 10, 4, 8, 0);
    expect(await reminders.run()).toBe(1);
    expect(await reminders.run()).toBe(0);
    await eventually(() => outTexts(sim).length === before + 1);
    expect(outTexts(sim).at(-1)).toContain('Donnerstag, 5. November 2026, 15:00 Uhr');
    // Moved to Friday: Thursday brings a new reminder, once.
    await call(app, 'cases.update', { id: c.id, appointmentAt: '2026-11-06T11:00:00+01:00' });
    clock.t = Date.UTC(2026, 10, 5, 10, 0);
    expect(await reminders.run()).toBe(1);
    expect(await reminders.run()).toBe(0);
    const detail = await call<CaseDetail>(app, 'cases.get', { id: c.id });
    expect(detail.history.filter((h) => h.note === 'Erinnerung: Termin')).toHaveLength(2);
  });

  it('a return: two photos attached, approval sends the label PDF with the case number, the shop address and a readable barcode', async () => {
    const { app, sim } = await start();
    const contactId = await consentedCustomer(app, sim);
    await call(app, 'contacts.rename', { contactId, name: 'Jörg Weiß' });
    const photo = (text: string) => bwipjs.toBuffer({ bcid: 'qrcode', text });
    await sim.customerSendsFile(PHONE, { data: await photo('kratzer-1'), mime: 'image/png', fileName: 'kratzer1.png', caption: 'Kratzer' });
    await sim.customerSendsFile(PHONE, { data: await photo('kratzer-2'), mime: 'image/png', fileName: 'kratzer2.png' });
    const photos = (await call<{ id: number; type: string }[]>(app, 'messages.list', { contactId })).filter((m) => m.type === 'image');
    expect(photos).toHaveLength(2);

    const ret = await call<CaseView>(app, 'cases.create', { type: 'return', phone: PHONE, title: 'Helm, beschädigt' });
    for (const p of photos) await call(app, 'cases.attach', { id: ret.id, messageId: p.id });
    const withPhotos = await call<CaseDetail>(app, 'cases.get', { id: ret.id });
    expect(withPhotos.files.filter((f) => f.role === 'attachment')).toHaveLength(2);

    const approved = await call<{ notification: { state: string } }>(app, 'cases.update', { id: ret.id, status: 'approved', notify: true });
    expect(approved.notification.state).toBe('queued');
    const label = await eventually(() => sim.filesOn(PHONE).find((f) => f.mime === 'application/pdf'));
    expect(label.type).toBe('document');
    expect(label.fileName).toBe(`Ruecksendeetikett-${ret.number}.pdf`);
    const text = await pdfText(label.data);
    expect(text).toContain(ret.number);
    expect(text).toContain('Hauptstraße 5');
    expect(text).toContain('Fahrrad Müller');
    expect(text).toContain('Jörg Weiß');
    expect(decodeBarcodes(label.data)).toContain(`CODE-128:${ret.number}`);

    const detail = await call<CaseDetail>(app, 'cases.get', { id: ret.id });
    expect(detail.files.filter((f) => f.role === 'label')).toHaveLength(1);
    const a4 = await call<{ base64: string }>(app, 'cases.label', { id: ret.id, format: 'a4' });
    expect(decodeBarcodes(Buffer.from(a4.base64, 'base64'))).toContain(`CODE-128:${ret.number}`);
  });

  it('a label that could not be sent stays with the case across a restart, and goes out with the status after JA', async () => {
    const clock = new ManualClock();
    let { app: a, dataDir } = await startShop(clock);
    const ret = await call<CaseView>(a, 'cases.create', { type: 'return', phone: PHONE });
    const r = await call<{ notification: { state: string; reason: string } }>(a, 'cases.update', { id: ret.id, status: 'approved', notify: true });
    expect(r.notification).toEqual({ state: 'not_sent', reason: 'no_contact' });
    await a.close();
    ({ app: a, dataDir } = await startShop(clock, { dataDir }));
    const sim = a.channel as MediaSimulator;
    const kept = await call<CaseDetail>(a, 'cases.get', { id: ret.id });
    expect(kept.files.filter((f) => f.role === 'label')).toHaveLength(1);
    const pdf = await call<{ base64: string }>(a, 'cases.label', { id: ret.id, format: 'a6' });
    expect(await pdfText(Buffer.from(pdf.base64, 'base64'))).toContain(ret.number);

    await consentedCustomer(a, sim);
    expect((await call<CaseView>(a, 'cases.get', { id: ret.id })).canSendCurrent).toBe(true);
    await call(a, 'cases.notify', { id: ret.id });
    const label = await eventually(() => sim.filesOn(PHONE).find((f) => f.mime === 'application/pdf'));
    expect(await pdfText(label.data)).toContain(ret.number);
  });

  it('a case for a customer without consent changes but sends nothing until JA, then offers the current status', async () => {
    const { app, sim } = await start();
    const c = await call<CaseView>(app, 'cases.create', { type: 'repair', phone: PHONE });
    expect(app.context.store.contacts.byPhone(PHONE)).toBeUndefined();
    const r1 = await call<{ case: CaseView; notification: { state: string; reason: string } }>(app, 'cases.update', {
      id: c.id,
      status: 'ready',
      notify: true,
    });
    expect(r1.case.status).toBe('ready');
    expect(r1.notification).toEqual({ state: 'not_sent', reason: 'no_contact' });
    expect(app.context.store.contacts.byPhone(PHONE)).toBeUndefined();
    expect(sim.phone(PHONE)).toEqual([]);

    await sim.customerSends(PHONE, 'START');
    await eventually(() => outTexts(sim).length === 1);
    const pending = await call<CaseView>(app, 'cases.get', { id: c.id });
    expect(pending.contactId).not.toBeNull();
    expect(pending.canSendCurrent).toBe(false);
    const refused = await call<{ notification: { state: string; reason: string } }>(app, 'cases.notify', { id: c.id });
    expect(refused.notification).toEqual({ state: 'not_sent', reason: 'consent_pending' });
    expect(outTexts(sim)).toHaveLength(1); // only the consent request

    await sim.customerSends(PHONE, 'JA');
    await eventually(() => outTexts(sim).length === 2);
    const offered = await call<CaseView>(app, 'cases.get', { id: c.id });
    expect(offered.canSendCurrent).toBe(true);
    const sent = await call<{ notification: { state: string } }>(app, 'cases.notify', { id: c.id });
    expect(sent.notification.state).toBe('queued');
    await eventually(() => outTexts(sim).some((t) => t.includes(c.number)));
    expect((await call<CaseView>(app, 'cases.get', { id: c.id })).canSendCurrent).toBe(false);
  });
});
