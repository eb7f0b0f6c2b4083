import type { Migration } from './types';

/**
 * Reliability bookkeeping:
 * - idempotency_keys: the first answer to each (caller, key), so a retried
 *   send returns it instead of sending again;
 * - sim_phone_messages / sim_files / sim_sent_keys: the demo's simulated phones, their files and the
 *   keys they have delivered, so a restart neither forgets a phone nor lets a
 *   repeated key reach it twice;
 * - an index to count a media file's references quickly.
 */
export const migration004: Migration = {
  version: 4,
  name: 'reliability',
  up(db) {
    db.exec(`
      CREATE TABLE idempotency_keys (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        result TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
      CREATE TABLE sim_phone_messages (
        id INTEGER PRIMARY KEY,
        phone TEXT NOT NULL,
        item TEXT NOT NULL CHECK (json_valid(item)) -- the phone's item as the contract's SimPhoneMessage
      );
      CREATE TABLE sim_files (
        id TEXT PRIMARY KEY,
        mime TEXT NOT NULL,
        file_name TEXT,
        data BLOB NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sim_phone_messages_phone ON sim_phone_messages(phone, id);
      CREATE TABLE sim_sent_keys (
        idempotency_key TEXT PRIMARY KEY,
        external_id TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX messages_media ON messages(media_id) WHERE media_id IS NOT NULL;
    `);
  },
};
