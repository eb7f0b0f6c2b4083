import type { Message } from 'whatsapp-web.js';
import type { InboundMessage } from '../../core/channel';
import { chatIdOf, classify, ignoredChat, quotedIdFromRaw, type QuoteFields, type WaMessageFields } from './map-message';
import { defaultChatId, isLidChatId, isPhoneChatId, phoneFromChatId } from './wa-ids';
import { AddressResolver } from './address-resolver';
import { downloadMedia, MediaRetries } from './media-retries';
import { SEEN_LIMIT, SEND_BODY_MATCH_WINDOW_MS, errText, withTimeout, type LineShared, type WaChat, type WaClient } from './wa-client';

/**
 * Inbound: customer messages (and the shop's own, typed on the phone) mapped
 * and handed to the app in order — live ones one at a time, a catch-up
 * backlog after a reconnect in batches — plus the chat being read on the
 * phone, and retries of media downloads that failed.
 *
 * Never losing a message. An inbound message counts as received only when
 * the app's handler (which commits it to SQLite) resolves. The catch-up
 * checkpoint advances only past committed messages; a handler failure moves
 * it back, so the next catch-up (after every connect, and shortly after the
 * failure) delivers the message again. Duplicates are dropped here by
 * message id and again by the store's unique external id.
 */

/** Catch-up hands the app at most this many messages per call (one transaction each). */
export const CATCH_UP_BATCH = 500;
/** ... and flushes a batch early once its files reach this size, so a backlog of videos is not all held in memory. */
const CATCH_UP_BATCH_BYTES = 64 * 1024 * 1024;

/** What becomes of one library message: committed by the app, done without a commit, held, or to be fetched again. */
type Step =
  | { kind: 'deliver'; id: string; t: number; chatId: string; msg: InboundMessage; mediaError?: string }
  | { kind: 'done'; id: string; t: number }
  | { kind: 'hold' }
  | { kind: 'retry'; t: number };

/** The supervised client as inbound work sees it. */
export interface LineView {
  readonly client: WaClient | undefined;
  readonly ready: boolean;
  readonly generation: number;
  readonly running: boolean;
}

export class Inbound {
  /** Inbound work runs one message at a time, in order: live and catch-up never race. */
  private inbound: Promise<void> = Promise.resolve();
  private catchUpRun: Promise<void> | undefined;
  private readonly seen = new Set<string>();
  /** Lowest timestamp (s) of a message whose commit failed since the last catch-up. */
  private failedFloor = Number.POSITIVE_INFINITY;
  private readonly addresses: AddressResolver;
  private inboundRetryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly mediaRetries: MediaRetries;

  constructor(
    private readonly s: LineShared,
    private readonly line: LineView,
  ) {
    this.addresses = new AddressResolver(s, line);
    this.mediaRetries = new MediaRetries(s, line);
  }

  /** Resolves when inbound work and any running catch-up have finished (tests, shutdown). */
  async whenIdle(): Promise<void> {
    for (let i = 0; i < 10; i++) {
      const before = this.inbound;
      await this.catchUpRun;
      await before;
      if (before === this.inbound && !this.catchUpRun) return;
    }
  }

  startMediaTimer(): void {
    this.mediaRetries.start();
  }

  stopMediaTimer(): void {
    this.mediaRetries.stop();
  }


  stopTimers(): void {
    this.stopMediaTimer();
    clearTimeout(this.inboundRetryTimer);
    this.inboundRetryTimer = undefined;
  }

  async drain(): Promise<void> {
    try {
      await withTimeout(this.inbound, this.s.t.callMs, 'inbound drain');
    } catch (err) {
      this.s.o.logger.warn('whatsapp: inbound work did not finish', { error: errText(err) });
    }
  }

  /**
   * The sender changed a message's text. Queued behind inbound work, so an
   * edit that follows its message closely finds it committed.
   */
  edited(m: Message, body: string): Promise<void> {
    const externalId = m?.id?._serialized;
    const handler = this.s.handlers.edit;
    if (typeof externalId !== 'string' || !externalId || !handler) return Promise.resolve();
    const at = this.s.o.clock.now();
    return this.enqueueTask(async () => {
      await handler({ externalId, body, at });
    });
  }

