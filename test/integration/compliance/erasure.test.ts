import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type CreatedApp } from '../../../main/app';
import type { SimulatorChannel } from '../../../main/channels/simulator';
import { DB_FILE_NAME } from '../../../main/store';
import { newSession, type Session } from '../../../main/core/session';
import { JOURNAL_FILE_NAME, SALT_FILE_NAME } from '../../../main/core/compliance';
import { findOnDisk } from '../../helpers/disk-search';
import { eventually, ManualClock, silentLogger, useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const PHONE = '+4915112345678';
const DIGITS = '4915112345678';
const NAME = 'Waltraud Quirinius';
const WORD = 'Zwetschgenkuchenrezept';
const OTHER = '+4917699887766';
// A PNG whose bytes carry a marker of their own, so the media folder can be searched for it.
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('0000000d4944415478da63f8cfc0f01f0005000201a5f0a4f50000000049454e44ae426082', 'hex'),
  Buffer.from('MEDIAMARKERQ7', 'latin1'),
]);

let app: CreatedApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  owner = undefined;
});

let owner: Session | undefined;
/** Calls as the owner (a manager profile with its PIN set). */
async function call(a: CreatedApp, method: string, input: unknown): Promise<unknown> {
  if (!owner) {
    owner = newSession();
    const list = (await a.dispatch('profiles.list', {}, owner)) as { value: { id: number }[] };
    await a.dispatch('profiles.switch', { profileId: list.value[0]!.id, newPin: '2468' }, owner);
  }
  return a.dispatch(method, input, owner);
}

async function ok<T>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** A contact with consent, messages both ways, a file, a note, a name and a case; and a second contact who stays. */
async function populated() {
  const dir = tempDir();
  const clock = new ManualClock();
  app = await createApp({ dataDir: dir, demo: true, logger: silentLogger, clock });
  const sim = app.channel as SimulatorChannel;
  await sim.customerSends(PHONE, 'START');
  await sim.customerSends(PHONE, 'JA');
  await sim.customerSends(PHONE, `Mein ${WORD} für Sonntag`);
  await sim.customerSends(PHONE, { text: 'Foto', media: { data: PNG, mime: 'image/png', fileName: 'rad.png' } });
  await sim.customerSends(OTHER, 'START');
  await sim.customerSends(OTHER, 'JA');
  await sim.customerSends(OTHER, 'Hallo, ist mein Rad fertig?');
  const id = app.context.store.contacts.byPhone(PHONE)!.id;
  await ok(call(app, 'contacts.rename', { contactId: id, name: NAME }));
  await ok(call(app, 'notes.add', { contactId: id, text: `Kundin fragt nach ${WORD}` }));
  await ok(call(app, 'messages.send', { contactId: id, text: `Danke für das ${WORD}!` }));
  await ok(call(app, 'cases.create', { type: 'repair', phone: PHONE, title: `Rad von ${NAME}` }));
  await eventually(() => sim.phone(PHONE).filter((m) => m.direction === 'out').length >= 3);
  return { dir, app, sim, id, clock };
}

