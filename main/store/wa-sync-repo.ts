import type { Db } from './db';
import { stmt } from './statements';

/**
 * What the WhatsApp bridge must remember across restarts (migration 003):
 * the catch-up checkpoint, the outcome of each idempotent send, and media
 * downloads still to retry.
 */

export interface SendRecord {
  idempotencyKey: string;
  chatId: string;
  body: string;
  startedAt: number;
  /** null while the outcome is unknown (sent, or maybe sent, before a crash/timeout). */
  externalId: string | null;
}

export interface MediaRetry {
  externalId: string;
  chatId: string;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

interface SentRow {
  idempotency_key: string;
  chat_id: string;
  body: string;
  started_at: number;
  external_id: string | null;
}
interface MediaRow {
  external_id: string;
  chat_id: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
}

const toSend = (r: SentRow): SendRecord => ({
  idempotencyKey: r.idempotency_key,
  chatId: r.chat_id,
  body: r.body,
  startedAt: r.started_at,
  externalId: r.external_id,
});

export class WaSyncRepo {
  constructor(private readonly db: Db) {}

  /** Unix seconds: every message older than this is committed (or deliberately ignored). */
  getCheckpoint(): number {
    const row = stmt(this.db, 'SELECT value FROM wa_sync_state WHERE key = ?').get('checkpoint') as { value: string } | undefined;
    const n = row ? Number(row.value) : 0;
    return Number.isFinite(n) ? n : 0;
  }
  setCheckpoint(seconds: number): void {
    stmt(this.db, 'INSERT INTO wa_sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      'checkpoint',
      String(seconds),
    );
  }
  getSend(key: string): SendRecord | undefined {
    const r = stmt(this.db, 'SELECT * FROM wa_sent WHERE idempotency_key = ?').get(key) as SentRow | undefined;
    return r ? toSend(r) : undefined;
  }
  /** A retry keeps the first record. */
  beginSend(rec: Omit<SendRecord, 'externalId'>): void {
    stmt(this.db, 'INSERT OR IGNORE INTO wa_sent(idempotency_key, chat_id, body, started_at) VALUES (?, ?, ?, ?)').run(
      rec.idempotencyKey,
      rec.chatId,
      rec.body,
      rec.startedAt,
    );
  }
  finishSend(key: string, externalId: string, at: number): void {
    stmt(this.db, 'UPDATE wa_sent SET external_id = ?, sent_at = ? WHERE idempotency_key = ?').run(externalId, at, key);
  }
  /** An unfinished send (no id known) to this chat with this text, begun at or after `since` (ms). */
  findPendingSend(chatId: string, body: string, since: number): SendRecord | undefined {
    const r = stmt(
      this.db,
      'SELECT * FROM wa_sent WHERE external_id IS NULL AND chat_id = ? AND body = ? AND started_at >= ? ORDER BY started_at LIMIT 1',
    ).get(chatId, body, since) as SentRow | undefined;
    return r ? toSend(r) : undefined;
  }
  /** True when this message id was sent by Tresen itself (not typed on the phone). */
  isOwnSend(externalId: string): boolean {
    return stmt(this.db, 'SELECT 1 AS one FROM wa_sent WHERE external_id = ?').get(externalId) !== undefined;
  }
  addMediaRetry(r: MediaRetry): void {
    stmt(
      this.db,
      'INSERT OR IGNORE INTO wa_media_retry(external_id, chat_id, attempts, next_attempt_at, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(r.externalId, r.chatId, r.attempts, r.nextAttemptAt, r.lastError, r.nextAttemptAt);
  }
  dueMediaRetries(now: number, limit: number): MediaRetry[] {
    const rows = stmt(this.db, 'SELECT * FROM wa_media_retry WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?').all(now, limit) as MediaRow[];
    return rows.map((r) => ({
      externalId: r.external_id,
      chatId: r.chat_id,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error,
    }));
  }
  updateMediaRetry(externalId: string, attempts: number, nextAttemptAt: number, lastError: string): void {
    stmt(this.db, 'UPDATE wa_media_retry SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE external_id = ?').run(
      attempts,
      nextAttemptAt,
      lastError,
      externalId,
    );
  }
  removeMediaRetry(externalId: string): void {
    stmt(this.db, 'DELETE FROM wa_media_retry WHERE external_id = ?').run(externalId);
  }
}
