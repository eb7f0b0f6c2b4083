import type { Migration } from './types';

/**
 * Statistics and the manager's consent review.
 * - conversation_marks: the moments the statistics need but no table kept:
 *   a conversation resolved (`resolved`) and the bot handing it over
 *   (`handover`). Each mark holds the conversation's newest message id at that
 *   moment, so a conversation's messages split into episodes (customer asks →
 *   resolved) by id, independent of any clock. Written by triggers, so every
 *   path that resolves or hands over is counted.
 * - Indexes for period queries: messages and consent events by time, and the
 *   consent review's list (latest event per purpose, newest first).
 */
const NEWEST = (conversation: string) => `coalesce((SELECT max(id) FROM messages WHERE conversation_id = ${conversation}), 0)`;

export const sql = `
CREATE TABLE conversation_marks (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('resolved', 'handover')),
  conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  message_id       INTEGER NOT NULL,
  UNIQUE (kind, conversation_id, message_id)
) STRICT;
CREATE INDEX conversation_marks_period ON conversation_marks(kind, message_id);

CREATE TRIGGER conversation_marks_resolved AFTER UPDATE OF status ON conversations
  WHEN new.status = 'resolved' AND old.status <> 'resolved' BEGIN
  INSERT OR IGNORE INTO conversation_marks (kind, conversation_id, message_id) VALUES ('resolved', new.id, ${NEWEST('new.id')});
END;
CREATE TRIGGER conversation_marks_handover AFTER UPDATE OF handover_at ON bot_conversations
  WHEN new.handover_at IS NOT NULL AND old.handover_at IS NOT new.handover_at BEGIN
  INSERT OR IGNORE INTO conversation_marks (kind, conversation_id, message_id) VALUES ('handover', new.conversation_id, ${NEWEST('new.conversation_id')});
END;

INSERT OR IGNORE INTO conversation_marks (kind, conversation_id, message_id)
  SELECT 'resolved', c.id, ${NEWEST('c.id')} FROM conversations c WHERE c.status = 'resolved';
INSERT OR IGNORE INTO conversation_marks (kind, conversation_id, message_id)
  SELECT 'handover', b.conversation_id, ${NEWEST('b.conversation_id')} FROM bot_conversations b WHERE b.handover_at IS NOT NULL;

CREATE INDEX messages_created ON messages(created_at);
CREATE INDEX consent_events_at ON consent_events(at);
CREATE INDEX consent_events_review ON consent_events(purpose, at, id);
`;

export const migration009: Migration = {
  version: 9,
  name: 'manager',
  up(db) {
    db.exec(sql);
  },
};
