import type { Migration } from './types';

/** A message that answers or is shown: anything but the consent texts Tresen sends by itself (as in 006). */
const COUNTS = `(new.author <> 'system' OR new.author_name IS NOT NULL)`;

/**
 * Ingest at catch-up speed (see docs/performance.md).
 *
 * The summary trigger of 013 set `status` on every message, so every insert
 * fired `conversation_marks_resolved` (AFTER UPDATE OF status) even when the
 * status stayed 'open': measured at about 80 µs of a 240 µs insert. The
 * reopening is now its own UPDATE that matches only a conversation that is
 * not open (or is snoozed), so the usual message touches no status at all.
 * What the row ends up holding is exactly what 013 wrote.
 */
export const migration014: Migration = {
  version: 14,
  name: 'ingest',
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
            ELSE waiting_since END
        WHERE id = new.conversation_id;
        -- A new customer message reopens the conversation (and ends a snooze).
        UPDATE conversations SET status = 'open', snooze_until = NULL
        WHERE id = new.conversation_id AND new.direction = 'in' AND (status <> 'open' OR snooze_until IS NOT NULL);
      END;
    `);
  },
};
