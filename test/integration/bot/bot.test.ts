import { describe, expect, it } from 'vitest';
import type { CreatedApp } from '../../../main/app';
import type { BotConversationView, BotSettings, CaseView, InboxItem } from '../../../main/contract';
import type { MediaSimulator } from '../../helpers/media-sim';
import { call, useShopApp } from '../../helpers/shop-app';
import { eventually, ManualClock } from '../../helpers/temp-dir';

const PHONE = '+4915112345678';
const OTHER = '+4915798765432';
const MINUTE = 60_000;
const PREFIX = '🤖 Automatische Antwort:';
const startShop = useShopApp();

/** Monday 2 Nov 2026, 10:00 in Berlin: the shop is open. */
async function start(clock = new ManualClock()) {
  const { app, sim } = await startShop(clock);
  // The bot and the away message are off until the shop switches them on.
  const current = await call<{ away: Record<string, unknown> }>(app, 'bot.settings', {});
  await call(app, 'bot.settings.update', { patch: { enabled: true, away: { ...current.away, enabled: true } } });
  const events: { event: string; payload: unknown }[] = [];
  app.subscribe((event, payload) => events.push({ event, payload }));
  return { app, sim, clock, events };
}

const outTexts = (sim: MediaSimulator, phone = PHONE) => sim.phone(phone).filter((m) => m.direction === 'out').map((m) => m.text ?? '');

async function consentedCustomer(a: CreatedApp, sim: MediaSimulator, phone = PHONE) {
  await sim.customerSends(phone, 'START');
  await sim.customerSends(phone, 'JA');
  await eventually(() => outTexts(sim, phone).length === 2);
  return a.context.store.contacts.byId(a.context.store.contacts.byPhone(phone)!.id)!.id;
}

/** Sends as the customer and waits until the shop's side has answered n messages in total. */
async function ask(sim: MediaSimulator, text: string, expectOut: number, phone = PHONE) {
  await sim.customerSends(phone, text);
  await eventually(() => outTexts(sim, phone).length >= expectOut);
  return outTexts(sim, phone);
}

/**
 * How many messages the shop has written to this customer (queued or sent).
 * The bot answers inside the committed receive, so after customerSends
 * resolved, a missing answer is missing for good.
 */
function shopMessages(a: CreatedApp, phone = PHONE): number {
  const contact = a.context.store.contacts.byPhone(phone)!;
  const row = a.context.store.db
    .prepare(`SELECT count(*) AS n FROM messages m JOIN conversations v ON v.id = m.conversation_id WHERE v.contact_id = ? AND m.direction = 'out'`)
    .get(contact.id) as { n: number };
  return row.n;
}

