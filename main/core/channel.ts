/**
 * The one interface every messenger adapter implements (WhatsApp, simulator).
 *
 * Adapters translate; they decide nothing. Consent, storage and retries live
 * in main/core and main/store. An adapter must never throw out of an event
 * handler: a message it cannot understand becomes an `unknown`/`system` type.
 */

export type ChannelKind = 'simulator' | 'whatsapp';

export type MessageType =
  | 'text'
  | 'image'
  | 'video'
  | 'audio'
  | 'voice'
  | 'document'
  | 'sticker'
  | 'location'
  | 'contact_card'
  | 'system'
  | 'unknown';

/** The address of a person on the messenger. */
export interface ChannelAddress {
  /** E.164 with leading '+', when the messenger tells it. */
  phone?: string;
  /** The messenger's own id, e.g. '4915112345678@c.us' or '1234567890@lid'. */
  chatId: string;
  /** Display name the person chose on their phone, if known (untrusted text). */
  pushName?: string;
}

export interface InboundMedia {
  /** Raw bytes; the adapter has already downloaded them. */
  data: Buffer;
  /** MIME type claimed by the messenger (sniffed again before storing). */
  claimedMime?: string;
  fileName?: string;
}

export interface InboundMessage {
  /** Stable unique id from the messenger; used to deduplicate. */
  externalId: string;
  from: ChannelAddress;
  type: MessageType;
  /** Text or caption; '' when there is none. */
  body: string;
  /** When the customer sent it (ms since epoch). */
  sentAt: number;
  /** True when typed on the shop's own phone (not in Tresen). */
  fromMe?: boolean;
  media?: InboundMedia;
  /** Adapter-specific details worth keeping (location, vCard ...), JSON-safe. */
  extra?: Record<string, unknown>;
  /** The messenger id of the message this one replies to (a reply with quote). */
  quotedExternalId?: string;
}

export interface OutboundMessage {
  /** Idempotency key: the adapter must not send the same key twice. */
  idempotencyKey: string;
  to: ChannelAddress;
  type: MessageType;
  body: string;
  media?: { data: Buffer; mime: string; fileName?: string };
  /**
   * Reply with quote: the messenger id of the quoted message (WhatsApp sends
   * it as a reply). Absent when the quoted message has no messenger id yet.
   */
  quotedExternalId?: string;
  /** Tresen's id of the quoted message (for adapters that keep their own record). */
  quotedMessageId?: number;
  /**
   * Asked once more right before the message leaves (after any pacing wait):
   * false means the consent was withdrawn meanwhile, and the adapter must not
   * send but throw SendCancelledError.
   */
  mayStillSend?: () => boolean;
}

export type AckState = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface AckEvent {
  externalId: string;
  state: AckState;
}

export type ChannelState =
  | { state: 'starting' }
  | { state: 'qr'; qr: string }
  | { state: 'pairing_code'; code: string }
  | { state: 'syncing'; percent: number }
  | { state: 'connected' }
  | { state: 'disconnected'; retryInMs?: number; reason?: string }
  | { state: 'logged_out' }
  | { state: 'failed'; reason: string };

export interface ChannelEvents {
  /**
   * A message arrived. The handler resolves once the message is committed;
   * only then may the adapter treat it as received (checkpoint, ack upstream).
   */
  message: (msg: InboundMessage) => Promise<void>;
  ack: (ack: AckEvent) => void;
  state: (state: ChannelState) => void;
}

export interface Channel {
  readonly kind: ChannelKind;
  start(): Promise<void>;
  stop(): Promise<void>;
  state(): ChannelState;
  /** Resolves with the messenger's id of the sent message. Rejects on failure. */
  send(msg: OutboundMessage): Promise<{ externalId: string }>;
  /** Register the single handler for each event (later calls replace it). */
  setHandlers(handlers: Partial<ChannelEvents>): void;
  /**
   * Optional: the longest stop() may take to finish its work cleanly (a send
   * in flight, inbound commits, closing a browser). Quitting waits this long
   * before giving up, so a closing browser is not killed mid-write.
   */
  closeBudgetMs?(): number;
}

/** Thrown by Channel.send when the failure is worth retrying (offline, timeout). */
export class TransientChannelError extends Error {
  override name = 'TransientChannelError';
}

/**
 * Thrown by Channel.send when the line is not connected at all: nothing was
 * tried, so it must not count as a send attempt (the message waits).
 */
export class ChannelOfflineError extends TransientChannelError {
  override name = 'ChannelOfflineError';
}

/** Thrown by Channel.send when retrying cannot help (e.g. the number is not on the messenger). */
export class PermanentChannelError extends Error {
  override name = 'PermanentChannelError';
}

/** Thrown by Channel.send when mayStillSend() said no at the last moment. */
export class SendCancelledError extends Error {
  override name = 'SendCancelledError';
}
