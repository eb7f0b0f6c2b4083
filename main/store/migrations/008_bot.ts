import type { Migration } from './types';

/**
 * The hybrid bot and announcements.
 * - bot_conversations: per conversation what the bot remembers: how many
 *   customer messages in a row it could not answer, the hand-over marker
 *   (set until the conversation is resolved), and the closed period it last
 *   sent the away message for (at most once per period).
 * - announcements: news and offers with their state and optional image.
 * - announcement_recipients: who gets it (pending → sent / failed) and who
 *   is skipped and why; `at` of sent rows is what the weekly cap counts.
 */
export const sql = `
CREATE TABLE bot_conversations (
  conversation_id  INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  unanswered       INTEGER NOT NULL DEFAULT 0,
  handover_at      INTEGER,
  handover_reason  TEXT,
  away_period      INTEGER,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX bot_conversations_handover ON bot_conversations(handover_at) WHERE handover_at IS NOT NULL;

CREATE TABLE announcements (
  id            TEXT PRIMARY KEY,
  text          TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('draft','scheduled','sending','paused','done','cancelled')),
  send_at       INTEGER,
  media_sha256  TEXT,
  media_mime    TEXT,
  media_size    INTEGER,
  media_name    TEXT,
  send_key      TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX announcements_recent ON announcements(created_at DESC, id);

CREATE TABLE announcement_recipients (
  id               INTEGER PRIMARY KEY,
  announcement_id  TEXT NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  contact_id       INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  phone            TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending','sent','skipped','failed')),
  reason           TEXT,
  message_id       INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  at               INTEGER,
  UNIQUE (announcement_id, contact_id)
) STRICT;
CREATE INDEX announcement_recipients_next ON announcement_recipients(announcement_id, state, id);
CREATE INDEX announcement_recipients_cap ON announcement_recipients(contact_id, at) WHERE state = 'sent';
`;

export const migration008: Migration = {
  version: 8,
  name: 'bot',
  up(db) {
    db.exec(sql);
  },
};
