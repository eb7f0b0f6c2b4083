import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InboxCounts, InboxItem, MessageView, NoteView, ProfileView } from '@contract';
import { newSession, type Session } from '../../../main/core/session';
import { PEPPER_FILE } from '../../../main/core/profiles';
import { useTestApps, type RunningApp } from '../../helpers/running-app';
import { eventually, ManualClock, useTempDirs } from '../../helpers/temp-dir';
import { call } from '../../helpers/shop-app';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);
const PHONE = '+4915112345678';

type App = RunningApp['app'];
const fails = async (app: App, method: string, input: unknown, session?: Session) => {
  const r = await app.dispatch(method, input, session);
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
};

async function consented(app: App, phone = PHONE): Promise<InboxItem> {
  await call(app, 'sim.send', { phone, text: 'Hallo' });
  await call(app, 'sim.send', { phone, text: 'JA' });
  const item = (await call<{ items: InboxItem[] }>(app, 'inbox.list', { view: 'all' })).items.find((i) => i.phone === phone)!;
  expect(item.consent.service).toBe('granted');
  return item;
}

/** The owner sets its PIN on first use; returns a session working as the owner. */
async function asOwner(app: App): Promise<Session> {
  const session = newSession();
  const [owner] = await call<ProfileView[]>(app, 'profiles.list', {});
  await call(app, 'profiles.switch', { profileId: owner!.id, newPin: '2468' }, session);
  return session;
}

