import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { eventually, ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';
import { counter } from '../../helpers/staff';

const tempDir = useTempDirs();
const PHONE = '+4915112345678';
const HOUR = 3_600_000;
let app: CreatedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(clock = new ManualClock()) {
  app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock });
  const sim = app.channel as SimulatorChannel;
  const events: { event: string; payload: unknown }[] = [];
  app.subscribe((event, payload) => events.push({ event, payload }));
  return { app, sim, clock, events };
}

const contactId = (a: CreatedApp) => a.context.store.contacts.byPhone(PHONE)!.id;
const outTexts = (sim: SimulatorChannel) => sim.phone(PHONE).filter((m) => m.direction === 'out').map((m) => m.text);
const visible = async (a: CreatedApp) => {
  const r = await a.dispatch('messages.list', { contactId: contactId(a) });
  return (r as { value: { body: string; direction: string }[] }).value;
};

describe('double opt-in through the simulator', () => {
  it('START → request, JA → granted + confirmation, staff may chat, STOP → one final confirmation and the gate locks', async () => {
    const { app, sim, events } = await start();
    await sim.customerSends(PHONE, 'START');
    const id = contactId(app);
    expect(app.consent.state(id, 'service')).toBe('requested');
    await eventually(() => outTexts(sim).length === 1);
    expect(outTexts(sim)[0]).toContain('WhatsApp Ireland');
    expect(outTexts(sim)[0]).toContain('Fahrradladen Demo');
    expect(outTexts(sim)[0]).toContain('https://example.org/datenschutz');

    // Before consent staff cannot write, and sees nothing of the customer's text.
    const early = await app.dispatch('messages.send', { contactId: id, text: 'Hallo' }, await counter(app));
    expect(early).toMatchObject({ ok: false, error: { code: 'consent_required', reason: 'consent_pending' } });
    expect((await visible(app)).some((m) => m.direction === 'in')).toBe(false);

    await sim.customerSends(PHONE, ' Ja. ');
    expect(app.consent.state(id, 'service')).toBe('granted');
    await eventually(() => outTexts(sim).length === 2);
    expect(outTexts(sim)[1]).toContain('STOP');
    // Quarantine revealed: START and JA are now visible.
    expect((await visible(app)).filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(['START', ' Ja. ']);
    expect(events.some((e) => e.event === 'consent.changed' && (e.payload as { to: string }).to === 'granted')).toBe(true);

    const ok = await app.dispatch('messages.send', { contactId: id, text: 'Ihr Rad ist fertig.' }, await counter(app));
    expect(ok.ok).toBe(true);
    await eventually(() => outTexts(sim).includes('Ihr Rad ist fertig.'));

    await sim.customerSends(PHONE, 'STOPP!! 🙏');
    expect(app.consent.state(id, 'service')).toBe('revoked');
    await eventually(() => outTexts(sim).length === 4);
    expect(outTexts(sim)[3]).toContain('Widerruf');
    const locked = await app.dispatch('messages.send', { contactId: id, text: 'Noch eine Frage' }, await counter(app));
    expect(locked).toMatchObject({ ok: false, error: { code: 'consent_required', reason: 'consent_revoked' } });

    // A second STOP sends nothing more; ordinary text gets one notice how to opt in again, once.
    await sim.customerSends(PHONE, 'STOP');
    await new Promise((r) => setTimeout(r, 100));
    expect(outTexts(sim)).toHaveLength(4);
    await sim.customerSends(PHONE, 'hallo?');
    await sim.customerSends(PHONE, 'hallo??');
    await eventually(() => outTexts(sim).length === 5);
    await new Promise((r) => setTimeout(r, 100));
    expect(outTexts(sim)).toHaveLength(5);
    expect(outTexts(sim)[4]).toContain('START');

    // A later START starts a new double opt-in (request, not grant).
    await sim.customerSends(PHONE, 'start');
    expect(app.consent.state(id, 'service')).toBe('requested');
    await eventually(() => outTexts(sim).length === 6);
    expect(app.consent.verify()).toMatchObject({ ok: true, checked: 4 });
    const history = (await app.dispatch('consent.history', { contactId: id })) as { value: { from: string; to: string; trigger: { kind: string; ref: string } }[] };
    expect(history.value.map((e) => `${e.from}>${e.to}`)).toEqual(['none>requested', 'requested>granted', 'granted>revoked', 'revoked>requested']);
    expect(history.value[0]!.trigger.ref).toMatch(/^sim-/);
  });

  it('a first message that is already JA still gets a request, never a grant', async () => {
    const { app, sim } = await start();
    await sim.customerSends(PHONE, 'JA');
    expect(app.consent.state(contactId(app), 'service')).toBe('requested');
  });

  it('20 messages before consent → exactly one consent request and one clarifying reply, never more', async () => {
    const { app, sim, clock } = await start();
    for (let i = 0; i < 20; i++) {
      await sim.customerSends(PHONE, `Frage ${i}`);
      clock.advance(60_000);
    }
    await eventually(() => outTexts(sim).length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(outTexts(sim)).toHaveLength(2);
    expect(outTexts(sim)[1]).toMatch(/^Bitte antworten Sie mit JA/);
    clock.advance(24 * HOUR);
    await sim.customerSends(PHONE, 'Hallo??');
    await new Promise((r) => setTimeout(r, 100));
    expect(outTexts(sim)).toHaveLength(2);
    const c = (await app.dispatch('contacts.get', { contactId: contactId(app) })) as { value: { quarantined: number } };
    expect(c.value.quarantined).toBe(21);
  });

  it('marketing has its own double opt-in; STOP NEWSLETTER revokes only marketing', async () => {
    const { app, sim } = await start();
    await sim.customerSends(PHONE, 'START');
    await sim.customerSends(PHONE, 'ja');
    const id = contactId(app);
    const ann = await app.dispatch('messages.send', { contactId: id, text: 'Angebot', purpose: 'marketing' }, await counter(app));
    expect(ann).toMatchObject({ ok: false, error: { reason: 'no_marketing_consent' } });
    await sim.customerSends(PHONE, 'Newsletter!');
    expect(app.consent.state(id, 'marketing')).toBe('requested');
    await sim.customerSends(PHONE, 'YES');
    expect(app.consent.state(id, 'marketing')).toBe('granted');
    expect((await app.dispatch('messages.send', { contactId: id, text: 'Angebot', purpose: 'marketing' }, await counter(app))).ok).toBe(true);
    await sim.customerSends(PHONE, 'stop newsletter');
    expect(app.consent.state(id, 'marketing')).toBe('revoked');
    expect(app.consent.state(id, 'service')).toBe('granted');
    expect((await app.dispatch('messages.send', { contactId: id, text: 'Service' }, await counter(app))).ok).toBe(true);
    await eventually(() => outTexts(sim).length === 7);
    expect(outTexts(sim).slice(2)).toEqual([
      expect.stringContaining('Neuigkeiten und Angebote'),
      expect.stringContaining('STOP NEWSLETTER'),
      'Angebot',
      expect.stringContaining('keine Neuigkeiten'),
      'Service',
    ]);
  });

  it('quarantine: unanswered messages are deleted after 72 h and the request expires', async () => {
    const { app, sim, clock } = await start();
    await sim.customerSends(PHONE, 'Haben Sie das Rad in Rot?');
    const id = contactId(app);
    clock.advance(71 * HOUR);
    expect(app.consent.sweep()).toEqual({ deletedMessages: 0, expired: 0 });
    clock.advance(2 * HOUR);
    expect(app.consent.sweep()).toEqual({ deletedMessages: 1, expired: 1 });
    expect(app.consent.state(id, 'service')).toBe('expired');
    const n = app.context.store.db.prepare("SELECT count(*) AS n FROM messages WHERE direction = 'in'").get();
    expect(n).toEqual({ n: 0 });
    expect(app.consent.history(id).at(-1)).toMatchObject({ to: 'expired', trigger: { kind: 'expiry', ref: null } });
    // Writing again starts a new request.
    await sim.customerSends(PHONE, 'Hallo');
    expect(app.consent.state(id, 'service')).toBe('requested');
  });

  it('quarantine deletion removes media nobody else references and reports it', async () => {
    const clock = new ManualClock();
    const orphaned: string[] = [];
    const a = await start(clock);
    const db = a.app.context.store.db;
    await a.sim.customerSends(PHONE, 'Foto');
    const mediaId = db.prepare("INSERT INTO media (sha256, mime, size, created_at) VALUES ('abc', 'image/jpeg', 3, 0)").run().lastInsertRowid;
    db.prepare('UPDATE messages SET media_id = ? WHERE direction = ?').run(mediaId, 'in');
    a.app.consent.onMediaOrphaned = (s) => orphaned.push(s);
    clock.advance(73 * HOUR);
    a.app.consent.sweep();
    expect(db.prepare('SELECT count(*) AS n FROM media').get()).toEqual({ n: 0 });
    expect(orphaned).toEqual(['abc']);
  });
});
