import { describe, expect, it } from 'vitest';
import type { CreatedApp } from '../../../main/app';
import type { AnnouncementPreview, AnnouncementView } from '../../../main/contract';
import { ApiError } from '../../../main/contract/errors';
import type { MediaSimulator } from '../../helpers/media-sim';
import { call, useShopApp } from '../../helpers/shop-app';
import { eventually, ManualClock } from '../../helpers/temp-dir';

const SUB_A = '+4915100000001';
const SERVICE_ONLY = '+4915100000002';
const CAPPED = '+4915100000003';
const SUB_STOP = '+4915100000004';
const DAY = 86_400_000;
const startShop = useShopApp();

async function start(clock = new ManualClock()) {
  const { app, sim } = await startShop(clock);
  return { app, sim, clock };
}

const texts = (sim: MediaSimulator, phone: string) => sim.phone(phone).filter((m) => m.direction === 'out').map((m) => m.text ?? '');

async function customer(a: CreatedApp, sim: MediaSimulator, phone: string, marketing: boolean, name?: string) {
  await sim.customerSends(phone, 'START');
  await sim.customerSends(phone, 'JA');
  if (marketing) {
    await sim.customerSends(phone, 'NEWSLETTER');
    await sim.customerSends(phone, 'JA');
  }
  const id = a.context.store.contacts.byPhone(phone)!.id;
  expect(a.consent.state(id, 'marketing')).toBe(marketing ? 'granted' : 'none');
  if (name) await call(a, 'contacts.rename', { contactId: id, name });
  return id;
}

/** Runs every due job (the paced steps) at the manual clock's time. */
const tick = (a: CreatedApp) => a.context.scheduler.runDue();
const view = (a: CreatedApp, id: string) => call<AnnouncementView>(a, 'announcements.get', { id });

async function runToEnd(a: CreatedApp, clock: ManualClock, id: string) {
  for (let i = 0; i < 50 && (await view(a, id)).state === 'sending'; i++) {
    clock.advance(60_000);
    await tick(a);
  }
  return view(a, id);
}

