import type { Migration } from './types';

/**
 * The counter inbox.
 *
 * - conversations is rebuilt (its CHECK names the statuses): open → pending
 *   (waiting for the customer) → snoozed → resolved replace open | waiting |
 *   closed (waiting → pending, closed → resolved). It becomes the
 *   denormalized summary row of the inbox: last activity, "waiting since"
 *   (the customer's oldest unanswered visible message), the preview message
 *   (last customer or staff message, never consent boilerplate) and the
 *   consent states, kept by triggers in the same transaction as each
 *   message or consent event. One index per inbox view and order, so every
 *   page is a keyset range scan.
 * - profiles (staff at the counter, PIN hashed in core), with an owner
 *   profile "Inhaber" that sets its PIN on first use.
 * - labels, internal notes, quick replies, the persisted job scheduler.
 * - messages gain their author profile, the author's name at the time
 *   (a profile or an API key) and the quoted message.
 * - Search: messages_fts and contact_fts hold folded text (tresen_fold:
 *   "Müller" = "Mueller" = "Muller", ß = ss) and every form of a number.
 */

/** Recomputes one conversation's summary from its messages (after a reveal or a delete). */
const recompute = (id: string) => `
  UPDATE conversations SET
    last_activity_at = max(
      coalesce((SELECT m.created_at FROM messages m WHERE m.conversation_id = ${id} AND m.quarantined = 0 ORDER BY m.id DESC LIMIT 1), 0),
      (SELECT c.created_at FROM contacts c WHERE c.id = conversations.contact_id)),
    preview_message_id = (SELECT m.id FROM messages m WHERE m.conversation_id = ${id} AND m.quarantined = 0
      AND (m.author <> 'system' OR m.author_name IS NOT NULL) ORDER BY m.id DESC LIMIT 1),
    waiting_since = (SELECT m.created_at FROM messages m WHERE m.conversation_id = ${id} AND m.quarantined = 0
      AND m.direction = 'in' AND m.id > coalesce((SELECT o.id FROM messages o WHERE o.conversation_id = ${id}
        AND o.direction = 'out' AND (o.author <> 'system' OR o.author_name IS NOT NULL) ORDER BY o.id DESC LIMIT 1), 0)
      ORDER BY m.id LIMIT 1)
  WHERE id = ${id}`;

/** A message that answers or is shown: anything but the consent texts Tresen sends by itself. */
const COUNTS = (m: string) => `(${m}.author <> 'system' OR ${m}.author_name IS NOT NULL)`;

