import type { Migration } from './types';

/**
 * A batch writes its messages' search entries at its end (see
 * MessagesRepo.insertsIndexedAtEnd and docs/performance.md).
 *
 * FTS5 flushes its pending terms to disk at every statement savepoint, and
 * every message insert opens one, so inside a catch-up batch each message
 * became a segment of its own that FTS5 then merged. The insert trigger now
 * steps aside while the connection holds the index (`tresen_index_held()`,
 * registered on every connection with the search functions); everywhere
 * else it indexes each message as before.
 */
export const migration020: Migration = {
  version: 20,
  name: 'batch_index',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_fts_insert;
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN NOT tresen_index_held() BEGIN
        INSERT INTO messages_fts(rowid, body) VALUES (new.id, tresen_fold(new.body));
      END;
    `);
  },
};
