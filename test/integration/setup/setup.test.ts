import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { newSession } from '../../../main/core/session';
import { DEFAULT_OPENING_HOURS } from '../../../main/contract';
import { eventually, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const open: CreatedApp[] = [];
afterEach(async () => {
  for (const a of open.splice(0)) await a.close();
});

async function start(dataDir = tempDir(), setupDefault: 'completed' | 'derive' = 'derive') {
  const app = await createApp({ dataDir, demo: true, logger: silentLogger, setupDefault });
  open.push(app);
  return app;
}

type Envelope = { ok: boolean; value?: unknown; error?: { code: string; field?: string; reason?: string } };
const state = async (app: CreatedApp) => ((await app.dispatch('setup.state', {})) as { value: { completed: boolean; done: string[]; missing: string[]; logo: string | null } }).value;

const SHOP = { step: 'shop', name: 'Radhaus Lindner', address: 'Hauptstr. 5, 10115 Berlin', phone: '030 1234567', privacyUrl: 'https://radhaus.example/datenschutz' };
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAAO0lEQVR4nGPQqLBBQ88wEDFqGEYNoqNB5GnDVDNqED0NomI6OoGGnmEgYtSMGkSEQeRpw1QzahAdDQIAaixVTr0aKvMAAAAASUVORK5CYII=',
  'base64',
);

describe('the first-run wizard in main', () => {
  it('tests and the demo start with the set-up completed; a fresh install has every step to do', async () => {
    expect(await state(await start(tempDir(), 'completed'))).toMatchObject({ completed: true, missing: [] });
    const fresh = await state(await start());
    expect(fresh).toMatchObject({ completed: false, done: [] });
    expect(fresh.missing).toEqual(['shop', 'hours', 'manager', 'consent', 'line', 'poster']);
  });

  it('bad input names its field and saves nothing', async () => {
    const app = await start();
    const before = (await app.dispatch('settings.get', {})) as { value: unknown };
    const cases: [unknown, string][] = [
      [{ ...SHOP, privacyUrl: 'http://radhaus.example/datenschutz' }, 'privacyUrl'],
      [{ ...SHOP, address: 'Hauptstr. 5<script>alert(1)</script>' }, 'address'],
      [{ ...SHOP, privacyUrl: 'javascript:alert(1)' }, 'privacyUrl'],
      [{ ...SHOP, phone: 'abc' }, 'shop.phone'],
      [{ ...SHOP, logo: { base64: Buffer.from('<svg onload=alert(1)>').toString('base64') } }, 'logo'],
      [{ step: 'hours', openingHours: { ...DEFAULT_OPENING_HOURS, mon: [{ open: '18:00', close: '09:00' }] } }, 'openingHours.mon.0.close'],
      [{ step: 'manager', name: 'Jana', pin: '123', locale: 'de' }, 'pin'],
    ];
    for (const [input, field] of cases) {
      const r = (await app.dispatch('setup.saveStep', input)) as Envelope;
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'validation', field } });
    }
    expect((await app.dispatch('settings.get', {})) as { value: unknown }).toEqual(before);
    expect((await state(app)).done).toEqual([]);
    expect(app.context.store.profiles.all().every((p) => p.pin_hash === null)).toBe(true);
  });

  it('saves step by step, resumes after a restart, and completes only when every required step is saved', async () => {
    const dir = tempDir();
    let app = await start(dir);
    const session = newSession();
    expect(((await app.dispatch('setup.saveStep', { ...SHOP, logo: { base64: PNG.toString('base64') } }, session)) as Envelope).ok).toBe(true);
    const hours = { ...DEFAULT_OPENING_HOURS, sat: [], mon: [{ open: '10:00', close: '13:00' }, { open: '14:00', close: '18:30' }] };
    expect(((await app.dispatch('setup.saveStep', { step: 'hours', openingHours: hours }, session)) as Envelope).ok).toBe(true);
    const early = (await app.dispatch('setup.complete', {})) as Envelope;
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'setup_incomplete', field: 'manager' } });

    // Closed half-way: the next start resumes at the manager step with everything saved so far.
    await app.close();
    open.splice(0);
    app = await start(dir);
    const resumed = await state(app);
    expect(resumed.done).toEqual(['shop', 'hours']);
    expect(resumed.missing[0]).toBe('manager');
    expect(resumed.logo).toMatch(/^data:image\/png;base64,/);
    const settings = ((await app.dispatch('settings.get', {})) as { value: { shop: Record<string, unknown> } }).value;
    expect(settings.shop).toMatchObject({ name: 'Radhaus Lindner', phone: '+49301234567', privacyUrl: SHOP.privacyUrl, openingHours: hours });

    expect(((await app.dispatch('setup.saveStep', { step: 'manager', name: 'Jana Lindner', pin: '4711', locale: 'en' }, session)) as Envelope).ok).toBe(true);
    const manager = app.context.store.profiles.all().find((p) => p.role === 'manager')!;
    expect(manager).toMatchObject({ name: 'Jana Lindner', must_set_pin: 0 });
    expect(await app.context.profiles.verifyPin(manager.pin_hash!, '4711')).toBe(true);
    expect(session.profileId).toBe(manager.id);
    expect(((await app.dispatch('ui.getLocale', {})) as { value: { locale: string } }).value.locale).toBe('en');

    expect(((await app.dispatch('setup.saveStep', { step: 'consent', quarantineHours: 48, customerLocale: 'de' })) as Envelope).ok).toBe(true);
    expect(((await app.dispatch('setup.saveStep', { step: 'line', choice: 'demo' })) as Envelope).ok).toBe(true);
    const done = (await app.dispatch('setup.complete', {})) as { ok: boolean; value: { completed: boolean } };
    expect(done).toMatchObject({ ok: true, value: { completed: true } });
    expect(JSON.parse(readFileSync(join(dir, 'setup.json'), 'utf8'))).toMatchObject({ completed: true });

    // The customer's consent request reads the wizard's answers.
    const sim = app.channel as SimulatorChannel;
    await sim.customerSends('+4915112345678', 'Hallo');
    const request = await eventually(() => sim.phone('+4915112345678').find((m) => m.direction === 'out'));
    expect(request.text).toContain('Radhaus Lindner');
    expect(request.text).toContain(SHOP.privacyUrl);
    expect(request.text).toContain('48');
  });

  it('an install from before the wizard sees only the steps its database lacks', async () => {
    const dir = tempDir();
    const old = await start(dir, 'completed');
    await old.dispatch('settings.update', { patch: { shop: { ...(await old.dispatch('settings.get', {}) as { value: { shop: object } }).value.shop, name: 'Alt', address: 'Weg 1', phone: '030 1234567', privacyUrl: 'https://alt.example/ds' } } });
    await old.close();
    open.splice(0);
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'setup.json'));
    const s = await state(await start(dir));
    expect(s.missing).toEqual(['manager']);
    // Recorded at that first start, so what the wizard saves later does not change what counts as done.
    expect(existsSync(join(dir, 'setup.json'))).toBe(true);
  });
});

