import { randomUUID } from 'node:crypto';
import type { SimPhoneMessage } from '../contract';
import { ApiError } from '../contract/errors';
import { mediaKindOf } from '../contract/mime';
import type { Clock } from '../runtime';
import {
  SendCancelledError,
  type Channel,
  type ChannelEvents,
  type ChannelState,
  type MessageType,
  type OutboundMessage,
  type SimCustomerMessage,
  type SimFile,
  type SimulatorCapability,
} from '../core/channel';

export type { SimCustomerMessage, SimFile } from '../core/channel';

/** The simulator's own id for a phone's chat (any stable text; it is opaque to the app). */
export const simChatId = (e164: string): string => `sim:${e164}`;

/** The type a file from a phone arrives as (the shop sniffs the bytes again before storing). */
function typeOfMime(mime: string): MessageType {
  if (mime === 'audio/ogg' || mime === 'audio/opus') return 'voice';
  return mediaKindOf(mime);
}

/** Where a phone's file can be fetched (same token as the rest of the server). */
export const simMediaUrl = (phone: string, id: string): string =>
  `/sim/customers/${encodeURIComponent(phone)}/messages/${encodeURIComponent(id)}/media`;

/** Where the simulated phones keep what they show, their files and which keys they delivered (the demo database). */
export interface SimPhonePersistence {
  all(): ({ phone: string } & SimPhoneMessage)[];
  append(row: { phone: string } & SimPhoneMessage): void;
  deliveredKey(idempotencyKey: string): string | undefined;
  deliver(idempotencyKey: string, externalId: string, row: { phone: string } & SimPhoneMessage): void;
  saveFile(id: string, file: SimFile): void;
  file(id: string): SimFile | undefined;
}

/**
 * Demo/training channel: simulated customers whose phones are kept in the
 * demo database (in memory when none is given), so a restart neither forgets
 * them nor delivers a repeated idempotency key twice.
 * Staff (or tests) drive a phone through `customerSends`; what the shop sends
 * lands on the phone. It behaves like the real line from the app's side:
 * inbound goes through the same handler and acks arrive asynchronously.
 * Each phone item's id is the messenger id of that message, so replies quote
 * by it in both directions.
 */
export class SimulatorChannel implements Channel, SimulatorCapability {
  readonly kind = 'simulator' as const;
  /** The simulator capability is the channel itself. */
  readonly simulator: SimulatorCapability = this;
  private handlers: Partial<ChannelEvents> = {};
  private current: ChannelState = { state: 'starting' };
  private readonly phones = new Map<string, SimPhoneMessage[]>();
  private readonly files = new Map<string, SimFile>();
  private readonly sentKeys = new Map<string, string>();
  private readonly pendingAcks = new Set<NodeJS.Timeout>();
  /** Notified for each new item on a phone (for the live "Customer phone" panel). */
  onPhoneMessage: (phone: string, message: SimPhoneMessage) => void = () => {};

  constructor(
    private readonly clock: Clock,
    private readonly persistence?: SimPhonePersistence,
  ) {
    for (const { phone, ...m } of persistence?.all() ?? []) {
      const list = this.phones.get(phone) ?? [];
      list.push(m);
      this.phones.set(phone, list);
    }
  }

  async start(): Promise<void> {
    this.setState({ state: 'connected' });
  }

  async stop(): Promise<void> {
    // Acks still in flight would reach an app that has closed its database.
    for (const t of this.pendingAcks) clearTimeout(t);
    this.pendingAcks.clear();
    this.setState({ state: 'disconnected', reason: 'stopped' });
  }

  state(): ChannelState {
    return this.current;
  }

  setHandlers(handlers: Partial<ChannelEvents>): void {
    this.handlers = { ...this.handlers, ...handlers };
  }

  /**
   * A simulated customer (E.164) writes to the shop. Resolves once the shop
   * committed it, with the id of the phone's item.
   */
  async customerSends(phone: string, input: string | SimCustomerMessage): Promise<{ id: string }> {
    const msg: SimCustomerMessage = typeof input === 'string' ? { text: input } : input;
    const text = msg.text ?? '';
    const quoted = msg.quote === undefined ? undefined : this.findQuoted(phone, msg.quote);
    const id = `sim-${randomUUID()}`;
    const item: SimPhoneMessage = { id, direction: 'in', text, at: new Date(this.clock.now()).toISOString() };
    if (msg.media) {
      this.keepFile(id, { data: msg.media.data, mime: msg.media.mime, fileName: msg.media.fileName ?? null });
      item.media = { mime: msg.media.mime, fileName: msg.media.fileName ?? null, size: msg.media.data.length, url: simMediaUrl(phone, id) };
    }
    if (msg.location) item.location = msg.location;
    if (quoted) item.quote = { id: quoted.id, text: quoted.text };
    this.append(phone, item);
    const type: MessageType = msg.media ? typeOfMime(msg.media.mime) : msg.location ? 'location' : 'text';
    await this.handlers.message?.({
      externalId: id,
      from: { phone, chatId: simChatId(phone) },
      type,
      body: msg.location && !text ? (msg.location.name ?? '') : text,
      sentAt: this.clock.now(),
      ...(msg.media ? { media: { data: msg.media.data, claimedMime: msg.media.mime, fileName: msg.media.fileName } } : {}),
      ...(msg.location ? { extra: { location: msg.location } } : {}),
      ...(quoted ? { quotedExternalId: quoted.id } : {}),
    });
    return { id };
  }

