import type { Clock, Logger } from '../runtime';
import { ChannelOfflineError, PermanentChannelError, SendCancelledError, TransientChannelError, type AckEvent, type Channel, type OutboundMessage } from '../core/channel';
import type { Store } from '../store';
import type { OutboxRow } from '../store/outbox-repo';
import type { ConsentHooks, SendKind } from './consent-hooks';
import type { Messaging } from './messaging';

export interface OutboxOptions {
  /** Tries before a message is shown as failed (staff can retry it). */
  maxAttempts: number;
  /** First back-off; doubles per try up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultOutboxOptions: OutboxOptions = { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

const ackToStatus = { pending: 'queued', sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' } as const;

/**
 * Drains the durable outbox one message at a time (the channel paces itself).
 * The gate is asked again at send time: consent revoked after queueing wins.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  private inFlight: Promise<void> = Promise.resolve();
  /** Reads a stored file's bytes for sending (the app wires the media store). */
  loadMedia: (sha256: string) => Promise<Buffer> = () => Promise.reject(new Error('no media store'));

  constructor(
    private readonly store: Store,
    private readonly channel: Channel,
    private readonly messaging: Messaging,
    private readonly consent: ConsentHooks,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxOptions = defaultOutboxOptions,
  ) {}

  start(): void {
    this.stopped = false;
    const recovered = this.store.outbox.recoverInterrupted(this.clock.now());
    if (recovered > 0) this.logger.info('outbox: re-queued interrupted sends', { recovered });
    this.kick();
  }

  /** Stops scheduling; resolves once a send in flight has been recorded (the store is still open). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** Run now (something was queued or the channel reconnected). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.inFlight = this.drain().catch((err: unknown) => this.logger.error('outbox: drain failed', { error: String(err) }));
  }

  /** Resolves once nothing is due any more (tests and shutdown use it). */
  async drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        for (const entry of this.store.outbox.due(this.clock.now(), 50)) {
          if (this.stopped) return;
          // An offline line is no failed try: messages wait until it connects (the app kicks the worker then).
          if (!this.lineUp()) return;
          await this.sendOne(entry);
        }
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  applyAck(ack: AckEvent): void {
    if (this.stopped) return; // after close the store is gone; the channel replays acks on reconnect
    const row = this.store.messages.applyAck(ack.externalId, ackToStatus[ack.state]);
    if (row) this.messaging.emitMessageUpdated(row.id);
  }

  private lineUp(): boolean {
    return this.channel.state().state === 'connected';
  }

  private schedule(): void {
    if (this.stopped || !this.lineUp()) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.store.outbox.nextDueAt();
    if (next === undefined) return;
    const delay = Math.max(0, next - this.clock.now());
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref?.();
  }

  private async sendOne(entry: OutboxRow): Promise<void> {
    const message = this.store.messages.byId(entry.message_id);
    if (!message) return;
    const contact = this.store.contacts.byId(message.contact_id)!;
    const ask = () => this.consent.gate(contact.id, message.purpose ?? 'service', entry.kind as SendKind, message.id);
    const decision = ask();
    if (!decision.allowed) {
      this.store.tx(() => {
        this.store.outbox.markFailed(entry.id, decision.reason);
        this.store.messages.setStatus(message.id, 'failed', decision.message);
      });
      this.messaging.emitMessageUpdated(message.id);
      return;
    }
    this.store.outbox.markSending(entry.id);
    // The adapter picks among the contact's messenger ids (or derives one from the number).
    const knownChatIds = this.store.contacts.addresses(contact.id);
    try {
      const media = message.media_sha256
        ? {
            data: await this.loadMedia(message.media_sha256),
            mime: message.media_mime ?? 'application/octet-stream',
            fileName: message.media_file_name ?? undefined,
          }
        : undefined;
      const { externalId } = await this.channel.send({
        idempotencyKey: entry.idempotency_key,
        to: { phone: contact.phone, knownChatIds },
        type: message.type as OutboundMessage['type'],
        body: message.body,
        media,
        ...(message.quoted_message_id !== null ? { quotedMessageId: message.quoted_message_id } : {}),
        ...(message.quoted_external_id ? { quotedExternalId: message.quoted_external_id } : {}),
        mayStillSend: () => ask().allowed,
      });
      this.store.tx(() => {
        this.store.outbox.markSent(entry.id);
        this.store.messages.setExternalId(message.id, externalId);
        // An ack may have arrived before we stored the id; never move status backwards.
        if (this.store.messages.byId(message.id)!.status === 'queued') this.store.messages.setStatus(message.id, 'sent');
      });
    } catch (err) {
      if (err instanceof SendCancelledError) {
        const now = ask();
        const why = now.allowed ? err.message : now.message;
        this.store.tx(() => {
          this.store.outbox.markFailed(entry.id, now.allowed ? 'cancelled' : now.reason);
          this.store.messages.setStatus(message.id, 'failed', why);
        });
        this.messaging.emitMessageUpdated(message.id);
        return;
      }
      // A file-system error names a path (the data folder); what staff sees names only its code.
      const code = (err as { code?: unknown } | null)?.code;
      const reason = typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : err instanceof Error ? err.message : String(err);
      if (reason === code) this.logger.warn('outbox: file error', { messageId: message.id, error: String(err) });
      if (err instanceof ChannelOfflineError) {
        this.store.outbox.putBack(entry.id, this.clock.now(), reason);
        this.messaging.emitMessageUpdated(message.id);
        return;
      }
      if (err instanceof PermanentChannelError) {
        this.store.tx(() => {
          this.store.outbox.markFailed(entry.id, reason);
          this.store.messages.setStatus(message.id, 'failed', `Senden fehlgeschlagen: ${reason}`);
        });
        this.logger.warn('outbox: cannot be sent', { messageId: message.id, reason });
        this.messaging.emitMessageUpdated(message.id);
        return;
      }
      const attempts = entry.attempts + 1;
      const transient = err instanceof TransientChannelError;
      if (attempts >= this.options.maxAttempts) {
        this.store.tx(() => {
          this.store.outbox.markFailed(entry.id, reason);
          this.store.messages.setStatus(
            message.id,
            'failed',
            transient ? 'Der Messenger war nicht erreichbar.' : `Senden fehlgeschlagen: ${reason}`,
          );
        });
        this.logger.warn('outbox: giving up', { messageId: message.id, attempts, reason });
      } else {
        const delay = Math.min(this.options.baseDelayMs * 2 ** (attempts - 1), this.options.maxDelayMs);
        this.store.outbox.reschedule(entry.id, this.clock.now() + delay, reason);
      }
    }
    this.messaging.emitMessageUpdated(message.id);
  }
}
