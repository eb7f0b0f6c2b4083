import type Database from 'better-sqlite3';

/**
 * What the WhatsApp bridge must remember across restarts: the catch-up
 * checkpoint, the outcome of each idempotent send, and media downloads still
 * to retry. Backed by SQLite (migration 003) in the app, by memory in tests.
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

export interface WhatsAppSyncStore {
  /** Unix seconds: every message older than this is committed (or deliberately ignored). */
  getCheckpoint(): number;
  setCheckpoint(seconds: number): void;
  getSend(idempotencyKey: string): SendRecord | undefined;
  beginSend(rec: Omit<SendRecord, 'externalId'>): void;
  finishSend(idempotencyKey: string, externalId: string, at: number): void;
  /** An unfinished send (no id known) to this chat with this text, begun at or after `since` (ms). */
  findPendingSend(chatId: string, body: string, since: number): SendRecord | undefined;
  /** True when this message id was sent by Tresen itself (not typed on the phone). */
  isOwnSend(externalId: string): boolean;
  addMediaRetry(r: MediaRetry): void;
  dueMediaRetries(now: number, limit: number): MediaRetry[];
  updateMediaRetry(externalId: string, attempts: number, nextAttemptAt: number, lastError: string): void;
  removeMediaRetry(externalId: string): void;
}

export class MemorySyncStore implements WhatsAppSyncStore {
  checkpoint = 0;
  readonly sends = new Map<string, SendRecord>();
  readonly media = new Map<string, MediaRetry>();

  getCheckpoint(): number {
    return this.checkpoint;
  }
  setCheckpoint(seconds: number): void {
    this.checkpoint = seconds;
  }
  getSend(key: string): SendRecord | undefined {
    const r = this.sends.get(key);
    return r ? { ...r } : undefined;
  }
  beginSend(rec: Omit<SendRecord, 'externalId'>): void {
    if (!this.sends.has(rec.idempotencyKey)) this.sends.set(rec.idempotencyKey, { ...rec, externalId: null });
  }
  finishSend(key: string, externalId: string): void {
    const r = this.sends.get(key);
    if (r) r.externalId = externalId;
  }
  findPendingSend(chatId: string, body: string, since: number): SendRecord | undefined {
    const r = [...this.sends.values()].filter((x) => x.externalId === null && x.chatId === chatId && x.body === body && x.startedAt >= since).sort((a, b) => a.startedAt - b.startedAt)[0];
    return r ? { ...r } : undefined;
  }
  isOwnSend(externalId: string): boolean {
    for (const r of this.sends.values()) if (r.externalId === externalId) return true;
    return false;
  }
  addMediaRetry(r: MediaRetry): void {
    if (!this.media.has(r.externalId)) this.media.set(r.externalId, { ...r });
  }
  dueMediaRetries(now: number, limit: number): MediaRetry[] {
    return [...this.media.values()]
      .filter((r) => r.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)
      .slice(0, limit)
      .map((r) => ({ ...r }));
  }
  updateMediaRetry(externalId: string, attempts: number, nextAttemptAt: number, lastError: string): void {
    const r = this.media.get(externalId);
    if (r) Object.assign(r, { attempts, nextAttemptAt, lastError });
  }
  removeMediaRetry(externalId: string): void {
    this.media.delete(externalId);
  }
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

/** The SQLite implementation; needs migration 003 applied to `db`. */
export class SqliteSyncStore implements WhatsAppSyncStore {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      getState: db.prepare<[string], { value: string }>('SELECT value FROM wa_sync_state WHERE key = ?'),
      setState: db.prepare('INSERT INTO wa_sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      getSend: db.prepare<[string], SentRow>('SELECT * FROM wa_sent WHERE idempotency_key = ?'),
      beginSend: db.prepare('INSERT OR IGNORE INTO wa_sent(idempotency_key, chat_id, body, started_at) VALUES (?, ?, ?, ?)'),
      finishSend: db.prepare('UPDATE wa_sent SET external_id = ?, sent_at = ? WHERE idempotency_key = ?'),
      pending: db.prepare<[string, string, number], SentRow>(
        'SELECT * FROM wa_sent WHERE external_id IS NULL AND chat_id = ? AND body = ? AND started_at >= ? ORDER BY started_at LIMIT 1',
      ),
      isOwn: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM wa_sent WHERE external_id = ?'),
      addMedia: db.prepare(
        'INSERT OR IGNORE INTO wa_media_retry(external_id, chat_id, attempts, next_attempt_at, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      dueMedia: db.prepare<[number, number], MediaRow>('SELECT * FROM wa_media_retry WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?'),
      updMedia: db.prepare('UPDATE wa_media_retry SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE external_id = ?'),
      delMedia: db.prepare('DELETE FROM wa_media_retry WHERE external_id = ?'),
    };
  }

  getCheckpoint(): number {
    const row = this.q.getState.get('checkpoint');
    const n = row ? Number(row.value) : 0;
    return Number.isFinite(n) ? n : 0;
  }
  setCheckpoint(seconds: number): void {
    this.q.setState.run('checkpoint', String(seconds));
  }
  getSend(key: string): SendRecord | undefined {
    const r = this.q.getSend.get(key);
    return r ? { idempotencyKey: r.idempotency_key, chatId: r.chat_id, body: r.body, startedAt: r.started_at, externalId: r.external_id } : undefined;
  }
  beginSend(rec: Omit<SendRecord, 'externalId'>): void {
    this.q.beginSend.run(rec.idempotencyKey, rec.chatId, rec.body, rec.startedAt);
  }
  finishSend(key: string, externalId: string, at: number): void {
    this.q.finishSend.run(externalId, at, key);
  }
  findPendingSend(chatId: string, body: string, since: number): SendRecord | undefined {
    const r = this.q.pending.get(chatId, body, since);
    return r ? { idempotencyKey: r.idempotency_key, chatId: r.chat_id, body: r.body, startedAt: r.started_at, externalId: r.external_id } : undefined;
  }
  isOwnSend(externalId: string): boolean {
    return this.q.isOwn.get(externalId) !== undefined;
  }
  addMediaRetry(r: MediaRetry): void {
    this.q.addMedia.run(r.externalId, r.chatId, r.attempts, r.nextAttemptAt, r.lastError, r.nextAttemptAt);
  }
  dueMediaRetries(now: number, limit: number): MediaRetry[] {
    return this.q.dueMedia.all(now, limit).map((r) => ({
      externalId: r.external_id,
      chatId: r.chat_id,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error,
    }));
  }
  updateMediaRetry(externalId: string, attempts: number, nextAttemptAt: number, lastError: string): void {
    this.q.updMedia.run(attempts, nextAttemptAt, lastError, externalId);
  }
  removeMediaRetry(externalId: string): void {
    this.q.delMedia.run(externalId);
  }
}
