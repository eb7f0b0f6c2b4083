import type { Db } from '../../store/db';
import { WaSyncRepo, type MediaRetry, type SendRecord } from '../../store/wa-sync-repo';

export type { MediaRetry, SendRecord } from '../../store/wa-sync-repo';

/**
 * What the WhatsApp bridge must remember across restarts: the catch-up
 * checkpoint, the outcome of each idempotent send, and media downloads still
 * to retry. Backed by SQLite in the app (the store's WaSyncRepo, `store.waSync`),
 * by memory in tests.
 */

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

/** The SQLite one on a bare connection (needs migration 003 applied); the app uses `store.waSync`, the same repository. */
export class SqliteSyncStore extends WaSyncRepo implements WhatsAppSyncStore {
  constructor(db: Db) {
    super(db);
  }
}
