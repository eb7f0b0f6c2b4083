import type { Migration } from './types';

/**
 * The foundation schema. Times are integer milliseconds since the epoch (UTC).
 * Phones are E.164. A person may have several messenger ids (a phone-based
 * and an anonymous one), all mapped to one contact through contact_addresses.
 */
export const migration001: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        phone TEXT NOT NULL UNIQUE,
        name TEXT,
        push_name TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE contact_addresses (
        chat_id TEXT PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE
      );
      CREATE INDEX contact_addresses_contact ON contact_addresses(contact_id);

      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'waiting', 'closed')),
        assignee TEXT,
        unread INTEGER NOT NULL DEFAULT 0,
        last_message_at INTEGER
      );
      CREATE INDEX conversations_recent ON conversations(last_message_at DESC);

      CREATE TABLE media (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        file_name TEXT,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        external_id TEXT UNIQUE,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        type TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL CHECK (author IN ('customer', 'staff', 'bot', 'system', 'phone')),
        status TEXT NOT NULL CHECK (status IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
        purpose TEXT CHECK (purpose IN ('service', 'marketing')),
        media_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
        quarantined INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        extra TEXT,
        sent_at INTEGER,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_conversation ON messages(conversation_id, id);
      -- Held-back messages are few: a partial index serves the list count and the expiry sweep.
      CREATE INDEX messages_quarantined ON messages(conversation_id, created_at) WHERE quarantined = 1;

      -- Full-text search over message bodies, kept in step by triggers.
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        body, content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
      END;

      -- Durable outbox: a send is committed here with its message before any
      -- attempt, so a crash or a dropped session never loses it.
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
        idempotency_key TEXT NOT NULL UNIQUE,
        -- Which path queued it (staff, bot, consent_request …): the gate is asked again at send time.
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

      -- Consent proof: append-only and hash-chained (see core/consent).
      CREATE TABLE consent_events (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id),
        purpose TEXT NOT NULL CHECK (purpose IN ('service', 'marketing')),
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        trigger_kind TEXT NOT NULL,
        trigger_ref TEXT,
        policy_version INTEGER,
        policy_hash TEXT,
        at INTEGER NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      );
      CREATE INDEX consent_events_contact ON consent_events(contact_id, purpose, id);
      CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events BEGIN
        SELECT RAISE(ABORT, 'consent_events is append-only');
      END;
      CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events BEGIN
        SELECT RAISE(ABORT, 'consent_events is append-only');
      END;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
