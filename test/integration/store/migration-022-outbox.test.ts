import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store';
import { ConsentRepo } from '../../../main/store/consent-repo';
import { migrations } from '../../../main/store/migrations';
import { migration022 } from '../../../main/store/migrations/022_outbox_conversation';
import { contactWithConversation } from '../../helpers/raw-rows';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const before = migrations.filter((m) => m.version < migration022.version);

/** An outbound message with its outbox row, written as 021 wrote them (no conversation in the outbox). */
function queuedBefore022(db: Database.Database, conversation: number, kind: string, at: number, state = 'sent'): number {
  const id = Number(
    db.prepare(`INSERT INTO messages (conversation_id, direction, type, body, author, status, purpose, created_at)
                VALUES (?, 'out', 'text', 'Text', 'system', 'sent', 'service', ?)`).run(conversation, at).lastInsertRowid,
  );
  db.prepare(`INSERT INTO outbox (message_id, idempotency_key, kind, state, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(id, `k${id}`, kind, state, at, at);
  return id;
}

describe('migration 022 (the outbox knows its conversation)', () => {
  it("fills in each queued text's conversation, so the consent texts' limits still count what was queued before the upgrade", () => {
    const db = new Database(join(tempDir(), 'a.sqlite3'));
    migrate(db, before);
    const anna = contactWithConversation(db, '+4915112345678');
    const ben = contactWithConversation(db, '+4915198765432');
    queuedBefore022(db, anna.conversation, 'consent_request', 1_000);
    queuedBefore022(db, anna.conversation, 'consent_request', 3_000);
    queuedBefore022(db, anna.conversation, 'consent_clarify', 2_000, 'failed');
    queuedBefore022(db, ben.conversation, 'consent_request', 5_000);
    queuedBefore022(db, anna.conversation, 'staff', 9_000);

    migrate(db, migrations.filter((m) => m.version <= migration022.version));
    expect(db.pragma('user_version', { simple: true })).toBe(migration022.version);
    expect(db.prepare('SELECT count(*) FROM outbox WHERE conversation_id IS NULL').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.conversation_id <> m.conversation_id').pluck().get()).toBe(0);

    const repo = new ConsentRepo(db);
    // Anna's latest request, not Ben's later one; staff's later reply is of another kind.
    expect(repo.lastQueuedAt(anna.contact, 'consent_request', 'service')).toBe(3_000);
    expect(repo.lastQueuedAt(ben.contact, 'consent_request', 'service')).toBe(5_000);
    expect(repo.lastQueuedAt(anna.contact, 'consent_request', 'marketing')).toBeUndefined();
    expect(repo.queuedSince(anna.contact, 'consent_request', 'service', 1_000)).toBe(2);
    expect(repo.queuedSince(anna.contact, 'consent_request', 'service', 1_001)).toBe(1);
    // A failed text never reached the customer and does not count.
    expect(repo.queuedSince(anna.contact, 'consent_clarify', 'service', 0)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'messages_outbound'").pluck().get()).toBe(0);
    db.close();
  });
});
