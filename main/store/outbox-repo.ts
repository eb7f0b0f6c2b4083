import type { Db } from './db';
import { stmt } from './statements';

export interface OutboxRow {
  id: number;
  message_id: number;
  /** The message's conversation (022); null only where its message was gone before 022 ran. */
  conversation_id: number | null;
  idempotency_key: string;
  kind: string;
  state: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
}

export class OutboxRepo {
  constructor(private readonly db: Db) {}

  /** Queues a stored outbound message; `conversationId` is its message's (the consent texts' limits find it by that). */
  enqueue(messageId: number, conversationId: number, idempotencyKey: string, kind: string, now: number): void {
    stmt(this.db,
        `INSERT INTO outbox (message_id, conversation_id, idempotency_key, kind, state, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, 'queued', ?, ?)`,
      )
      .run(messageId, conversationId, idempotencyKey, kind, now, now);
  }

  byMessageId(messageId: number): OutboxRow | undefined {
    return stmt(this.db, 'SELECT * FROM outbox WHERE message_id = ?').get(messageId) as OutboxRow | undefined;
  }

  /** Due entries, oldest first. */
  due(now: number, limit: number): OutboxRow[] {
    return stmt(this.db, `SELECT * FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?`)
      .all(now, limit) as OutboxRow[];
  }

  nextDueAt(): number | undefined {
    return (
      stmt(this.db, `SELECT min(next_attempt_at) AS t FROM outbox WHERE state = 'queued'`).get() as {
        t: number | null;
      }
    ).t ?? undefined;
  }

  markSending(id: number): void {
    stmt(this.db, `UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?`).run(id);
  }

  markSent(id: number): void {
    stmt(this.db, `UPDATE outbox SET state = 'sent', last_error = NULL WHERE id = ?`).run(id);
  }

  reschedule(id: number, at: number, error: string): void {
    stmt(this.db, `UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = ? WHERE id = ?`).run(at, error, id);
  }

  /** The send was not tried after all (the line was offline): back to the queue, the try not counted. */
  putBack(id: number, at: number, error: string): void {
    stmt(this.db, `UPDATE outbox SET state = 'queued', attempts = max(0, attempts - 1), next_attempt_at = ?, last_error = ? WHERE id = ?`).run(at, error, id);
  }

  markFailed(id: number, error: string): void {
    stmt(this.db, `UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?`).run(error, id);
  }

  /**
   * Staff asked to retry: a fresh round of attempts. A new idempotency key is
   * given when the channel had accepted the old one (the messenger reported
   * the delivery failed afterwards): the same key would be a no-op.
   */
  requeue(id: number, now: number, newKey?: string): void {
    stmt(this.db,
        `UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?,
           idempotency_key = coalesce(?, idempotency_key) WHERE id = ?`,
      )
      .run(now, newKey ?? null, id);
  }

  /**
   * After a crash, entries caught mid-send go back to the queue. The idempotency
   * key travels with them, so the channel can tell a resend from a new send.
   */
  recoverInterrupted(now: number): number {
    return stmt(this.db, `UPDATE outbox SET state = 'queued', next_attempt_at = ? WHERE state = 'sending'`).run(now)
      .changes;
  }
}