describe('the hybrid bot through the simulator', () => {
  it('answers two questions with the prefix, hands over at "Mitarbeiter bitte", then stays silent until resolved', async () => {
    const { app, sim, events } = await start();
    const contactId = await consentedCustomer(app, sim);

    let out = await ask(sim, 'Wie sind eure Öffnungszeiten?', 3);
    expect(out[2]).toBe(`${PREFIX} Unsere Öffnungszeiten: Mo–Fr 09:00–18:00, Sa 10:00–14:00.`);
    out = await ask(sim, 'wo kann man parken', 4);
    expect(out[3]!.startsWith(PREFIX)).toBe(true);
    expect(out[3]).toContain('Parkplätze');
    const botMessages = app.context.store.db.prepare(`SELECT author FROM messages WHERE direction = 'out' AND body LIKE '🤖%'`).all() as { author: string }[];
    expect(botMessages.map((m) => m.author)).toEqual(['bot', 'bot']);

    out = await ask(sim, 'Mitarbeiter bitte', 5);
    expect(out[4]).toMatch(/^🤖 Automatische Antwort: Ich gebe Sie an unser Team weiter\..*heute bis 18:00 Uhr/);
    const item = await call<InboxItem>(app, 'conversations.get', { contactId });
    expect(item).toMatchObject({ status: 'open', assigneeId: null });
    expect(await call<BotConversationView>(app, 'bot.conversation', { contactId })).toMatchObject({ handover: true, handoverReason: 'requested' });
    expect(events.find((e) => e.event === 'bot.handover')?.payload).toMatchObject({ contactId, reason: 'requested' });

    await sim.customerSends(PHONE, 'Öffnungszeiten?');
    expect(shopMessages(app)).toBe(5);

    await call(app, 'conversations.update', { contactId, status: 'resolved' });
    expect((await call<BotConversationView>(app, 'bot.conversation', { contactId })).handover).toBe(false);
    out = await ask(sim, 'Adresse?', 6);
    expect(out[5]).toBe(`${PREFIX} Sie finden uns hier: Hauptstraße 5, 10115 Berlin.`);
  });

  it('two messages in a row it cannot answer hand over; an answered one in between resets the count', async () => {
    const { app, sim } = await start();
    const contactId = await consentedCustomer(app, sim);
    await sim.customerSends(PHONE, 'Habt ihr das rote Modell noch?');
    expect(shopMessages(app)).toBe(2);
    await ask(sim, 'Öffnungszeiten', 3);
    await sim.customerSends(PHONE, 'Und in Größe M?');
    expect(shopMessages(app)).toBe(3);
    const out = await ask(sim, 'Hallo??', 4);
    expect(out[3]).toContain('Ich gebe Sie an unser Team weiter');
    expect(await call<BotConversationView>(app, 'bot.conversation', { contactId })).toMatchObject({ handover: true, handoverReason: 'unanswered' });
  });

  it('keeps quiet while staff wrote in the last 30 minutes', async () => {
    const { app, sim, clock } = await start();
    const contactId = await consentedCustomer(app, sim);
    await call(app, 'messages.send', { contactId, text: 'Hallo, Ihr Rad ist fast fertig.' });
    await eventually(() => outTexts(sim).length === 3);
    clock.advance(29 * MINUTE);
    await sim.customerSends(PHONE, 'Öffnungszeiten?');
    expect(shopMessages(app)).toBe(3);
    clock.advance(2 * MINUTE);
    const out = await ask(sim, 'Öffnungszeiten?', 4);
    expect(out[3]!.startsWith(PREFIX)).toBe(true);
  });

  it('looks up the status of the customer\'s own case and says "nicht gefunden" for another number\'s case', async () => {
    const { app, sim } = await start();
    await consentedCustomer(app, sim);
    await consentedCustomer(app, sim, OTHER);
    const own = await call<CaseView>(app, 'cases.create', { type: 'repair', phone: PHONE, title: 'Rennrad' });
    const foreign = await call<CaseView>(app, 'cases.create', { type: 'repair', phone: OTHER, title: 'Lastenrad, Herr Geheim' });

    let out = await ask(sim, `Was ist mit ${own.number.toLowerCase()}?`, 3);
    expect(out[2]).toBe(`${PREFIX} Ihr Vorgang ${own.number} (Rennrad): Status „angenommen“.`);
    out = await ask(sim, 'Status?', 4);
    expect(out[3]).toContain(own.number);

    out = await ask(sim, `Status ${foreign.number}`, 5);
    expect(out[4]).toBe(`${PREFIX} Den Vorgang ${foreign.number} haben wir zu Ihrer Nummer nicht gefunden.`);
    expect(out.join('\n')).not.toContain('Lastenrad');
    expect(out[4]).not.toContain('angenommen');
  });

  it('at night sends the away message with the next opening time once per closed period, and still answers', async () => {
    // Monday 2 Nov 2026, 22:00 in Berlin.
    const clock = new ManualClock(Date.UTC(2026, 10, 2, 21, 0));
    const { app, sim } = await start(clock);
    await consentedCustomer(app, sim);
    const out = await ask(sim, 'Wo seid ihr?', 4);
    expect(out[2]).toBe(
      `${PREFIX} Wir haben gerade geschlossen. Ab Dienstag, 3. November 2026, 09:00 Uhr sind wir wieder für Sie da. Unsere Öffnungszeiten: Mo–Fr 09:00–18:00, Sa 10:00–14:00.`,
    );
    expect(out[3]).toContain('Hauptstraße 5');
    clock.advance(30 * MINUTE);
    expect((await ask(sim, 'Parkplatz?', 5)).filter((t) => t.includes('geschlossen'))).toHaveLength(1);
    // The next evening is a new closed period.
    clock.advance(24 * 60 * MINUTE);
    const next = await ask(sim, 'Parken?', 7);
    expect(next.filter((t) => t.includes('geschlossen'))).toHaveLength(2);
    expect(next[5]).toContain('Mittwoch, 4. November 2026, 09:00 Uhr');
  });

  it('a hand-over at night names the next opening time', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 7, 20, 0)); // Saturday 21:00 Berlin
    const { app, sim } = await start(clock);
    await consentedCustomer(app, sim);
    const out = await ask(sim, 'Ich möchte mit einem Menschen sprechen', 3);
    expect(out[2]).toBe(`${PREFIX} Ich gebe Sie an unser Team weiter. Eine Mitarbeiterin oder ein Mitarbeiter antwortet Ihnen ab Montag, 9. November 2026, 09:00 Uhr.`);
    expect(shopMessages(app)).toBe(3);
  });

  it('never speaks before service consent, never answers a consent word, and is silent when switched off', async () => {
    const { app, sim } = await start();
    await sim.customerSends(PHONE, 'Öffnungszeiten?');
    expect(shopMessages(app)).toBe(1); // only the consent request
    expect(outTexts(sim).some((t) => t.startsWith('🤖'))).toBe(false);
    await sim.customerSends(PHONE, 'JA');
    expect(shopMessages(app)).toBe(2);
    expect(outTexts(sim).some((t) => t.startsWith('🤖'))).toBe(false);

    await call(app, 'bot.settings.update', { patch: { enabled: false } });
    await sim.customerSends(PHONE, 'Öffnungszeiten?');
    expect(shopMessages(app)).toBe(2);
  });

  it('refuses an empty prefix or answer and keeps the settings; an edited prefix is used', async () => {
    const { app, sim } = await start();
    const r = await app.dispatch('bot.settings.update', { patch: { prefix: { de: '  ', en: '🤖 Automatic reply:' } } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'validation' });
    expect(!r.ok && r.error.field).toMatch(/prefix\.de$/);
    const s = await call<BotSettings>(app, 'bot.settings', {});
    expect(s.prefix.de).toBe(PREFIX);
    const rules = s.rules.map((x) => (x.id === 'hours' ? { ...x, answer: { ...x.answer, de: '' } } : x));
    expect((await app.dispatch('bot.settings.update', { patch: { rules } })).ok).toBe(false);

    await call(app, 'bot.settings.update', { patch: { prefix: { de: '[Bot]', en: '[Bot]' } } });
    await consentedCustomer(app, sim);
    const out = await ask(sim, 'Öffnungszeiten', 3);
    expect(out[2]!.startsWith('[Bot] Unsere')).toBe(true);
  });
});
