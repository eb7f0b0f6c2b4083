import type { Purpose } from '../contract';
import { ApiError } from '../contract/errors';
import type { Clock, Logger } from '../runtime';
import type { InboundMessage, MessageType } from '../core/channel';
import type { Store } from '../store';
import type { ContactListRow, ContactRow } from '../store/contacts-repo';
import type { MessageRow } from '../store/messages-repo';
import type { ConsentHooks, SendKind } from './consent-hooks';
import type { EventBus } from './event-bus';
import { resolveInboundContact } from './inbound-contact';
import { newSendKey } from './send-key';
import { toContactViews, toMessageView } from './views';

/** Media already written to the content-addressed store, ready to be linked to its message. */
export interface StoredMediaRef {
  sha256: string;
  mime: string;
  size: number;
  fileName?: string | null;
}

export interface SendRequest {
  contactId: number;
  /** Text, or the caption of a file ('' for none). */
  text: string;
  purpose: Purpose;
  kind: SendKind;
  author: MessageRow['author'];
  /** A file already in the media store, with the message type its bytes call for. */
  media?: { ref: StoredMediaRef; type: MessageType };
  /** The staff profile writing it (null for automatic texts). */
  authorProfileId?: number | null;
  /** The profile's or API caller's name at the time; null for consent texts. */
  authorName?: string | null;
  /** Reply with quote: a visible message of the same conversation. */
  quotedMessageId?: number;
}

/** One message of an inbound batch, with its media already in the store. */
export interface InboundBatchItem {
  msg: InboundMessage;
  media?: StoredMediaRef;
}

/** What became of one message of a batch: stored (or already known), or refused and rolled back alone. */
export type InboundOutcome = { ok: true; duplicate: boolean; messageId?: number } | { ok: false; error: string };

/** What a batch attempt took: an outcome per message, and the messages it stored. */
interface TakenBatch {
  outcomes: InboundOutcome[];
  committed: { contactId: number; message: MessageRow }[];
}

/**
 * Receives and sends messages. Every inbound message is committed before the
 * channel may treat it as received; every outbound message goes through the
 * consent gate and then the durable outbox. This is the only writer of
 * messages, so the rules cannot be skipped by another path.
 */
export class Messaging {
  /** While a batch is being written: the contacts whose rows are announced once at its end. */
  private pendingContacts: Set<number> | undefined;
  /** Called after an outbound message is queued, so the outbox sends it promptly. */
  onQueued: () => void = () => {};
  /** A wake of the outbox is scheduled for after the current transaction (wakeOutbox). */
  private wakePending = false;
  /** Called after a customer message is committed (the bot answers here, after the consent rules ran). */
  onInbound: (message: MessageRow, contactId: number) => void = () => {};
  /** The first message of a new contact, inside its transaction (a staff start link assigns the conversation). */
  onNewContact: (conversationId: number, body: string) => void = () => {};

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly consent: ConsentHooks,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Idempotent: a message id seen before is ignored. Returns once committed.
   * Media bytes are stored by the caller first (async, on disk); only the
   * reference is written here, in the same transaction as the message.
   */
  receive(msg: InboundMessage, media?: StoredMediaRef): MessageRow | undefined {
    const result = this.store.tx(() => this.commitInbound(msg, media));
    if (!result) return undefined;
    return this.announce(result, true);
  }

  /**
   * A batch of inbound messages (a catch-up after a reconnect, a burst): one
   * transaction for the whole batch, each message through exactly the rules
   * of receive() in the given order (dedupe, contact, consent, quarantine),
   * so a STOP in the middle of a batch holds for every later message. Events
   * are held and coalesced: one `messages.added`, one row update per contact.
   * A message that fails is rolled back alone and reported; the others are
   * kept (the batch is then taken again with a savepoint per message).
   */
  receiveBatch(items: readonly InboundBatchItem[]): InboundOutcome[] {
    if (items.length === 0) return [];
    let outcomes: InboundOutcome[] = [];
    this.bus.hold(() => {
      const contacts = new Set<number>();
      this.pendingContacts = contacts;
      let rows: { contactId: number; message: MessageRow }[];
      try {
        const mark = this.bus.heldMark();
        let taken = this.takeWhole(items);
        if (!taken) {
          // A message could not be taken and the whole attempt was rolled back: forget what it
          // announced and take the batch again, each message in its own savepoint.
          this.bus.dropHeldSince(mark);
          contacts.clear();
          taken = this.takeEach(items);
        }
        outcomes = taken.outcomes;
        rows = taken.committed.map((r) => ({ ...r, message: this.announce(r, false) }));
      } finally {
        this.pendingContacts = undefined;
      }
      this.emitContacts([...contacts]);
      for (const r of rows) this.followUp(r.message, r.contactId);
    });
    return outcomes;
  }

