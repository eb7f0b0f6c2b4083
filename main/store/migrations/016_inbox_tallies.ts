import type { Migration } from './types';

/**
 * The inbox's counts as tallies kept by triggers (see docs/performance.md).
 *
 * `inbox.counts` counted each view over the conversations: five index ranges
 * of every open conversation, 4 ms of a 4.5 ms inbox refresh at 20,000
 * contacts and growing with the book. The tallies are kept in the same
 * transaction as the row they count, so the counts read a handful of rows.
 *
 * What a conversation adds to the tallies (`key`, 1 each; `unread` its count):
 *   status:<status>               every conversation
 *   open:assignee:<id>|none       open ones, by assignee ("mine", "unassigned")
 *   open:waiting                  open ones a customer waits in (waiting_since set)
 *   open:consent:<service_state>  open ones, by consent state
 *   unread                        the sum of unread messages over all conversations
 *
 * The unread count changes with nearly every message and has its own
 * trigger; the others fire only when a counted property changes. The partial
 * index that the unread total read (`conversations_unread`) is dropped: every
 * message moved the conversation in it.
 */

/** The rows a conversation (`r` = new or old) adds, with sign `d`; NULL keys are dropped. */
const contributions = (r: 'new' | 'old', d: 1 | -1) => `
  ('status:' || ${r}.status, ${d}),
  (CASE WHEN ${r}.status = 'open' THEN 'open:assignee:' || coalesce(${r}.assignee_id, 'none') END, ${d}),
  (CASE WHEN ${r}.status = 'open' AND ${r}.waiting_since IS NOT NULL THEN 'open:waiting' END, ${d}),
  (CASE WHEN ${r}.status = 'open' THEN 'open:consent:' || ${r}.service_state END, ${d})`;

/** Adds the given (key, delta) rows to the tallies ("WHERE true" lets SQLite parse the upsert after a SELECT). */
const tally = (rows: string) => `
  INSERT INTO inbox_tallies (key, n)
    SELECT column1, sum(column2) FROM (VALUES ${rows}) WHERE column1 IS NOT NULL GROUP BY column1 HAVING sum(column2) <> 0
    ON CONFLICT (key) DO UPDATE SET n = n + excluded.n;`;

export const migration016: Migration = {
  version: 16,
  name: 'inbox_tallies',
  up(db) {
    db.exec(`
      CREATE TABLE inbox_tallies (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;

      INSERT INTO inbox_tallies (key, n) SELECT 'status:' || status, count(*) FROM conversations GROUP BY status;
      INSERT INTO inbox_tallies (key, n)
        SELECT 'open:assignee:' || coalesce(assignee_id, 'none'), count(*) FROM conversations WHERE status = 'open' GROUP BY assignee_id;
      INSERT INTO inbox_tallies (key, n) SELECT 'open:waiting', count(*) FROM conversations WHERE status = 'open' AND waiting_since IS NOT NULL;
      INSERT INTO inbox_tallies (key, n)
        SELECT 'open:consent:' || service_state, count(*) FROM conversations WHERE status = 'open' GROUP BY service_state;
      INSERT INTO inbox_tallies (key, n) SELECT 'unread', coalesce(sum(unread), 0) FROM conversations;

      CREATE TRIGGER inbox_tallies_insert AFTER INSERT ON conversations BEGIN
        ${tally(`${contributions('new', 1)}, ('unread', new.unread)`)}
      END;
      CREATE TRIGGER inbox_tallies_delete AFTER DELETE ON conversations BEGIN
        ${tally(`${contributions('old', -1)}, ('unread', -old.unread)`)}
      END;
      CREATE TRIGGER inbox_tallies_update AFTER UPDATE OF status, assignee_id, waiting_since, service_state ON conversations
        WHEN old.status IS NOT new.status OR old.assignee_id IS NOT new.assignee_id
          OR (old.waiting_since IS NULL) <> (new.waiting_since IS NULL) OR old.service_state IS NOT new.service_state
      BEGIN
        ${tally(`${contributions('old', -1)}, ${contributions('new', 1)}`)}
      END;
      CREATE TRIGGER inbox_tallies_unread AFTER UPDATE OF unread ON conversations WHEN old.unread <> new.unread BEGIN
        UPDATE inbox_tallies SET n = n + new.unread - old.unread WHERE key = 'unread';
      END;

      DROP INDEX conversations_unread;
    `);
  },
};
