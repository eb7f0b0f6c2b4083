import type { Migration } from './types';

/** A message that answers or is shown: anything but the consent texts Tresen sends by itself (as in 006). */
const COUNTS = `(new.author <> 'system' OR new.author_name IS NOT NULL)`;

/**
 * Fewer index writes per message (see docs/performance.md).
 *
 * - The summary trigger of 014 assigned `waiting_since` on every message,
 *   mostly to the value it already held. SQLite rewrites an index entry for
 *   every column a SET names, changed or not, so every message moved its
 *   conversation out of and back into the waiting order. The waiting time is
 *   now set only where it starts (the first unanswered customer message) or
 *   ends (an answer), by UPDATEs that match nothing otherwise. The row ends
 *   up exactly as under 014.
 * - The consent texts' rate limits (one request per interval, one
 *   clarifying reply per request …) counted a contact's queued texts by
 *   walking every message of the conversation to find its few outbound
 *   ones: 120 µs per message from a customer who has not confirmed, growing
 *   with what they write. An index of the outbound messages per conversation
 *   makes that the handful the shop sent.
 */
export const migration018: Migration = {
  version: 18,
  name: 'ingest_writes',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_summary_insert;
      CREATE TRIGGER messages_summary_insert AFTER INSERT ON messages WHEN new.quarantined = 0 BEGIN
        UPDATE conversations SET
          last_message_at = max(coalesce(last_message_at, 0), new.created_at),
          unread = unread + (new.direction = 'in'),
          last_activity_at = max(last_activity_at, new.created_at),
          preview_message_id = CASE WHEN ${COUNTS} THEN new.id ELSE preview_message_id END
        WHERE id = new.conversation_id;
        -- The customer starts waiting with the first message nobody has answered yet …
        UPDATE conversations SET waiting_since = new.created_at
        WHERE id = new.conversation_id AND new.direction = 'in' AND waiting_since IS NULL;
        -- … and stops with an answer (a consent text Tresen sends by itself is none).
        UPDATE conversations SET waiting_since = NULL
        WHERE id = new.conversation_id AND new.direction = 'out' AND ${COUNTS} AND waiting_since IS NOT NULL;
        -- A new customer message reopens the conversation (and ends a snooze).
        UPDATE conversations SET status = 'open', snooze_until = NULL
        WHERE id = new.conversation_id AND new.direction = 'in' AND (status <> 'open' OR snooze_until IS NOT NULL);
      END;
      CREATE INDEX messages_outbound ON messages(conversation_id, id) WHERE direction = 'out';
    `);
  },
};