  /**
   * The usual batch: one transaction, no savepoint per message (a savepoint
   * copies every page a message touches, so it can be rolled back alone).
   * Undefined, with everything rolled back, when any message fails.
   */
  private takeWhole(items: readonly InboundBatchItem[]): TakenBatch | undefined {
    const taken: TakenBatch = { outcomes: [], committed: [] };
    try {
      this.store.tx(() =>
        this.store.messages.insertsIndexedAtEnd(() => {
          for (const item of items) {
            const r = this.commitInbound(item.msg, item.media);
            if (r) taken.committed.push(r);
            taken.outcomes.push({ ok: true, duplicate: r === undefined, messageId: r?.message.id });
          }
        }),
      );
      return taken;
    } catch {
      return undefined;
    }
  }

  /** A batch with a message that fails: each message in its own savepoint, so only that one is rolled back. */
  private takeEach(items: readonly InboundBatchItem[]): TakenBatch {
    const taken: TakenBatch = { outcomes: [], committed: [] };
    this.store.tx(() => {
      for (const item of items) {
        try {
          const r = this.store.tx(() => this.commitInbound(item.msg, item.media));
          if (r) taken.committed.push(r);
          taken.outcomes.push({ ok: true, duplicate: r === undefined, messageId: r?.message.id });
        } catch (err) {
          taken.outcomes.push({ ok: false, error: err instanceof Error ? err.message : String(err) });
        }
      }
    });
    return taken;
  }

  /** The write of one inbound message (inside a transaction); undefined for a duplicate. */
  private commitInbound(msg: InboundMessage, media?: StoredMediaRef): { contactId: number; message: MessageRow } | undefined {
    if (this.store.messages.existsExternal(msg.externalId)) return undefined;
    const { contact, conversationId, isNew } = resolveInboundContact(this.store, this.logger, msg, this.clock.now());
    const fromShop = msg.fromMe === true;
    const quarantined = !fromShop && this.consent.holdsInbound(contact.id);
    const mediaId = media ? this.store.media.upsert(media, this.clock.now()) : null;
    const message = this.store.messages.insert({
      conversationId,
      externalId: msg.externalId,
      direction: fromShop ? 'out' : 'in',
      type: msg.type,
      body: msg.body,
      author: fromShop ? 'phone' : 'customer',
      status: fromShop ? 'sent' : 'received',
      quarantined,
      mediaId,
      extra: msg.extra ?? null,
      quotedMessageId: msg.quotedExternalId ? (this.store.messages.idByExternalId(msg.quotedExternalId) ?? null) : null,
      sentAt: msg.sentAt,
      createdAt: this.clock.now(),
    });
    if (isNew && !fromShop) this.onNewContact(conversationId, msg.body);
    if (!fromShop) this.consent.afterInbound({ contact, message, isNewContact: isNew });
    return { contactId: contact.id, message };
  }

  /**
   * After the commit: the message event. A held-back message is re-read (the
   * consent rules may have revealed it meanwhile, a JA reveals itself); a
   * visible one is as inserted, since the rules change only held-back rows.
   */
  private announce(result: { contactId: number; message: MessageRow }, followUp: boolean): MessageRow {
    const message = result.message.quarantined ? this.store.messages.byId(result.message.id)! : result.message;
    if (!message.quarantined) this.bus.emit('message.added', toMessageView(message));
    this.emitContact(result.contactId);
    if (followUp) this.followUp(message, result.contactId);
    return message;
  }

  private followUp(message: MessageRow, contactId: number): void {
    if (message.direction !== 'in' || message.quarantined) return;
    try {
      this.onInbound(message, contactId);
    } catch (err) {
      // An automatic answer must never undo the customer's committed message.
      this.logger.error('inbound follow-up failed', { error: String(err) });
    }
  }

  /**
   * The sender edited a message: the new text is shown, and every earlier
   * text stays in the message's history (`extra.edits`). Returns false when
   * the message is unknown, deleted or unchanged.
   */
  applyEdit(externalId: string, body: string, at: number): boolean {
    const row = this.store.messages.byExternalId(externalId);
    if (!row || row.body === body) return false;
    const extra = parseExtra(row.extra);
    if (extra['revoked'] === true) return false;
    const edits = Array.isArray(extra['edits']) ? extra['edits'] : [];
    extra['edits'] = [...edits, { body: row.body, until: at }];
    this.store.messages.setEdited(row.id, body, JSON.stringify(extra));
    this.emitMessageUpdated(row.id);
    this.emitContact(row.contact_id);
    return true;
  }

  /**
   * The sender deleted a message for everyone: its text (with earlier
   * versions), file reference and details are erased; the row stays so the
   * conversation shows "deleted". Returns the content hash of a file the
   * message held (the caller removes it once nothing else references it).
   */
  applyRevoke(externalId: string): { sha256: string | null } | undefined {
    const row = this.store.messages.byExternalId(externalId);
    if (!row) return undefined;
    const sha256 = row.media_id !== null ? (this.store.media.byId(row.media_id)?.sha256 ?? null) : null;
    this.store.messages.erase(row.id, JSON.stringify({ revoked: true, revokedAt: this.clock.now() }));
    this.emitMessageUpdated(row.id);
    this.emitContact(row.contact_id);
    return { sha256 };
  }

