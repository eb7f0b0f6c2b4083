import type { Migration } from './types';

/**
 * WhatsApp bridge bookkeeping (the messages themselves live in the
 * foundation tables):
 * - wa_sync_state: the catch-up checkpoint (every message older than it is committed).
 * - wa_sent: one row per outbound idempotency key. external_id stays NULL
 *   while the outcome of a send is unknown, so a retry after a crash looks
 *   for the message instead of sending it twice.
 * - wa_media_retry: media whose download failed; the message is committed,
 *   the file is fetched again later.
 */
export const sql = `
CREATE TABLE wa_sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE wa_sent (
  idempotency_key TEXT PRIMARY KEY,
  chat_id         TEXT NOT NULL,
  body            TEXT NOT NULL,
  started_at      INTEGER NOT NULL,
  external_id     TEXT UNIQUE,
  sent_at         INTEGER
) STRICT;
CREATE INDEX wa_sent_started ON wa_sent(started_at);

CREATE TABLE wa_media_retry (
  external_id     TEXT PRIMARY KEY,
  chat_id         TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX wa_media_retry_due ON wa_media_retry(next_attempt_at);
`;

export const migration003: Migration = {
  version: 3,
  name: 'whatsapp',
  up(db) {
    db.exec(sql);
  },
};