  /**
   * The sender deleted a message for everyone. WhatsApp Web keeps the id and
   * turns the message into type "revoked"; the library's copy from before
   * may carry the original key instead: both are handed over.
   */
  revoked(m: Message, before: Message | undefined): Promise<void> {
    const handler = this.s.handlers.revoke;
    const ids = [...new Set([before?.id?._serialized, m?.id?._serialized].filter((x): x is string => typeof x === 'string' && x !== ''))];
    if (ids.length === 0 || !handler) return Promise.resolve();
    return this.enqueueTask(async () => {
      for (const externalId of ids) await handler({ externalId });
    });
  }

  /**
   * The chat was read on the phone. Queued behind inbound work, so a
   * message that arrived just before it is committed first and counts as
   * read too.
   */
  readOnPhone(chatId: string): Promise<void> {
    const handler = this.s.handlers.readElsewhere;
    if (!handler || ignoredChat(chatId)) return Promise.resolve();
    return this.enqueueTask(async () => {
      const phone = phoneFromChatId(chatId) ?? this.addresses.knownPhone(chatId);
      await handler(phone ? { chatId, phone } : { chatId });
    });
  }

  enqueue(m: Message): Promise<void> {
    return this.enqueueTask(() => this.process(m));
  }

  private enqueueTask(task: () => Promise<void>): Promise<void> {
    const run = this.inbound.then(task);
    this.inbound = run.catch((err: unknown) => this.s.o.logger.error('whatsapp: inbound task failed', { error: errText(err) }));
    return run;
  }