describe('the conversation workflow', () => {
  it('waiting since, previews without consent texts, pending → reopened by the customer, snooze woken by the scheduler', async () => {
    const clock = new ManualClock();
    const { app } = await startApp({ clock });
    const owner = await asOwner(app);
    const item = await consented(app);
    // The preview is the customer's own words, not the consent confirmation sent after them.
    expect(item.lastMessagePreview).toBe('JA');
    expect(item.previewAuthor).toBe('customer');
    expect(item.waitingSince).not.toBeNull();

    clock.advance(60_000);
    const sent = await call<MessageView>(app, 'messages.send', { contactId: item.id, text: 'Ihr Rad ist fertig.' }, owner);
    expect(sent).toMatchObject({ authorName: 'Inhaber', authorProfileId: expect.any(Number) });
    let now = await call<InboxItem>(app, 'conversations.get', { contactId: item.id });
    expect(now).toMatchObject({ waitingSince: null, lastMessagePreview: 'Ihr Rad ist fertig.', previewAuthorName: 'Inhaber' });

    // "waiting" is the old name of pending and still accepted.
    now = await call<InboxItem>(app, 'conversations.update', { contactId: item.id, status: 'waiting' });
    expect(now.status).toBe('pending');
    clock.advance(60_000);
    await call(app, 'sim.send', { phone: PHONE, text: 'Super, ich komme morgen' });
    now = await call<InboxItem>(app, 'conversations.get', { contactId: item.id });
    expect(now).toMatchObject({ status: 'open', waitingSince: new Date(clock.now()).toISOString() });

    const until = new Date(clock.now() + 3_600_000).toISOString();
    now = await call<InboxItem>(app, 'conversations.update', { contactId: item.id, snoozeUntil: until });
    expect(now).toMatchObject({ status: 'snoozed', snoozeUntil: until });
    expect(await fails(app, 'conversations.update', { contactId: item.id, snoozeUntil: new Date(clock.now() - 1).toISOString() })).toMatchObject({
      code: 'validation',
      field: 'snoozeUntil',
    });
    clock.advance(3_600_000);
    await app.context.scheduler.runDue();
    now = await call<InboxItem>(app, 'conversations.get', { contactId: item.id });
    expect(now).toMatchObject({ status: 'open', snoozeUntil: null });
    expect((await fails(app, 'conversations.update', { contactId: item.id, status: 'archived' })).code).toBe('validation');
  });

  it('views and counts: mine, unassigned, waiting, labels (unknown names created), consent, resolved', async () => {
    const { app } = await startApp();
    const owner = await asOwner(app);
    const a = await consented(app, '+4915111111111');
    const b = await consented(app, '+4915122222222');
    await call(app, 'sim.send', { phone: '+4915133333333', text: 'Hallo?' }); // consent requested, message held back
    const me = (await call<{ profile: ProfileView }>(app, 'profiles.current', {}, owner)).profile;

    await call(app, 'conversations.update', { contactId: a.id, assigneeId: me.id, labels: ['Reparatur', 'Eilig'] });
    await call(app, 'conversations.update', { contactId: b.id, status: 'closed' });
    const list = async (input: Record<string, unknown>) =>
      (await call<{ items: InboxItem[] }>(app, 'inbox.list', input, owner)).items.map((i) => i.phone);
    expect(await list({ view: 'mine' })).toEqual(['+4915111111111']);
    expect(await list({ view: 'unassigned' })).toEqual(['+4915133333333']);
    expect(await list({ view: 'resolved' })).toEqual(['+4915122222222']);
    expect(await list({ view: 'consent', consent: 'requested' })).toEqual(['+4915133333333']);
    const labels = await call<{ id: number; name: string; color: string }[]>(app, 'labels.list', {});
    expect(labels.map((l) => l.name)).toEqual(['Eilig', 'Reparatur']);
    expect(labels[0]!.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(await list({ view: 'label', labelId: labels[1]!.id })).toEqual(['+4915111111111']);
    expect((await fails(app, 'inbox.list', { view: 'label' })).field).toBe('labelId');

    const counts = await call<InboxCounts>(app, 'inbox.counts', {}, owner);
    expect(counts).toMatchObject({ mine: 1, unassigned: 1, all: 2, resolved: 1, pending: 0, snoozed: 0 });
    expect(counts.consent).toMatchObject({ granted: 1, requested: 1 });
    expect(counts.labels).toHaveLength(2);
    // Without a profile there is no "mine".
    expect((await fails(app, 'inbox.list', { view: 'mine' })).reason).toBe('no_profile');
    // The held-back message is never a preview.
    const held = (await call<{ items: InboxItem[] }>(app, 'inbox.list', { view: 'all', q: '015133333333' })).items[0]!;
    expect(held.lastMessagePreview).toBeNull();
  });

  it('internal notes carry the profile as author, never leave the shop, and reply-with-quote reaches the phone', async () => {
    const { app } = await startApp();
    const item = await consented(app);
    expect((await fails(app, 'notes.add', { contactId: item.id, text: 'Kunde ist Stammkunde' })).reason).toBe('no_profile');
    const owner = await asOwner(app);
    const note = await call<NoteView>(app, 'notes.add', { contactId: item.id, text: 'Kunde ist Stammkunde', author: 'Chef' }, owner).catch((e: { code: string }) => e);
    expect(note).toMatchObject({ code: 'validation' }); // no free-text author
    const ok = await call<NoteView>(app, 'notes.add', { contactId: item.id, text: 'Kunde ist Stammkunde' }, owner);
    expect(ok).toMatchObject({ authorName: 'Inhaber', text: 'Kunde ist Stammkunde' });
    expect((await call<{ items: NoteView[] }>(app, 'notes.list', { contactId: item.id })).items.map((n) => n.id)).toEqual([ok.id]);
    expect(app.context.store.db.prepare(`SELECT count(*) FROM messages WHERE body LIKE '%Stammkunde%'`).pluck().get()).toBe(0);

    const page = await call<MessageView[]>(app, 'messages.list', { contactId: item.id });
    const question = page.find((m) => m.body === 'JA')!;
    const reply = await call<MessageView>(app, 'messages.send', { contactId: item.id, text: 'Gern!', quotedMessageId: question.id }, owner);
    expect(reply).toMatchObject({ quotedMessageId: question.id, quoted: { id: question.id, body: 'JA', direction: 'in' } });
    const sim = app.context.channel as unknown as { phone(p: string): { text: string; quote?: { text: string } }[] };
    const onPhone = await eventually(() => sim.phone(PHONE).find((m) => m.text === 'Gern!'));
    expect(onPhone.quote?.text).toBe('JA');
    expect((await fails(app, 'messages.send', { contactId: item.id, text: 'x', quotedMessageId: 999_999 }, owner)).field).toBe('quotedMessageId');
  });
});

describe('staff profiles', () => {
  it('the owner sets its PIN on first use; 5 wrong PINs lock a profile for 5 minutes; the pepper file is private', async () => {
    const clock = new ManualClock();
    const dataDir = tempDir();
    const { app } = await startApp({ clock, dataDir } as never);
    const [owner] = await call<ProfileView[]>(app, 'profiles.list', {});
    expect(owner).toMatchObject({ name: 'Inhaber', role: 'manager', mustSetPin: true, hasPin: false });
    const ownerSession = newSession();
    expect((await fails(app, 'profiles.switch', { profileId: owner!.id }, ownerSession)).reason).toBe('pin_not_set');
    expect((await fails(app, 'profiles.switch', { profileId: owner!.id, newPin: '12' }, ownerSession)).field).toBe('newPin');
    await call(app, 'profiles.switch', { profileId: owner!.id, newPin: '2468' }, ownerSession);

    // Managers need a PIN; staff may have one.
    expect((await fails(app, 'profiles.create', { name: 'Chefin', color: '#123456', role: 'manager' }, ownerSession)).field).toBe('pin');
    const anna = await call<ProfileView>(app, 'profiles.create', { name: 'Anna', color: '#FF8800', role: 'staff', pin: '1357' }, ownerSession);
    expect(anna).toMatchObject({ color: '#ff8800', hasPin: true, role: 'staff' });
    // Staff cannot create profiles.
    const annaSession = newSession();
    await call(app, 'profiles.switch', { profileId: anna.id, pin: '1357' }, annaSession);
    expect((await fails(app, 'profiles.create', { name: 'X', color: '#000000', role: 'staff' }, annaSession)).reason).toBe('manager_only');

    const counter = newSession();
    for (let i = 1; i <= 4; i++) {
      expect(await fails(app, 'profiles.switch', { profileId: anna.id, pin: '0000' }, counter)).toMatchObject({ code: 'unauthorized', reason: 'pin_wrong' });
    }
    expect(await fails(app, 'profiles.switch', { profileId: anna.id, pin: '0000' }, counter)).toMatchObject({ code: 'rate_limited', reason: 'profile_locked' });
    // Locked: even the right PIN is refused, and the session stays without a profile.
    expect((await fails(app, 'profiles.switch', { profileId: anna.id, pin: '1357' }, counter)).reason).toBe('profile_locked');
    expect(counter.profileId).toBeNull();
    const listed = (await call<ProfileView[]>(app, 'profiles.list', {})).find((p) => p.id === anna.id)!;
    expect(listed.lockedUntil).toBe(new Date(clock.now() + 5 * 60_000).toISOString());
    clock.advance(5 * 60_000);
    expect((await call<ProfileView>(app, 'profiles.switch', { profileId: anna.id, pin: '1357' }, counter)).id).toBe(anna.id);
    expect(counter.profileId).toBe(anna.id);
    // The profile belongs to that session only.
    expect((await call<{ profile: ProfileView | null }>(app, 'profiles.current', {}, newSession())).profile).toBeNull();

    // A manager's PIN cannot be removed; hashes are scrypt with salt, never the PIN.
    expect((await fails(app, 'profiles.setPin', { profileId: owner!.id, currentPin: '2468', newPin: null }, ownerSession)).field).toBe('newPin');
    const hashes = app.context.store.db.prepare('SELECT pin_hash FROM profiles').pluck().all() as string[];
    for (const h of hashes) expect(h).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(hashes.join()).not.toMatch(/1357|2468/);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, PEPPER_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a profile switched over one WebSocket connection is that connection’s alone, announced to it only', async () => {
    const running = await startApp();
    const { connectWs } = await import('../../helpers/running-app');
    const first = await connectWs(running.server);
    const second = await connectWs(running.server);
    const [owner] = (await first.call('profiles.list', {})).value as ProfileView[];
    expect((await first.call('profiles.switch', { profileId: owner!.id, newPin: '2468' })).ok).toBe(true);
    expect(((await first.call('profiles.current', {})).value as { profile: ProfileView }).profile.id).toBe(owner!.id);
    expect(((await second.call('profiles.current', {})).value as { profile: ProfileView | null }).profile).toBeNull();
    await eventually(() => first.events.find((e) => e.event === 'profile.switched'));
    expect(second.events.find((e) => e.event === 'profile.switched')).toBeUndefined();
    first.close();
    second.close();
  });
});

describe('quick replies', () => {
  it('are kept per language with a unique shortcut and expand for the customer and the current profile', async () => {
    const { app } = await startApp();
    const owner = await asOwner(app);
    const item = await consented(app);
    await call(app, 'contacts.rename', { contactId: item.id, name: 'Jana Müller' });
    type QR = { id: number; shortcut: string; locale: string; text: string };
    const de = await call<QR>(app, 'quickReplies.save', { locale: 'de', shortcut: '/Fertig', text: 'Hallo {name}, Ihr Rad ist fertig. Viele Grüße, {staff}' });
    expect(de.shortcut).toBe('fertig');
    await call<QR>(app, 'quickReplies.save', { locale: 'en', shortcut: 'fertig', text: 'Hi {name}, your bike is ready.' });
    expect((await fails(app, 'quickReplies.save', { locale: 'de', shortcut: 'fertig', text: 'x' })).code).toBe('conflict');
    expect((await fails(app, 'quickReplies.save', { locale: 'de', shortcut: 'mit leerzeichen', text: 'x' })).field).toBe('shortcut');
    expect((await call<QR[]>(app, 'quickReplies.list', { locale: 'de', search: '/fer' })).map((q) => q.id)).toEqual([de.id]);
    expect(await call(app, 'quickReplies.expand', { contactId: item.id, id: de.id }, owner)).toEqual({
      text: 'Hallo Jana Müller, Ihr Rad ist fertig. Viele Grüße, Inhaber',
    });
    await call(app, 'quickReplies.save', { id: de.id, locale: 'de', shortcut: 'abholung', text: 'Abholbereit.' });
    expect((await call<QR[]>(app, 'quickReplies.list', { locale: 'de' })).map((q) => q.shortcut)).toEqual(['abholung']);
    expect(await call(app, 'quickReplies.delete', { id: de.id })).toEqual({ deleted: true });
    expect(await call<QR[]>(app, 'quickReplies.list', { locale: 'de' })).toEqual([]);
  });
});
