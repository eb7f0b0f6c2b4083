import type { Migration } from './types';

/**
 * What a consent event rests on, in people's terms: the customer's own words
 * (or the note of the staff member who recorded a revocation), the exact text
 * Tresen sent, who recorded it and how. Kept beside the hash chain, append-only
 * like it. Contacts get the language they answered in, a pending NEWSLETTER
 * wish and a flag for staff when a longer message mentions a stop word.
 */
export const migration005: Migration = {
  version: 5,
  name: 'consent_words',
  up(db) {
    db.exec(`
      CREATE TABLE consent_event_details (
        event_id INTEGER PRIMARY KEY REFERENCES consent_events(id),
        words TEXT,
        sent_text TEXT,
        method TEXT CHECK (method IS NULL OR method IN ('message', 'in_person', 'phone', 'letter', 'import')),
        actor_profile_id INTEGER,
        actor_name TEXT,
        note TEXT,
        occurred_at INTEGER
      );
      CREATE TRIGGER consent_event_details_no_update BEFORE UPDATE ON consent_event_details BEGIN
        SELECT RAISE(ABORT, 'consent_event_details is append-only');
      END;
      CREATE TRIGGER consent_event_details_no_delete BEFORE DELETE ON consent_event_details BEGIN
        SELECT RAISE(ABORT, 'consent_event_details is append-only');
      END;
      -- Texts sent without a change of state (after STOP: how to opt in again), with what prompted them.
      CREATE TABLE consent_notices (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id),
        kind TEXT NOT NULL,
        words TEXT,
        trigger_ref TEXT,
        sent_text TEXT NOT NULL,
        policy_version INTEGER,
        policy_hash TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX consent_notices_contact ON consent_notices(contact_id, at);
      CREATE TRIGGER consent_notices_no_update BEFORE UPDATE ON consent_notices BEGIN
        SELECT RAISE(ABORT, 'consent_notices is append-only');
      END;
      -- Every consent import: who, when, which file (SHA-256), what came of it.
      CREATE TABLE consent_imports (
        id INTEGER PRIMARY KEY,
        recorded_by TEXT NOT NULL,
        actor_profile_id INTEGER,
        file_name TEXT,
        sha256 TEXT NOT NULL,
        at INTEGER NOT NULL,
        imported INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0
      );
      ALTER TABLE contacts ADD COLUMN locale TEXT CHECK (locale IS NULL OR locale IN ('de', 'en'));
      ALTER TABLE contacts ADD COLUMN marketing_wish_at INTEGER;
      ALTER TABLE contacts ADD COLUMN revocation_review_at INTEGER;
      ALTER TABLE contacts ADD COLUMN revocation_review_text TEXT;
    `);
  },
};