  /** Media that arrived after its message (a download retried later). */
  attachMedia(externalId: string, media: StoredMediaRef): boolean {
    const row = this.store.messages.byExternalId(externalId);
    if (!row) return false;
    this.store.media.attach(row.id, this.store.media.upsert(media, this.clock.now()));
    this.emitMessageUpdated(row.id);
    return true;
  }

  /** Queues a message after the gate allows it; throws ApiError('consent_required') otherwise. */
  send(req: SendRequest): MessageRow {
    const contact = this.assertMaySend(req.contactId, req.purpose, req.kind);
    const conversationId = this.store.messages.conversationIdOf(contact.id)!;
    if (req.quotedMessageId !== undefined) {
      const quoted = this.store.messages.byId(req.quotedMessageId);
      if (!quoted || quoted.conversation_id !== conversationId || quoted.quarantined) {
        throw new ApiError('validation', 'quotedMessageId: no such message in this conversation', { field: 'quotedMessageId' });
      }
    }
    const message = this.store.tx(() => {
      const row = this.store.messages.insert({
        conversationId,
        authorProfileId: req.authorProfileId ?? null,
        authorName: req.authorName ?? null,
        quotedMessageId: req.quotedMessageId ?? null,
        direction: 'out',
        type: req.media?.type ?? 'text',
        body: req.text,
        mediaId: req.media ? this.store.media.upsert(req.media.ref, this.clock.now()) : null,
        author: req.author,
        status: 'queued',
        purpose: req.purpose,
        createdAt: this.clock.now(),
      });
      this.store.outbox.enqueue(row.id, conversationId, newSendKey(this.clock.now()), req.kind, this.clock.now());
      return row;
    });
    this.bus.emit('message.added', toMessageView(message));
    this.emitContact(contact.id);
    this.wakeOutbox();
    return message;
  }

  /**
   * The gate's answer before any work (e.g. writing a file to disk); send()
   * asks again, so this is a courtesy, not the check.
   */
  assertMaySend(contactId: number, purpose: Purpose, kind: SendKind): ContactRow {
    const contact = this.store.contacts.byId(contactId);
    if (!contact) throw new ApiError('not_found', 'contact not found', { field: 'contactId' });
    const decision = this.consent.gate(contact.id, purpose, kind);
    if (!decision.allowed) throw new ApiError('consent_required', decision.message, { reason: decision.reason });
    return contact;
  }

  /** Staff retries a failed message: same message, same idempotency key, new attempts. */
  retry(messageId: number): MessageRow {
    const message = this.store.messages.byId(messageId);
    const entry = this.store.outbox.byMessageId(messageId);
    if (!message || !entry) throw new ApiError('not_found', 'message not found', { field: 'messageId' });
    if (message.status !== 'failed') throw new ApiError('conflict', 'only failed messages can be retried');
    const decision = this.consent.gate(message.contact_id, message.purpose ?? 'service', entry.kind as SendKind, messageId);
    if (!decision.allowed) throw new ApiError('consent_required', decision.message, { reason: decision.reason });
    this.store.tx(() => {
      // 'sent' means the channel took it and the messenger later reported a failure: send anew.
      this.store.outbox.requeue(entry.id, this.clock.now(), entry.state === 'sent' ? newSendKey(this.clock.now()) : undefined);
      this.store.messages.setStatus(messageId, 'queued');
    });
    const updated = this.store.messages.byId(messageId)!;
    this.bus.emit('message.updated', toMessageView(updated));
    this.wakeOutbox();
    return updated;
  }

  /**
   * Wakes the outbox once the current transaction has committed. A consent
   * text queued while a customer's message is taken sits in that message's
   * transaction; woken at once, the worker handed it to the line before the
   * commit, so a crash or a rolled-back message could have sent it and then
   * queued it again. A transaction is synchronous: a microtask runs after it.
   */
  private wakeOutbox(): void {
    if (!this.store.db.inTransaction) return this.onQueued();
    if (this.wakePending) return;
    this.wakePending = true;
    queueMicrotask(() => {
      this.wakePending = false;
      this.onQueued();
    });
  }

  /** The contact and its inbox row changed: both events, from one read of the summary row (once per contact in a batch). */
  emitContact(contactId: number): void {
    if (this.pendingContacts) {
      this.pendingContacts.add(contactId);
      return;
    }
    const row = this.store.contacts.listRow(contactId);
    if (row) this.emitRow(row);
  }

  /** Both events of a changed contact from its row (the summary is made once and shared). */
  private emitRow(row: ContactListRow): void {
    const { summary, item } = toContactViews(row);
    this.bus.emit('contact.updated', summary);
    this.bus.emit('conversation.changed', item);
  }

  /** emitContact for many contacts: their rows in one read (a batch touches hundreds). */
  private emitContacts(contactIds: readonly number[]): void {
    if (contactIds.length === 0) return;
    if (contactIds.length === 1) return this.emitContact(contactIds[0]!);
    for (const row of this.store.contacts.rowsForContacts(contactIds)) this.emitRow(row);
  }

  emitMessageUpdated(messageId: number): void {
    const row = this.store.messages.byId(messageId);
    if (row && !row.quarantined) this.bus.emit('message.updated', toMessageView(row));
  }
}

function parseExtra(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