describe('erasure (GDPR Art. 17)', () => {
  it('leaves the number, the name and their words nowhere on disk: database, WAL, search index, media folder', async () => {
    const { dir, app, sim, id } = await populated();
    const needles = [PHONE, DIGITS, NAME, 'Quirinius', WORD, 'MEDIAMARKERQ7'];
    // Before: the data is there (the search below can find it).
    app.context.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(findOnDisk(dir, needles).length).toBeGreaterThan(0);

    const erased = await ok<{ erased: boolean; chatDeleted: boolean | null }>(call(app, 'compliance.erase', { contactId: id }));
    expect(erased).toEqual({ erased: true, chatDeleted: true });
    expect(sim.phone(PHONE)).toEqual([]);

    const db = app.context.store.db;
    expect(db.prepare(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?`).all(WORD.toLowerCase())).toEqual([]);
    expect(db.prepare(`SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?`).all('quirinius')).toEqual([]);
    expect(db.prepare(`SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?`).all(`"${DIGITS}"`)).toEqual([]);
    // The WAL was checkpointed and truncated by the erasure; what it holds now are later writes (the
    // access-log entry of the erasure itself, which names no one) — the byte search below covers it.
    const wal = join(dir, `${DB_FILE_NAME}-wal`);
    expect(existsSync(wal)).toBe(true);
    expect(findOnDisk(dir, needles)).toEqual([]);

    // The other customer is untouched, and the chain (with anonymous stubs) still verifies.
    expect(app.context.store.contacts.byPhone(OTHER)).toBeDefined();
    expect(app.consent.verify()).toMatchObject({ ok: true, problems: [] });
    const stubs = db.prepare('SELECT count(*) FROM consent_events WHERE contact_id IS NULL').pluck().get();
    expect(stubs).toBe(2);
    expect(db.prepare('SELECT count(*) FROM consent_event_personal').pluck().get()).toBe(2);

    // Still nowhere after the app closed (its last checkpoint).
    await app.close();
    expect(findOnDisk(dir, needles)).toEqual([]);
    expect(statSync(join(dir, SALT_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, JOURNAL_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, JOURNAL_FILE_NAME), 'utf8')).toMatch(/"kind":"erasure","phoneHash":"[0-9a-f]{64}"/);
  });

  it('refuses an import of the erased number with a clear reason, yet the customer can opt in again by writing START', async () => {
    const { app, sim, id } = await populated();
    await ok(call(app, 'compliance.erase', { contactId: id }));
    const csv = `phone,purpose,source,reference,date\n${PHONE},service,paper_form,Formular 12,2026-01-05\n`;
    const result = await ok<{ imported: number; errors: { line: number; message: string }[] }>(call(app, 'consent.import', { csv }));
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual([{ line: 2, message: expect.stringContaining('Art. 17') }]);
    expect(app.context.store.contacts.byPhone(PHONE)).toBeUndefined();

    await sim.customerSends(PHONE, 'START');
    const again = app.context.store.contacts.byPhone(PHONE)!;
    expect(again.id).not.toBe(id);
    expect(app.consent.state(again.id, 'service')).toBe('requested');
    expect(app.consent.verify().ok).toBe(true);
  });

  it('a contact under legal hold cannot be erased until the hold is lifted', async () => {
    const { app, id } = await populated();
    const held = await ok<{ legalHold: { reason: string } | null }>(call(app, 'compliance.setLegalHold', { contactId: id, hold: true, reason: 'Gewährleistungsstreit' }));
    expect(held.legalHold).toMatchObject({ reason: 'Gewährleistungsstreit' });
    const refused = (await call(app, 'compliance.erase', { contactId: id })) as { ok: boolean; error: { code: string; reason: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'legal_hold' } });
    expect(app.context.store.contacts.byId(id)).toBeDefined();
    await ok(call(app, 'compliance.setLegalHold', { contactId: id, hold: false }));
    await ok(call(app, 'compliance.erase', { contactId: id }));
    expect(app.context.store.contacts.byId(id)).toBeUndefined();
  });

  it('a tampered personal field (the customer\'s words) is found by the chain check', async () => {
    const { app } = await populated();
    const db = app.context.store.db;
    db.exec('DROP TRIGGER consent_event_personal_no_update');
    db.prepare(`UPDATE consent_event_personal SET words = 'NEIN' WHERE words = 'JA'`).run();
    const check = app.consent.verify();
    expect(check.ok).toBe(false);
    expect(check.problems[0]?.problem).toMatch(/Persönliche Angaben/);
  });

  it('the database refuses to delete a living contact\'s proof fields or relink a stub', async () => {
    const { app } = await populated();
    const db = app.context.store.db;
    expect(() => db.prepare('DELETE FROM consent_event_personal').run()).toThrow(/only by an erasure/);
    expect(() => db.prepare('UPDATE consent_events SET contact_id = contact_id + 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consent_events').run()).toThrow(/append-only/);
  });
});
