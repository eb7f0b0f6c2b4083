import type { Migration } from './types';

/**
 * The outbox knows its conversation (see docs/performance.md).
 *
 * The consent texts' limits (one request per window, one clarifying reply
 * per request) asked for a contact's queued texts of one kind by walking
 * every outbound message of the conversation, staff's replies included:
 * 49 ms in a 100,000-message chat, on the main process, whenever a consent
 * text was about to be queued. They cannot rest on the author (a consent
 * text counts whoever queued it), so the outbox row carries its message's
 * conversation and is found by conversation and kind: a seek to the few
 * texts of that kind. 018's index of outbound messages served only that
 * walk and goes, so a reply still writes one index entry.
 *
 * A message never moves to another conversation, so the copy cannot go stale.
 */
export const migration022: Migration = {
  version: 22,
  name: 'outbox_conversation',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN conversation_id INTEGER;
      UPDATE outbox SET conversation_id = (SELECT m.conversation_id FROM messages m WHERE m.id = outbox.message_id);
      CREATE INDEX outbox_conversation_kind ON outbox(conversation_id, kind, created_at);
      DROP INDEX messages_outbound;
    `);
  },
};
