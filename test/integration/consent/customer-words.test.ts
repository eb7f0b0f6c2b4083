import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { eventually, ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';
import { counter } from '../../helpers/staff';

const tempDir = useTempDirs();
const PHONE = '+4915112345678';
const DAY = 24 * 3_600_000;
let app: CreatedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(clock = new ManualClock()) {
  app = await createApp({ dataDir: tempDir(), demo: true, logger: silentLogger, clock });
  return { app, sim: app.channel as SimulatorChannel, clock };
}
const idOf = (a: CreatedApp) => a.context.store.contacts.byPhone(PHONE)!.id;
const outTexts = (sim: SimulatorChannel) => sim.phone(PHONE).filter((m) => m.direction === 'out').map((m) => m.text);
const settle = () => new Promise((r) => setTimeout(r, 80));

async function granted(answer = 'JA') {
  const s = await start();
  await s.sim.customerSends(PHONE, 'START');
  await s.sim.customerSends(PHONE, answer);
  await eventually(() => outTexts(s.sim).length === 2);
  return s;
}

describe('revocation as customers write it (red-team cases, through the simulator)', () => {
  it.each(['Bitte STOP', 'STOP bitte', 'Stopp, keine Nachrichten mehr', 'Stopp bitte'])('%j revokes, sends one confirmation, and the gate locks', async (text) => {
    const { app, sim } = await granted();
    await sim.customerSends(PHONE, text);
    const id = idOf(app);
    expect(app.consent.state(id, 'service')).toBe('revoked');
    await eventually(() => outTexts(sim).length === 3);
    expect(outTexts(sim)[2]).toContain('Widerruf');
    const r = await app.dispatch('messages.send', { contactId: id, text: 'Ihr Rad ist fertig' }, await counter(app));
    expect(r).toMatchObject({ ok: false, error: { code: 'consent_required', reason: 'consent_revoked' } });
    await settle();
    expect(outTexts(sim)).toHaveLength(3);
    const history = (await app.dispatch('consent.history', { contactId: id })) as { value: { to: string; words: string | null }[] };
    expect(history.value.at(-1)).toMatchObject({ to: 'revoked', words: text });
  });

  it('"Hallo, bitte ENDE." revokes; "Ende der Woche abholen?" does not', async () => {
    const { app, sim } = await granted();
    await sim.customerSends(PHONE, 'Ende der Woche abholen?');
    expect(app.consent.state(idOf(app), 'service')).toBe('granted');
    await sim.customerSends(PHONE, 'Hallo, bitte ENDE.');
    expect(app.consent.state(idOf(app), 'service')).toBe('revoked');
  });

  it('a stop word in a longer message marks the conversation for staff, who record the revocation in one click', async () => {
    const { app, sim } = await granted();
    const id = idOf(app);
    await sim.customerSends(PHONE, 'Hallo, mein Rad ist noch nicht fertig und ich überlege ob ich STOP sage, was meint ihr dazu?');
    expect(app.consent.state(id, 'service')).toBe('granted');
    const c = (await app.dispatch('contacts.get', { contactId: id })) as { value: { revocationReview: { text: string } | null } };
    expect(c.value.revocationReview?.text).toContain('STOP sage');
    await app.dispatch('consent.recordRevocation', { contactId: id, method: 'in_person', recordedBy: 'Anna', note: 'am Tresen gesagt' });
    expect(app.consent.state(id, 'service')).toBe('revoked');
    const after = (await app.dispatch('contacts.get', { contactId: id })) as { value: { revocationReview: unknown } };
    expect(after.value.revocationReview).toBeNull();
  });

  it('STOP NEWSLETTER ends only marketing', async () => {
    const { app, sim } = await granted();
    const id = idOf(app);
    await sim.customerSends(PHONE, 'Newsletter');
    await sim.customerSends(PHONE, 'Ja gerne');
    expect(app.consent.state(id, 'marketing')).toBe('granted');
    await sim.customerSends(PHONE, 'Bitte keinen Newsletter mehr');
    expect(app.consent.state(id, 'marketing')).toBe('revoked');
    expect(app.consent.state(id, 'service')).toBe('granted');
  });

  it('staff record a revocation given by phone: who, how, when, a note; one confirmation; never a grant', async () => {
    const { app, sim, clock } = await granted();
    const id = idOf(app);
    const at = new Date(clock.now() - 3_600_000).toISOString();
    const r = (await app.dispatch('consent.recordRevocation', { contactId: id, method: 'phone', at, recordedBy: 'Ben', note: 'rief an' })) as {
      ok: boolean;
      value: { to: string; trigger: { kind: string }; method: string; actorName: string; actorProfileId: null; note: string; occurredAt: string }[];
    };
    expect(r.ok).toBe(true);
    expect(r.value.at(-1)).toMatchObject({ to: 'revoked', trigger: { kind: 'staff' }, method: 'phone', actorName: 'Ben', actorProfileId: null, note: 'rief an', occurredAt: at });
    await eventually(() => outTexts(sim).length === 3);
    // Recording again changes nothing and sends nothing.
    await app.dispatch('consent.recordRevocation', { contactId: id, method: 'letter', recordedBy: 'Ben' });
    await settle();
    expect(outTexts(sim)).toHaveLength(3);
    const future = await app.dispatch('consent.recordRevocation', { contactId: id, method: 'letter', recordedBy: 'Ben', at: new Date(clock.now() + DAY).toISOString() });
    expect(future).toMatchObject({ ok: false, error: { code: 'validation', field: 'at' } });
    expect(app.consent.verify().ok).toBe(true);
  });
});

describe('grants are unambiguous', () => {
  it.each(['Ja gerne 👍', 'ja, ich stimme zu', 'Jaaa', 'Einverstanden', 'Yes please', 'Ja.', 'JA!', 'ok'])('%j grants', async (answer) => {
    const { app } = await granted(answer);
    expect(app.consent.state(idOf(app), 'service')).toBe('granted');
  });

  it('YES sets the contact to English; JA to German; staff can change it', async () => {
    const { app, sim } = await granted('Yes please');
    const id = idOf(app);
    expect(app.context.store.contacts.byId(id)!.locale).toBe('en');
    expect(outTexts(sim)[1]).toMatch(/^Thank you/);
    await app.dispatch('consent.setLocale', { contactId: id, locale: 'de' });
    expect(app.context.store.contacts.byId(id)!.locale).toBe('de');
  });

  it('settings refuse "Nein danke" as a confirm word; "Hallo" then "Nein danke" never grants', async () => {
    const { app, sim } = await start();
    const s = (await app.dispatch('settings.get', {})) as { value: { keywords: { de: { confirm: string[] } } } };
    const kw = s.value.keywords;
    const r = await app.dispatch('settings.update', { patch: { keywords: { ...kw, de: { ...kw.de, confirm: [...kw.de.confirm, 'Nein danke'] } } as never } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', field: 'keywords.de.confirm' } });
    await sim.customerSends(PHONE, 'Hallo');
    await sim.customerSends(PHONE, 'Nein danke');
    const id = idOf(app);
    expect(app.consent.state(id, 'service')).toBe('requested');
    expect((await app.dispatch('messages.send', { contactId: id, text: 'Hallo' }, await counter(app))).ok).toBe(false);
  });

  it('anything else gets one clarifying reply per request, recorded as such', async () => {
    const { app, sim } = await start();
    await sim.customerSends(PHONE, 'Hallo');
    await sim.customerSends(PHONE, 'Was heißt das?');
    await sim.customerSends(PHONE, 'Hm?');
    await eventually(() => outTexts(sim).length === 2);
    await settle();
    expect(outTexts(sim)).toHaveLength(2);
    expect(outTexts(sim)[1]).toMatch(/^Bitte antworten Sie mit JA/);
    const id = idOf(app);
    const kinds = app.context.store.db
      .prepare('SELECT o.kind FROM outbox o JOIN messages m ON m.id = o.message_id JOIN conversations v ON v.id = m.conversation_id WHERE v.contact_id = ? ORDER BY o.id')
      .all(id) as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(['consent_request', 'consent_clarify']);
  });
});

describe('NEWSLETTER before consent, and after STOP', () => {
  it('NEWSLETTER before service consent is remembered; its double opt-in follows right after JA', async () => {
    const { app, sim } = await start();
    await sim.customerSends(PHONE, 'NEWSLETTER');
    const id = idOf(app);
    expect(app.consent.state(id, 'service')).toBe('requested');
    await sim.customerSends(PHONE, 'JA');
    expect(app.consent.state(id, 'service')).toBe('granted');
    expect(app.consent.state(id, 'marketing')).toBe('requested');
    await eventually(() => outTexts(sim).length === 3);
    expect(outTexts(sim)[2]).toContain('Neuigkeiten und Angebote');
  });

  it('after STOP one notice how to opt in again, at most once per 30 days, kept for the proof', async () => {
    const { app, sim, clock } = await granted();
    await sim.customerSends(PHONE, 'STOP');
    await eventually(() => outTexts(sim).length === 3);
    await sim.customerSends(PHONE, 'Ist mein Rad fertig?');
    await sim.customerSends(PHONE, 'Hallo?');
    await eventually(() => outTexts(sim).length === 4);
    await settle();
    expect(outTexts(sim)).toHaveLength(4);
    expect(outTexts(sim)[3]).toContain('START');
    clock.advance(30 * DAY);
    await sim.customerSends(PHONE, 'Hallo nochmal');
    await eventually(() => outTexts(sim).length === 5);
    const notices = app.context.store.consent.noticesByContact(idOf(app));
    expect(notices.map((n) => n.words)).toEqual(['Ist mein Rad fertig?', 'Hallo nochmal']);
    expect(notices[0]!.sent_text).toBe(outTexts(sim)[3]);
  });
});

describe('texts bound to the settings', () => {
  it('the request names the quarantine hours from the settings and promises no bot; a contradicting text warns', async () => {
    const { app, sim } = await start();
    // The demo switches the bot on; the sentence about it belongs only to a line where it answers.
    await app.dispatch('bot.settings.update', { patch: { enabled: false } });
    await app.dispatch('settings.update', { patch: { quarantineHours: 24 } });
    await sim.customerSends(PHONE, 'Hallo');
    await eventually(() => outTexts(sim).length === 1);
    expect(outTexts(sim)[0]).toContain('nach 24 Stunden');
    expect(outTexts(sim)[0]).not.toMatch(/Bot/);
    await app.dispatch('templates.update', { key: 'consent_confirmation', locale: 'de', text: 'Danke! Wir löschen nach 72 Stunden.' });
    const r = (await app.dispatch('settings.update', { patch: { quarantineHours: 48 } })) as { value: { warnings: { key: string; problem: string }[] } };
    expect(r.value.warnings.map((w) => w.key)).toContain('consent_confirmation');
  });

  it('the shop profile has a time zone (default Europe/Berlin) and opening hours; an unknown zone is refused', async () => {
    const { app } = await start();
    const s = (await app.dispatch('settings.get', {})) as { value: { shop: { timeZone: string; openingHours: { mon: unknown[] } } } };
    expect(s.value.shop.timeZone).toBe('Europe/Berlin');
    expect(s.value.shop.openingHours.mon.length).toBeGreaterThan(0);
    const bad = await app.dispatch('settings.update', { patch: { shop: { ...s.value.shop, timeZone: 'Mars/Olympus' } } as never });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('proof', () => {
  it('shows the customer\'s own words and the exact text sent; the PDF holds them (read back with pdfjs)', async () => {
    const { app, sim } = await granted('Ja gerne 👍');
    const id = idOf(app);
    const h = (await app.dispatch('consent.history', { contactId: id })) as { value: { words: string; sentText: string; policyHash: string }[] };
    expect(h.value.map((e) => e.words)).toEqual(['START', 'Ja gerne 👍']);
    expect(h.value[0]!.sentText).toBe(outTexts(sim)[0]);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(h.value[0]!.sentText).digest('hex')).toBe(h.value[0]!.policyHash);
    await app.context.store.contacts.setName(id, 'Jörg Müller', 1);
    const pdf = (await app.dispatch('consent.proofPdf', { contactId: id })) as { ok: boolean; value: { pdfBase64: string } };
    expect(pdf.ok).toBe(true);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.from(pdf.value.pdfBase64, 'base64')) }).promise;
    let text = '';
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      text += content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('') + '\n';
    }
    expect(text).toContain('Ja gerne 👍');
    expect(text).toContain('Jörg Müller');
    expect(text).toContain('Hash-Kette geprüft: unverändert');
  });
});
