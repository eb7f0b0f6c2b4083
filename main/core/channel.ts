import type { ChannelKind, MessageType, SimPhoneMessage } from '../contract';

/**
 * The one interface every messenger adapter implements (WhatsApp, simulator).
 *
 * Adapters translate; they decide nothing. Consent, storage and retries live
 * in main/core and main/store. An adapter must never throw out of an event
 * handler: a message it cannot understand becomes an `unknown`/`system` type.
 */

export type { ChannelKind, MessageType } from '../contract';

/** The address of a person on the messenger. */
export interface ChannelAddress {
  /** E.164 with leading '+', when the messenger tells it (the adapter fills it whenever its id reveals the number). */
  phone?: string;
  /** The messenger's own id for this person (opaque outside the adapter). */
  chatId: string;
  /** Display name the person chose on their phone, if known (untrusted text). */
  pushName?: string;
}

/**
 * Whom an outbound message goes to. The adapter picks the messenger id: the
 * one given, else the best of the ids known for this contact, else one it
 * derives from the phone number.
 */
export interface OutboundAddress {
  /** E.164 with leading '+'. */
  phone?: string;
  /** A messenger id chosen by the caller (wins over knownChatIds). */
  chatId?: string;
  /** Every messenger id this contact has written from, oldest first. */
  knownChatIds?: readonly string[];
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
  to: OutboundAddress;
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
  /**
   * Several messages at once, oldest first (a catch-up after a reconnect, a
   * burst): committed in one transaction with the rules applied to each in
   * order. Resolves with one flag per message: true once committed (or known
   * already), false when that message was not stored and must be delivered
   * again. Adapters fall back to `message` when this handler is not set.
   */
  messages: (batch: InboundMessage[]) => Promise<boolean[]>;
  ack: (ack: AckEvent) => void;
  state: (state: ChannelState) => void;
  /** The sender changed a message's text (`at`: ms since epoch). */
  edit: (e: { externalId: string; body: string; at: number }) => Promise<void> | void;
  /** The sender deleted a message for everyone: its content must go. */
  revoke: (e: { externalId: string }) => Promise<void> | void;
  /** The chat was read on the linked messenger account (the shop's phone): nothing in it is unread any more. */
  readElsewhere: (chat: { chatId: string; phone?: string }) => Promise<void> | void;
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
  /** Optional: a line that is linked to a phone (QR or pairing code) and can be unlinked. */
  readonly linking?: LinkingCapability;
  /** Optional: read state shared with the messenger (read ticks, the phone's unread chats). */
  readonly readState?: ReadStateCapability;
  /** Optional: simulated customers' phones (the demo line). */
  readonly simulator?: SimulatorCapability;
  /**
   * Optional: media that could not be downloaded with its message and arrives
   * later. Register the single handler (later calls replace it).
   */
  setMediaHandler?(handler: (m: MediaRecovered) => Promise<void>): void;
  /**
   * Optional: deletes the chat with this person on the linked messenger
   * account (erasure, retention), so the shop's phone keeps no copy either.
   * Resolves true when a chat was deleted, false when there was none; rejects
   * when the line is not connected or the messenger refused.
   */
  deleteChat?(to: OutboundAddress): Promise<boolean>;
}

/** A file that reached the adapter after its message was committed. */
export interface MediaRecovered {
  externalId: string;
  media: InboundMedia;
}

/** Linking the line to the shop's phone. */
export interface LinkingCapability {
  /** Asks for a code to type on the phone instead of scanning the QR; also shown as state 'pairing_code'. */
  requestPairingCode(phoneDigits: string): Promise<string>;
  /** Logs the session out on the messenger and deletes it here. */
  unlink(): Promise<void>;
}

/** Read state on the messenger. */
export interface ReadStateCapability {
  /**
   * Staff read the conversation: mark the person's chat seen on the
   * messenger. Resolves true when a chat was marked, false when there was
   * none; rejects (ChannelOfflineError) when the line is not connected.
   */
  markSeen(to: OutboundAddress): Promise<boolean>;
}

/** What a simulated customer sends: text, a file, a location, optionally as a reply. */
export interface SimCustomerMessage {
  text?: string;
  media?: { data: Buffer; mime: string; fileName?: string };
  location?: { latitude: number; longitude: number; name?: string };
  /** Reply to a message on this phone: its id, or its text (the newest message with that text). */
  quote?: { id: string } | string;
}

export interface SimFile {
  data: Buffer;
  mime: string;
  fileName: string | null;
}

/** Driving the simulated customers' phones (demo and training). */
export interface SimulatorCapability {
  /** A simulated customer (E.164) writes to the shop; resolves once committed, with the phone item's id. */
  customerSends(phone: string, input: string | SimCustomerMessage): Promise<{ id: string }>;
  /** Several customers write at once (a burst): delivered as one batch; resolves once committed, with each item's id. */
  customersSendBatch(items: readonly { phone: string; input: string | SimCustomerMessage }[]): Promise<{ id: string; committed: boolean }[]>;
  /** What the customer's phone holds, oldest first. */
  phone(phone: string): SimPhoneMessage[];
  /** The bytes of a file on a phone, if that phone holds it. */
  file(phone: string, id: string): SimFile | undefined;
  customers(): { phone: string; messages: SimPhoneMessage[] }[];
  /** Notified for each new item on a phone. */
  onPhoneMessage: (phone: string, message: SimPhoneMessage) => void;
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
