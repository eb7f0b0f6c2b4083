import type { Message } from 'whatsapp-web.js';
import type { InboundMedia } from '../../core/channel';
import { errText, withTimeout, type LineShared, type WaClient } from './wa-client';

/** The message's file, or undefined while WhatsApp has none to give (an empty download counts as none). */
export async function downloadMedia(s: LineShared, m: Message): Promise<InboundMedia | undefined> {
  const mm = await withTimeout(m.downloadMedia(), s.t.downloadMs, 'downloadMedia');
  if (!mm || typeof mm.data !== 'string') return undefined;
  // An empty download is no file: the message is kept and its media fetched again later.
  if (mm.data.length === 0) return undefined;
  const media: InboundMedia = { data: Buffer.from(mm.data, 'base64') };
  if (mm.mimetype) media.claimedMime = mm.mimetype;
  if (mm.filename) media.fileName = mm.filename;
  return media;
}

/**
 * Media whose download failed while its message was committed: kept in the
 * sync store and fetched again with growing delays until it arrives or the
 * attempts run out (the message itself is never held back for its file).
 */
export class MediaRetries {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly o: { intervalMs: number; baseDelayMs: number; maxAttempts: number };

  constructor(
    private readonly s: LineShared,
    private readonly line: { readonly client: WaClient | undefined; readonly ready: boolean },
  ) {
    this.o = {
      intervalMs: s.o.mediaRetry?.intervalMs ?? 60_000,
      baseDelayMs: s.o.mediaRetry?.baseDelayMs ?? 60_000,
      maxAttempts: s.o.mediaRetry?.maxAttempts ?? 8,
    };
  }

  start(): void {
    if (this.o.intervalMs > 0) {
      this.timer = setInterval(() => void this.retryPending(), this.o.intervalMs);
      this.timer.unref?.();
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A committed message whose file could not be fetched: try again later. */
  add(externalId: string, chatId: string, error: string): void {
    this.s.o.logger.warn('whatsapp: media download failed; will retry', { id: externalId, error });
    this.s.sync.addMediaRetry({ externalId, chatId, attempts: 1, nextAttemptAt: this.s.o.clock.now() + this.o.baseDelayMs, lastError: error });
  }

  /** Retry the downloads that are due; the app attaches them through the media handler. */
  async retryPending(): Promise<void> {
    const client = this.line.client;
    if (!client || !this.line.ready || !this.s.mediaHandler) return;
    const now = this.s.o.clock.now();
    for (const r of this.s.sync.dueMediaRetries(now, 10)) {
      let media: InboundMedia | undefined;
      let error = 'media not available';
      try {
        const m = await withTimeout(client.getMessageById(r.externalId), this.s.t.callMs, 'getMessageById');
        if (m) media = await downloadMedia(this.s, m);
        else error = 'message no longer on the phone';
      } catch (err) {
        error = errText(err);
      }
      if (media) {
        try {
          await this.s.mediaHandler({ externalId: r.externalId, media });
          this.s.sync.removeMediaRetry(r.externalId);
          continue;
        } catch (err) {
          error = `not stored: ${errText(err)}`;
        }
      }
      if (r.attempts + 1 >= this.o.maxAttempts) {
        this.s.o.logger.error('whatsapp: giving up on media download', { id: r.externalId, error });
        this.s.sync.removeMediaRetry(r.externalId);
      } else {
        this.s.sync.updateMediaRetry(r.externalId, r.attempts + 1, now + this.o.baseDelayMs * 2 ** r.attempts, error);
      }
    }
  }
}