  private markSeen(id: string): void {
    this.seen.add(id);
    if (this.seen.size > SEEN_LIMIT) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  /** A message is done (committed or deliberately ignored): the checkpoint may move up to it. */
  private handled(id: string, t: number): void {
    this.markSeen(id);
    const next = Math.min(t, this.failedFloor);
    if (Number.isFinite(next) && next > this.s.sync.getCheckpoint()) this.s.sync.setCheckpoint(next);
  }

  /** A message is not done: keep the checkpoint at or below it so catch-up fetches it again. */
  private notHandled(t: number): void {
    this.failedFloor = Math.min(this.failedFloor, t);
    if (t < this.s.sync.getCheckpoint()) this.s.sync.setCheckpoint(t);
    const retryMs = this.s.o.inboundRetryMs ?? 30_000;
    if (retryMs > 0 && !this.inboundRetryTimer && this.line.running) {
      this.inboundRetryTimer = setTimeout(() => {
        this.inboundRetryTimer = undefined;
        if (this.line.ready) void this.catchUp();
      }, retryMs);
      this.inboundRetryTimer.unref?.();
    }
  }

  private async process(m: Message): Promise<void> {
    const step = await this.toStep(m, Boolean(this.s.handlers.message));
    if (step.kind !== 'deliver') return this.settle(step);
    const handler = this.s.handlers.message;
    if (!handler) return this.notHandled(step.t);
    let ok = true;
    try {
      await handler(step.msg);
    } catch (err) {
      this.s.o.logger.error('whatsapp: message not committed; it will be fetched again', { id: step.id, error: errText(err) });
      ok = false;
    }
    this.committed(step, ok);
  }

  /** A step that needs no commit: done (the checkpoint may pass it), held, or not deliverable now. */
  private settle(step: Exclude<Step, { kind: 'deliver' }>): void {
    if (step.kind === 'done') this.handled(step.id, step.t);
    else if (step.kind === 'retry') this.notHandled(step.t);
  }

  /** After the app's handler: committed (the checkpoint may pass it, a failed download is retried later) or not. */
  private committed(step: Extract<Step, { kind: 'deliver' }>, ok: boolean): void {
    if (!ok) return this.notHandled(step.t);
    if (step.mediaError) {
      this.mediaRetries.add(step.id, step.chatId, step.mediaError);
    }
    this.handled(step.id, step.t);
  }

  /** Maps one library message to what the app commits (address, quote, media downloaded), or says why not. */
  private async toStep(m: Message, canDeliver: boolean): Promise<Step> {
    const id = m?.id?._serialized;
    if (typeof id !== 'string' || !id) return { kind: 'hold' };
    const t = Number.isFinite(m.timestamp) ? m.timestamp : Math.floor(this.s.o.clock.now() / 1000);
    if (this.seen.has(id)) return { kind: 'done', id, t };
    const fields = m as unknown as WaMessageFields;
    let c;
    try {
      c = classify(fields);
    } catch (err) {
      this.s.o.logger.error('whatsapp: message could not be read; ignored', { id, error: errText(err) });
      return { kind: 'done', id, t };
    }
    if (c.kind === 'ignore') return { kind: 'done', id, t };
    // Not decrypted yet: the library delivers it as a new message once it is (and catch-up's
    // look-back finds it after a restart). Holding the checkpoint for it would re-run a full
    // catch-up for as long as it stays undecryptable.
    if (c.kind === 'hold') return { kind: 'hold' };
    if (m.fromMe && this.s.sync.isOwnSend(id)) return { kind: 'done', id, t }; // sent from Tresen, already in history
    if (this.s.o.isKnown?.(id)) return { kind: 'done', id, t };
    if (m.fromMe) {
      // A send that timed out here but went out after all: it is Tresen's, not typed on the phone.
      const pending = this.s.sync.findPendingSend(chatIdOf(fields), c.body, t * 1000 - SEND_BODY_MATCH_WINDOW_MS);
      if (pending) {
        this.s.sync.finishSend(pending.idempotencyKey, id, this.s.o.clock.now());
        return { kind: 'done', id, t };
      }
    }
    if (!canDeliver) return { kind: 'retry', t };

    const chatId = chatIdOf(fields);
    const from = await this.addresses.resolve(chatId, fields);
    const msg: InboundMessage = { externalId: id, from, type: c.type, body: c.body, sentAt: t * 1000, extra: c.extra };
    if (m.fromMe) msg.fromMe = true;
    if (isLidChatId(from.chatId) && from.phone) c.extra['phoneChatId'] = defaultChatId(from.phone);
    const quoted = await this.quotedIdOf(m, chatId);
    if (quoted) msg.quotedExternalId = quoted;

    let mediaError: string | undefined;
    if (c.hasMedia) {
      try {
        const media = await downloadMedia(this.s, m);
        if (media) msg.media = media;
        else mediaError = 'media not available yet';
      } catch (err) {
        mediaError = errText(err);
      }
      if (mediaError) c.extra['mediaPending'] = true;
    }
    return { kind: 'deliver', id, t, chatId, msg, ...(mediaError ? { mediaError } : {}) };
  }

  /**
   * A reply with quote: the quoted message's id as WhatsApp serialises it
   * (the form stored as external id). The library's own lookup knows whose
   * message was quoted; when it fails, the stanza id and the quoted sender
   * carried by the message itself give the same id.
   */
  private async quotedIdOf(m: Message, chatId: string): Promise<string | undefined> {
    if (!m.hasQuotedMsg) return undefined;
    if (typeof m.getQuotedMessage === 'function') {
      try {
        const q = await withTimeout(m.getQuotedMessage(), this.s.t.callMs, 'getQuotedMessage');
        const id = q?.id?._serialized;
        if (typeof id === 'string' && id) return id;
      } catch (err) {
        this.s.o.logger.warn('whatsapp: quoted message lookup failed', { error: errText(err) });
      }
    }
    return quotedIdFromRaw(m.rawData as QuoteFields | undefined, m.fromMe, chatId);
  }

  /**
   * Fetch what arrived while Tresen was away: chats changed since the
   * checkpoint, their messages since then, oldest first, through the same
   * path as live messages (so duplicates fall out).
   */
  catchUp(): Promise<void> {
    if (this.catchUpRun) return this.catchUpRun;
    const run = this.runCatchUp().finally(() => {
      this.catchUpRun = undefined;
    });
    this.catchUpRun = run;
    return run;
  }

  private runCatchUp(): Promise<void> {
    // Runs inside the inbound queue: live messages that arrive meanwhile wait
    // behind it, so the backlog is delivered first and in order.
    return this.enqueueTask(async () => {
      const client = this.line.client;
      const gen = this.line.generation;
      if (!client || !this.line.ready) return;
      this.failedFloor = Number.POSITIVE_INFINITY;
      const checkpoint = this.s.sync.getCheckpoint();
      const lookback = Math.floor((this.s.o.catchUpLookbackMs ?? 24 * 3_600_000) / 1000);
      const since = checkpoint > 0 ? Math.max(0, checkpoint - lookback) : 0;
      const found: Message[] = [];
      try {
        const chats = await withTimeout(client.getChats(), this.s.t.callMs, 'getChats');
        for (const chat of chats) {
          if (gen !== this.line.generation) return;
          const chatId = chat?.id?._serialized ?? '';
          if (chat.isGroup || !(isPhoneChatId(chatId) || isLidChatId(chatId))) continue;
          if (!(Number(chat.timestamp) >= since)) continue;
          found.push(...(await this.fetchSince(chat, since)));
        }
      } catch (err) {
        this.s.o.logger.warn('whatsapp: catch-up failed; will retry', { error: errText(err) });
        // Nothing was skipped: the checkpoint did not move. Try again after the retry delay.
        this.notHandled(checkpoint);
        return;
      }
      found.sort((a, b) => a.timestamp - b.timestamp || a.id._serialized.localeCompare(b.id._serialized));
      // Within the look-back, only what is not stored yet (the checkpoint never moves back for these).
      const fresh = found.filter((m) => {
        const id = m.id?._serialized;
        return !(m.timestamp < checkpoint && (this.seen.has(id) || this.s.o.isKnown?.(id) || (m.fromMe && this.s.sync.isOwnSend(id))));
      });
      if (this.s.handlers.messages) await this.deliverInBatches(fresh, gen);
      else
        for (const m of fresh) {
          if (gen !== this.line.generation) return;
          await this.process(m);
        }
    });
  }

  /**
   * The backlog goes to the app in batches, oldest first: up to
   * CATCH_UP_BATCH messages per call, each call one transaction in which the
   * app applies its rules to every message in order. Steps that need no
   * commit keep their place, so the checkpoint never passes a message of a
   * batch before that batch is committed.
   */
  private async deliverInBatches(list: Message[], gen: number): Promise<void> {
    let pending: Step[] = [];
    let count = 0;
    let bytes = 0;
    const flush = async () => {
      const steps = pending;
      pending = [];
      count = bytes = 0;
      const deliver = steps.filter((x): x is Extract<Step, { kind: 'deliver' }> => x.kind === 'deliver');
      let oks: boolean[] = [];
      if (deliver.length > 0) {
        const handler = this.s.handlers.messages;
        try {
          if (!handler) throw new Error('no handler for messages');
          oks = await handler(deliver.map((x) => x.msg));
        } catch (err) {
          this.s.o.logger.error('whatsapp: catch-up batch not committed; it will be fetched again', { size: deliver.length, error: errText(err) });
        }
      }
      let i = 0;
      for (const step of steps) {
        if (step.kind === 'deliver') this.committed(step, oks[i++] === true);
        else this.settle(step);
      }
    };
    for (const m of list) {
      if (gen !== this.line.generation) break;
      const step = await this.toStep(m, true);
      pending.push(step);
      if (step.kind === 'deliver') {
        count++;
        bytes += step.msg.media?.data.length ?? 0;
        if (count >= CATCH_UP_BATCH || bytes >= CATCH_UP_BATCH_BYTES) await flush();
      }
    }
    // What was prepared is committed even when the client went away meanwhile: it is complete.
    await flush();
  }

  private async fetchSince(chat: WaChat, since: number): Promise<Message[]> {
    let limit = this.s.o.catchUpLimit ?? 50;
    for (;;) {
      const msgs = await withTimeout(chat.fetchMessages({ limit }), this.s.t.callMs, 'fetchMessages');
      const oldest = msgs.reduce((min, m) => Math.min(min, m.timestamp), Number.POSITIVE_INFINITY);
      // A full page that is all new may hide older new messages: fetch a bigger page.
      if (msgs.length >= limit && oldest >= since && limit < 3_200) {
        limit *= 4;
        continue;
      }
      return msgs.filter((m) => m.timestamp >= since);
    }
  }

  /** Retry media downloads that failed earlier (see MediaRetries). */
  retryPendingMedia(): Promise<void> {
    return this.mediaRetries.retryPending();
  }
}
