import type { Migration } from './types';

/**
 * Consent texts with versions. A text is never changed in place: an edit adds
 * a version, so every consent event can still name the exact text it rests on.
 */
export const migration002: Migration = {
  version: 2,
  name: 'consent',
  up(db) {
    db.exec(`
      CREATE TABLE consent_templates (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        locale TEXT NOT NULL CHECK (locale IN ('de', 'en')),
        version INTEGER NOT NULL,
        text TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (key, locale, version)
      );
      CREATE TRIGGER consent_templates_no_update BEFORE UPDATE ON consent_templates BEGIN
        SELECT RAISE(ABORT, 'consent_templates keeps every version');
      END;
      CREATE TRIGGER consent_templates_no_delete BEFORE DELETE ON consent_templates BEGIN
        SELECT RAISE(ABORT, 'consent_templates keeps every version');
      END;
      CREATE INDEX outbox_kind ON outbox(kind, created_at);
    `);
  },
};