describe('announcements', () => {
  it('reach marketing subscribers only, skip service-only, weekly-capped and revoked contacts, and stop at a STOP mid-run', async () => {
    const { app, sim, clock } = await start();
    await customer(app, sim, CAPPED, true, 'Carla');
    for (const text of ['Neu: Herbstreifen', 'Neu: Winterreifen']) {
      const { id } = await call<{ id: string }>(app, 'announcements.create', { text });
      await call(app, 'announcements.send', { id });
      expect(await runToEnd(app, clock, id)).toMatchObject({ state: 'done', sent: 1 });
      clock.advance(DAY);
    }
    await customer(app, sim, SUB_A, true, 'Anna');
    await customer(app, sim, SERVICE_ONLY, false);
    await customer(app, sim, SUB_STOP, true);

    const preview = await call<AnnouncementPreview>(app, 'announcements.preview', { text: 'Hallo {name}, 10 % auf Helme!' });
    expect(preview.recipients.map((r) => r.phone)).toEqual([SUB_A, SUB_STOP]);
    expect(preview.skipped.map((r) => [r.phone, r.reason])).toEqual([
      [CAPPED, 'weekly_cap'],
      [SERVICE_ONLY, 'no_marketing_consent'],
    ]);
    expect(preview.sample).toBe('Hallo Anna, 10 % auf Helme!');

    const created = await call<{ id: string; recipients: string[] }>(app, 'announcements.create', { text: 'Hallo {name}, 10 % auf Helme!' });
    expect(created.recipients).toEqual([SUB_A, SUB_STOP]);
    const sending = await call<AnnouncementView>(app, 'announcements.send', { id: created.id });
    expect(sending.state).toBe('sending');
    await tick(app);
    expect(await view(app, created.id)).toMatchObject({ sent: 1, pending: 1 });
    await eventually(() => texts(sim, SUB_A).includes('Hallo Anna, 10 % auf Helme!'));

    // STOP while the run waits for its next step: that contact gets nothing more.
    await sim.customerSends(SUB_STOP, 'STOP');
    const done = await runToEnd(app, clock, created.id);
    expect(done).toMatchObject({ state: 'done', sent: 1, pending: 0, skipped: 3, failed: 0 });
    expect(done.skippedRecipients).toEqual(
      expect.arrayContaining([
        { phone: CAPPED, reason: 'weekly_cap' },
        { phone: SERVICE_ONLY, reason: 'no_marketing_consent' },
        { phone: SUB_STOP, reason: 'revoked' },
      ]),
    );
    expect(texts(sim, SUB_STOP).some((t) => t.includes('Helme'))).toBe(false);
    expect(texts(sim, SERVICE_ONLY).some((t) => t.includes('Helme') || t.includes('reifen'))).toBe(false);
    expect(texts(sim, CAPPED).filter((t) => t.startsWith('Neu:'))).toHaveLength(2);

    // The cap is a rolling week: seven days after the first one Carla may get news again.
    clock.advance(6 * DAY);
    const later = await call<AnnouncementPreview>(app, 'announcements.preview', { text: 'x' });
    expect(later.recipients.map((r) => r.phone)).toContain(CAPPED);
  });

  it('sends one message per interval, never as a blast; pause holds, resume continues, cancel ends', async () => {
    const { app, sim, clock } = await start();
    await call(app, 'bot.settings.update', { patch: { announcements: { weeklyCap: 2, intervalSeconds: 45, jitter: 0 } } });
    for (const p of ['+4915100000011', '+4915100000012', '+4915100000013', '+4915100000014']) await customer(app, sim, p, true);
    const { id } = await call<{ id: string }>(app, 'announcements.create', { text: 'Sonntag verkaufsoffen' });
    await call(app, 'announcements.send', { id });
    await tick(app);
    expect((await view(app, id)).sent).toBe(1);
    clock.advance(44_999);
    await tick(app);
    expect((await view(app, id)).sent).toBe(1);
    clock.advance(1);
    await tick(app);
    expect((await view(app, id)).sent).toBe(2);

    await call(app, 'announcements.pause', { id });
    clock.advance(10 * 60_000);
    await tick(app);
    expect(await view(app, id)).toMatchObject({ state: 'paused', sent: 2 });
    await call(app, 'announcements.resume', { id });
    await tick(app);
    expect((await view(app, id)).sent).toBe(3);
    await call(app, 'announcements.cancel', { id });
    clock.advance(10 * 60_000);
    await tick(app);
    expect(await view(app, id)).toMatchObject({ state: 'cancelled', sent: 3, pending: 1 });
    const second = await app.dispatch('announcements.send', { id });
    expect(!second.ok && second.error.code).toBe('conflict');
  });

  it('with sendAt waits for its time, then runs by itself', async () => {
    const { app, sim, clock } = await start();
    await customer(app, sim, SUB_A, true);
    const sendAt = new Date(clock.now() + 3_600_000).toISOString();
    const { id } = await call<{ id: string }>(app, 'announcements.create', { text: 'Heute Abend: Werkstattabend', sendAt });
    expect((await view(app, id)).state).toBe('scheduled');
    await tick(app);
    expect((await view(app, id)).sent).toBe(0);
    clock.advance(3_600_000);
    await tick(app);
    expect(await view(app, id)).toMatchObject({ state: 'done', sent: 1 });
    const past = await app.dispatch('announcements.create', { text: 'x', sendAt: new Date(clock.now() - 1000).toISOString() });
    expect(!past.ok && past.error).toMatchObject({ code: 'validation', field: 'sendAt' });
  });

  it('the send gate refuses an announcement to a contact without marketing consent', async () => {
    const { app, sim } = await start();
    const contactId = await customer(app, sim, SERVICE_ONLY, false);
    let err: unknown;
    try {
      app.context.messaging.send({ contactId, text: 'Angebot', purpose: 'marketing', kind: 'announcement', author: 'system' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'consent_required', reason: 'no_marketing_consent' });
  });
});
