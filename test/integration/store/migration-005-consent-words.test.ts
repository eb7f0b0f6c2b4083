import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { migration005 } from '../../../main/store/migrations/005_consent_words';
import { migrations } from '../../../main/store/migrations';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const before = migrations.filter((m) => m.version < migration005.version);

describe('migration 005 (consent words)', () => {
  it('upgrades a database with a contact and an event; details and notices are append-only', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, before);
    db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+4915112345678', 1, 1)`).run();
    db.prepare(
      `INSERT INTO consent_events (contact_id, purpose, from_state, to_state, trigger_kind, trigger_ref, at, prev_hash, hash)
       VALUES (1, 'service', 'none', 'requested', 'message', 'x', 1, 'g', 'h')`,
    ).run();
    migrate(db, [...before, migration005]);
    expect(db.pragma('user_version', { simple: true })).toBe(migration005.version);
    expect(db.prepare('SELECT phone, locale, marketing_wish_at, revocation_review_at FROM contacts').get()).toEqual({
      phone: '+4915112345678',
      locale: null,
      marketing_wish_at: null,
      revocation_review_at: null,
    });
    db.prepare(`INSERT INTO consent_event_details (event_id, words, method) VALUES (1, 'START', 'message')`).run();
    expect(() => db.prepare(`UPDATE consent_event_details SET words = 'JA'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consent_event_details').run()).toThrow(/append-only/);
    expect(() => db.prepare(`INSERT INTO consent_event_details (event_id, method) VALUES (1, 'telepathy')`).run()).toThrow(/CHECK|UNIQUE/);
    expect(() => db.prepare(`UPDATE contacts SET locale = 'fr'`).run()).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO consent_notices (contact_id, kind, words, sent_text, policy_hash, at) VALUES (1, 'reopt_in_notice', 'Hallo', 'T', 'h', 2)`,
    ).run();
    expect(() => db.prepare(`UPDATE consent_notices SET words = 'x'`).run()).toThrow(/append-only/);
    db.close();
  });
});
