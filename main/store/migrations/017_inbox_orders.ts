import type { Migration } from './types';

/**
 * Fewer inbox orders on the write path (see docs/performance.md).
 *
 * Every message moves its conversation to the end of each activity order.
 * With one order per view (status, status + assignee, status + consent) a
 * batch of 500 rewrote nearly every leaf page of four activity indexes and
 * three waiting indexes: two thirds of the pages it wrote.
 *
 * Now each order is one index per status that also carries the columns the
 * views filter on (assignee, consent state, waiting). A filtered view walks
 * its status's order and tests those columns in the index entry, without
 * reading the row; the counts come from the tallies (016), so a view with
 * few matches costs a walk over its status's entries, not a table scan.
 * `waiting_key` rides along in the activity order almost for free: it
 * changes with a message, which moves the entry anyway.
 */
export const migration017: Migration = {
  version: 17,
  name: 'inbox_orders',
  up(db) {
    db.exec(`
      DROP INDEX conversations_activity;
      DROP INDEX conversations_waiting;
      DROP INDEX conversations_assignee_activity;
      DROP INDEX conversations_assignee_waiting;
      DROP INDEX conversations_consent_activity;
      DROP INDEX conversations_consent_waiting;
      CREATE INDEX conversations_activity ON conversations(status, last_activity_at, id, assignee_id, service_state, waiting_key);
      CREATE INDEX conversations_waiting ON conversations(status, waiting_key, id, assignee_id, service_state);
    `);
  },
};