  async send(msg: OutboundMessage): Promise<{ externalId: string }> {
    // Same idempotency key twice → the phone shows it once.
    const known = this.sentKeys.get(msg.idempotencyKey) ?? this.persistence?.deliveredKey(msg.idempotencyKey);
    if (known) return { externalId: known };
    if (msg.mayStillSend && !msg.mayStillSend()) throw new SendCancelledError('consent withdrawn');
    const phone = msg.to.phone;
    if (!phone) throw new Error('simulator: recipient has no phone number');
    const externalId = `sim-out-${randomUUID()}`;
    // The phone's text line keeps the earlier form (a file shows as its name); the file itself is kept too.
    const text = msg.media ? `📎 ${msg.media.fileName ?? msg.type}${msg.body ? ` — ${msg.body}` : ''}` : msg.body;
    const item: SimPhoneMessage = { id: externalId, direction: 'out', text, at: new Date(this.clock.now()).toISOString() };
    if (msg.media) {
      this.keepFile(externalId, { data: msg.media.data, mime: msg.media.mime, fileName: msg.media.fileName ?? null });
      item.media = { mime: msg.media.mime, fileName: msg.media.fileName ?? null, size: msg.media.data.length, url: simMediaUrl(phone, externalId) };
    }
    if (msg.quotedExternalId) {
      const quoted = this.phones.get(phone)?.find((m) => m.id === msg.quotedExternalId);
      item.quote = { id: msg.quotedExternalId, text: quoted?.text ?? '' };
    }
    // The phone shows it and remembers the key in one step: a crash cannot split the two.
    if (this.persistence) this.persistence.deliver(msg.idempotencyKey, externalId, { phone, ...item });
    else this.sentKeys.set(msg.idempotencyKey, externalId);
    this.show(phone, item);
    // The phone confirms delivery shortly after, like the real network.
    const timer = setTimeout(() => {
      this.pendingAcks.delete(timer);
      this.handlers.ack?.({ externalId, state: 'delivered' });
    }, 50);
    timer.unref?.();
    this.pendingAcks.add(timer);
    return { externalId };
  }

  /** What the customer's phone holds, oldest first ([] for a phone never used). */
  phone(phone: string): SimPhoneMessage[] {
    return [...(this.phones.get(phone) ?? [])];
  }

  /** The bytes of a file on a phone, if that phone holds it. */
  file(phone: string, id: string): SimFile | undefined {
    if (!this.phones.get(phone)?.some((m) => m.id === id)) return undefined;
    return this.files.get(id) ?? this.persistence?.file(id);
  }

  private keepFile(id: string, file: SimFile): void {
    if (this.persistence) this.persistence.saveFile(id, file);
    else this.files.set(id, file);
  }

  customers(): { phone: string; messages: SimPhoneMessage[] }[] {
    return [...this.phones.entries()].map(([phone, messages]) => ({ phone, messages: [...messages] }));
  }

  private findQuoted(phone: string, quote: { id: string } | string): SimPhoneMessage {
    const list = this.phones.get(phone) ?? [];
    const found =
      typeof quote === 'string' ? [...list].reverse().find((m) => m.text === quote.trim()) : list.find((m) => m.id === quote.id);
    if (!found) throw new ApiError('validation', 'quote: no such message on this phone', { field: 'quote' });
    return found;
  }

  private append(phone: string, m: SimPhoneMessage): void {
    this.persistence?.append({ phone, ...m });
    this.show(phone, m);
  }

  private show(phone: string, m: SimPhoneMessage): void {
    const list = this.phones.get(phone) ?? [];
    list.push(m);
    this.phones.set(phone, list);
    this.onPhoneMessage(phone, m);
  }

  private setState(s: ChannelState): void {
    this.current = s;
    this.handlers.state?.(s);
  }
}