export const migration006: Migration = {
  version: 6,
  name: 'inbox',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        color TEXT NOT NULL CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
        role TEXT NOT NULL CHECK (role IN ('staff', 'manager')),
        -- scrypt$N$r$p$salt$hash (core/profiles); NULL = no PIN
        pin_hash TEXT,
        -- A manager without a PIN must set one before anything else (the owner profile after the migration).
        must_set_pin INTEGER NOT NULL DEFAULT 0,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        archived INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (role <> 'manager' OR pin_hash IS NOT NULL OR must_set_pin = 1)
      );
      INSERT INTO profiles (name, color, role, must_set_pin, created_at, updated_at)
        VALUES ('Inhaber', '#7c3aed', 'manager', 1, CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000);

      CREATE TABLE conversations_new (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
        assignee_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
        snooze_until INTEGER,
        unread INTEGER NOT NULL DEFAULT 0,
        last_message_at INTEGER,
        last_activity_at INTEGER NOT NULL DEFAULT 0,
        waiting_since INTEGER,
        preview_message_id INTEGER,
        service_state TEXT NOT NULL DEFAULT 'none',
        marketing_state TEXT NOT NULL DEFAULT 'none',
        -- Waiting order: longest waiting first, then the answered ones.
        waiting_key INTEGER GENERATED ALWAYS AS (coalesce(waiting_since, 9007199254740991)) VIRTUAL
      );
      INSERT INTO conversations_new (id, contact_id, status, unread, last_message_at)
        SELECT id, contact_id,
          CASE status WHEN 'waiting' THEN 'pending' WHEN 'closed' THEN 'resolved' ELSE status END,
          unread, last_message_at
        FROM conversations;
      DROP TABLE conversations;
      ALTER TABLE conversations_new RENAME TO conversations;

      -- The whole book by activity (contacts.page), then one index per view and order
      -- (status first: every view is one status).
      CREATE INDEX conversations_recent ON conversations(last_activity_at, id);
      CREATE INDEX conversations_activity ON conversations(status, last_activity_at, id);
      CREATE INDEX conversations_waiting ON conversations(status, waiting_key, id);
      CREATE INDEX conversations_assignee_activity ON conversations(status, assignee_id, last_activity_at, id);
      CREATE INDEX conversations_assignee_waiting ON conversations(status, assignee_id, waiting_key, id);
      CREATE INDEX conversations_consent_activity ON conversations(status, service_state, last_activity_at, id);
      CREATE INDEX conversations_consent_waiting ON conversations(status, service_state, waiting_key, id);
      -- The total unread count reads only conversations with unread messages.
      CREATE INDEX conversations_unread ON conversations(unread) WHERE unread > 0;

      ALTER TABLE messages ADD COLUMN author_profile_id INTEGER;
      ALTER TABLE messages ADD COLUMN author_name TEXT;
      ALTER TABLE messages ADD COLUMN quoted_message_id INTEGER;
      -- Messages the shop system sent through the local API are the shop speaking, not consent texts.
      UPDATE messages SET author_name = 'Lokale API'
        WHERE author = 'system' AND id IN (SELECT message_id FROM outbox WHERE kind = 'api');

      CREATE TRIGGER messages_summary_insert AFTER INSERT ON messages WHEN new.quarantined = 0 BEGIN
        UPDATE conversations SET
          last_activity_at = max(last_activity_at, new.created_at),
          preview_message_id = CASE WHEN ${COUNTS('new')} THEN new.id ELSE preview_message_id END,
          waiting_since = CASE
            WHEN new.direction = 'in' THEN coalesce(waiting_since, new.created_at)
            WHEN ${COUNTS('new')} THEN NULL
            ELSE waiting_since END,
          -- A new customer message reopens the conversation.
          status = CASE WHEN new.direction = 'in' THEN 'open' ELSE status END,
          snooze_until = CASE WHEN new.direction = 'in' THEN NULL ELSE snooze_until END
        WHERE id = new.conversation_id;
      END;
      CREATE TRIGGER messages_summary_reveal AFTER UPDATE OF quarantined ON messages
        WHEN old.quarantined = 1 AND new.quarantined = 0 BEGIN
        ${recompute('new.conversation_id')};
        UPDATE conversations SET status = 'open', snooze_until = NULL
          WHERE id = new.conversation_id AND new.direction = 'in';
      END;
      CREATE TRIGGER messages_summary_delete AFTER DELETE ON messages BEGIN
        ${recompute('old.conversation_id')};
      END;

      CREATE TRIGGER consent_events_summary AFTER INSERT ON consent_events BEGIN
        UPDATE conversations SET
          service_state = CASE WHEN new.purpose = 'service' THEN new.to_state ELSE service_state END,
          marketing_state = CASE WHEN new.purpose = 'marketing' THEN new.to_state ELSE marketing_state END
        WHERE contact_id = new.contact_id;
      END;

      CREATE TABLE labels (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 40),
        color TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE conversation_labels (
        label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        PRIMARY KEY (label_id, conversation_id)
      ) WITHOUT ROWID;
      CREATE INDEX conversation_labels_conversation ON conversation_labels(conversation_id, label_id);

      -- Internal notes live apart from messages: nothing here can reach the outbox.
      CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        author_profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
        author_name TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX notes_conversation ON notes(conversation_id, id);

      CREATE TABLE quick_replies (
        id INTEGER PRIMARY KEY,
        locale TEXT NOT NULL CHECK (locale IN ('de', 'en')),
        shortcut TEXT NOT NULL CHECK (shortcut GLOB '[a-z0-9]*' AND length(shortcut) BETWEEN 1 AND 32),
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (locale, shortcut)
      );

      -- The persisted scheduler: one row per pending job; the key makes each job unique.
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        run_at INTEGER NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'running')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX jobs_due ON jobs(state, run_at);

      -- Folded search (see store/fold.ts): replaces the plain body index.
      DROP TRIGGER messages_fts_insert;
      DROP TRIGGER messages_fts_delete;
      DROP TRIGGER messages_fts_update;
      DROP TABLE messages_fts;
      CREATE VIRTUAL TABLE messages_fts USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61');
      INSERT INTO messages_fts(rowid, body) SELECT id, tresen_fold(body) FROM messages;
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, body) VALUES (new.id, tresen_fold(new.body));
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        DELETE FROM messages_fts WHERE rowid = old.id;
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
        DELETE FROM messages_fts WHERE rowid = old.id;
        INSERT INTO messages_fts(rowid, body) VALUES (new.id, tresen_fold(new.body));
      END;

      CREATE VIRTUAL TABLE contact_fts USING fts5(text, content = '', contentless_delete = 1, tokenize = 'unicode61');
      INSERT INTO contact_fts(rowid, text) SELECT id, tresen_contact_text(name, push_name, phone) FROM contacts;
      CREATE TRIGGER contact_fts_insert AFTER INSERT ON contacts BEGIN
        INSERT INTO contact_fts(rowid, text) VALUES (new.id, tresen_contact_text(new.name, new.push_name, new.phone));
      END;
      CREATE TRIGGER contact_fts_update AFTER UPDATE OF name, push_name, phone ON contacts BEGIN
        DELETE FROM contact_fts WHERE rowid = old.id;
        INSERT INTO contact_fts(rowid, text) VALUES (new.id, tresen_contact_text(new.name, new.push_name, new.phone));
      END;
      CREATE TRIGGER contact_fts_delete AFTER DELETE ON contacts BEGIN
        DELETE FROM contact_fts WHERE rowid = old.id;
      END;
    `);
    // Fill the summaries of existing conversations.
    const ids = db.prepare('SELECT id FROM conversations').pluck().all() as number[];
    const fill = db.prepare(recompute('@id'));
    for (const id of ids) fill.run({ id });
    db.exec(`
      UPDATE conversations SET
        service_state = coalesce((SELECT e.to_state FROM consent_events e WHERE e.contact_id = conversations.contact_id
          AND e.purpose = 'service' ORDER BY e.id DESC LIMIT 1), 'none'),
        marketing_state = coalesce((SELECT e.to_state FROM consent_events e WHERE e.contact_id = conversations.contact_id
          AND e.purpose = 'marketing' ORDER BY e.id DESC LIMIT 1), 'none');
    `);
  },
};
