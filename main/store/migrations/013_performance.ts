import type { Migration } from './types';

/** A message that answers or is shown: anything but the consent texts Tresen sends by itself (as in 006). */
const COUNTS = `(new.author <> 'system' OR new.author_name IS NOT NULL)`;

/**
 * Performance at chain scale (see docs/performance.md).
 *
 * - The conversation summary row is kept by the insert triggers alone, in
 *   one UPDATE per message: last message time and unread count join the
 *   summary trigger (MessagesRepo.insert issued a second UPDATE before). A
 *   held-back (quarantined) message only moves last_message_at, as before.
 * - contact_fts gains prefix indexes (2 and 3 characters), so a name or
 *   number typed into the search box is a direct index lookup instead of a
 *   walk over every term with that prefix. Rebuilt from the contacts.
 */
export const migration013: Migration = {
  version: 13,
  name: 'performance',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_summary_insert;
      CREATE TRIGGER messages_summary_insert AFTER INSERT ON messages WHEN new.quarantined = 0 BEGIN
        UPDATE conversations SET
          last_message_at = max(coalesce(last_message_at, 0), new.created_at),
          unread = unread + (new.direction = 'in'),
          last_activity_at = max(last_activity_at, new.created_at),
          preview_message_id = CASE WHEN ${COUNTS} THEN new.id ELSE preview_message_id END,
          waiting_since = CASE
            WHEN new.direction = 'in' THEN coalesce(waiting_since, new.created_at)
            WHEN ${COUNTS} THEN NULL
            ELSE waiting_since END,
          -- A new customer message reopens the conversation.
          status = CASE WHEN new.direction = 'in' THEN 'open' ELSE status END,
          snooze_until = CASE WHEN new.direction = 'in' THEN NULL ELSE snooze_until END
        WHERE id = new.conversation_id;
      END;
      CREATE TRIGGER messages_summary_insert_held AFTER INSERT ON messages WHEN new.quarantined = 1 BEGIN
        UPDATE conversations SET last_message_at = max(coalesce(last_message_at, 0), new.created_at)
        WHERE id = new.conversation_id;
      END;

      DROP TRIGGER contact_fts_insert;
      DROP TRIGGER contact_fts_update;
      DROP TRIGGER contact_fts_delete;
      DROP TABLE contact_fts;
      CREATE VIRTUAL TABLE contact_fts USING fts5(text, content = '', contentless_delete = 1, tokenize = 'unicode61', prefix = '2 3');
      -- Erasure needs a deleted contact's words gone from the index's pages too (see 010_erasure).
      INSERT INTO contact_fts(contact_fts, rank) VALUES ('secure-delete', 1);
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
  },
};
