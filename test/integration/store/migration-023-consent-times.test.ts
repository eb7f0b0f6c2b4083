import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { ContactsRepo } from '../../../main/store/contacts-repo';
import { migrations } from '../../../main/store/migrations';
import { migration023 } from '../../../main/store/migrations/023_consent_times';
import { contactWithConversation } from '../../helpers/raw-rows';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const before = migrations.filter((m) => m.version < migration023.version);

let n = 0;
/** One chained event as the ledger appends it (the chain's hashes do not matter to the summary). */
function event(db: Database.Database, contact: number, purpose: 'service' | 'marketing', from: string, to: string, at: number): void {
  n++;
  db.prepare(
    `INSERT INTO consent_events (contact_id, purpose, from_state, to_state, trigger_kind, at, personal_digest, prev_hash, hash)
     VALUES (?, ?, ?, ?, 'message', ?, 'digest', 'prev', ?)`,
  ).run(contact, purpose, from, to, at, `hash-${n}`);
}

/** What the list rows computed before 023: the latest event time per purpose. */
function latest(db: Database.Database, contact: number, purpose: string): number | null {
  return db.prepare('SELECT max(at) FROM consent_events WHERE contact_id = ? AND purpose = ?').pluck().get(contact, purpose) as number | null;
}

describe('migration 023 (the conversation carries its consent times)', () => {
  it('fills in each purpose\'s latest time, and the trigger keeps it, with the state, as events are appended', () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, before);
    const { contact: anna } = contactWithConversation(db, '+4915112345678');
    const { contact: ben } = contactWithConversation(db, '+4915198765432');
    const { contact: nobody } = contactWithConversation(db, '+4915100000000');
    event(db, anna, 'service', 'none', 'requested', 1_000);
    event(db, anna, 'service', 'requested', 'granted', 2_000);
    event(db, anna, 'marketing', 'none', 'requested', 1_500);
    event(db, ben, 'service', 'none', 'requested', 3_000);

    migrate(db, migrations.filter((m) => m.version <= migration023.version));
    expect(db.pragma('user_version', { simple: true })).toBe(migration023.version);
    const repo = new ContactsRepo(db);
    const row = (id: number) => repo.rowsForContacts([id])[0]!;
    expect(row(anna)).toMatchObject({ service_state: 'granted', service_at: 2_000, marketing_state: 'requested', marketing_at: 1_500 });
    expect(row(ben)).toMatchObject({ service_state: 'requested', service_at: 3_000, marketing_at: null });
    expect(row(nobody)).toMatchObject({ service_state: 'none', service_at: null, marketing_state: 'none', marketing_at: null });

    // After the upgrade: each event moves its own purpose's state and time only.
    event(db, ben, 'marketing', 'none', 'requested', 4_000);
    event(db, anna, 'service', 'granted', 'revoked', 5_000);
    expect(row(ben)).toMatchObject({ service_state: 'requested', service_at: 3_000, marketing_state: 'requested', marketing_at: 4_000 });
    expect(row(anna)).toMatchObject({ service_state: 'revoked', service_at: 5_000, marketing_at: 1_500 });
    // An event appended with an earlier time (an imported paper consent) leaves the latest time where it was.
    event(db, ben, 'service', 'requested', 'granted', 2_500);
    expect(row(ben)).toMatchObject({ service_state: 'granted', service_at: 3_000 });

    for (const id of [anna, ben, nobody]) {
      expect(row(id).service_at).toBe(latest(db, id, 'service'));
      expect(row(id).marketing_at).toBe(latest(db, id, 'marketing'));
    }
    db.close();
  });
});