describe('staff start links', () => {
  it('START plus the staff code: the opt-in as for anyone, and the conversation is that employee’s', async () => {
    const app = await start(tempDir(), 'completed');
    await app.dispatch('settings.update', { patch: { shop: { ...(await app.dispatch('settings.get', {}) as { value: { shop: object } }).value.shop, phone: '+49301234567' } } });
    const staff = app.context.store.profiles.create({ name: 'Mia', color: '#00aa00', role: 'staff', pinHash: null, now: Date.now() });
    const r = (await app.dispatch('staff.startLink', { profileId: staff.id })) as { value: { code: string; text: string; link: string; share: string } };
    expect(r.value.code).toMatch(/^[A-Z][2-9][A-Z]$/);
    expect(r.value.text).toBe(`START ${r.value.code}`);
    expect(r.value.link).toBe(`https://wa.me/49301234567?text=START%20${r.value.code}`);
    expect(r.value.share).toContain(r.value.link);
    // The same code every time.
    expect(((await app.dispatch('staff.startLink', { profileId: staff.id })) as { value: { code: string } }).value.code).toBe(r.value.code);

    const sim = app.channel as SimulatorChannel;
    const phone = '+4915199990000';
    await sim.customerSends(phone, r.value.text.toLowerCase());
    const contact = app.context.store.contacts.byPhone(phone)!;
    // No consent carried over: a request, nothing granted yet.
    expect(app.consent.state(contact.id, 'service')).toBe('requested');
    const conversationId = app.context.store.messages.conversationIdOf(contact.id)!;
    const assignee = () => (app.context.store.db.prepare('SELECT assignee_id FROM conversations WHERE id = ?').get(conversationId) as { assignee_id: number | null }).assignee_id;
    expect(assignee()).toBe(staff.id);
    await sim.customerSends(phone, 'JA');
    expect(app.consent.state(contact.id, 'service')).toBe('granted');
    expect(assignee()).toBe(staff.id);

    const card = (await app.dispatch('staff.startCard', { profileId: staff.id })) as { ok: boolean; value: { pdfBase64: string } };
    expect(card.ok).toBe(true);
    expect(Buffer.from(card.value.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('an unknown code assigns nobody, and the message is still a START', async () => {
    const app = await start(tempDir(), 'completed');
    const sim = app.channel as SimulatorChannel;
    await sim.customerSends('+4915199990001', 'START Q9Z');
    const contact = app.context.store.contacts.byPhone('+4915199990001')!;
    const conversationId = app.context.store.messages.conversationIdOf(contact.id)!;
    expect((app.context.store.db.prepare('SELECT assignee_id FROM conversations WHERE id = ?').get(conversationId) as { assignee_id: number | null }).assignee_id).toBeNull();
  });
});

describe('the guided demo', () => {
  it('four customers write through the simulator: consent rules apply (the one who wrote STOP is revoked)', async () => {
    const app = await start(tempDir(), 'completed');
    expect(await app.dispatch('demo.start', {})).toMatchObject({ ok: true, value: { customers: 4 } });
    const states = app.context.store.contacts
      .byPhone('+4915730010004');
    expect(app.consent.state(states!.id, 'service')).toBe('revoked');
    const photo = app.context.store.contacts.byPhone('+4915730010003')!;
    expect(app.consent.state(photo.id, 'service')).toBe('granted');
  });
});
