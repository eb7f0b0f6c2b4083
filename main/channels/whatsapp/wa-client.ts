import type { Message, MessageMedia, MessageSendOptions } from 'whatsapp-web.js';
import type { Clock, Logger } from '../../runtime';
import type { PaceKind, Pacer } from '../../core/pacing';
import type { ChannelEvents, MediaRecovered, OutboundMessage } from '../../core/channel';
import type { WhatsAppSyncStore } from './sync-store';

/**
 * What the parts of the WhatsApp line share: the surface of whatsapp-web.js's
 * Client the line uses, the line's options, and the one deadline helper every
 * call to the library goes through.
 */

/** The surface of whatsapp-web.js's Client this channel uses (tests pass a fake with real Message objects). */
export interface WaChat {
  id: { _serialized: string };
  timestamp: number;
  isGroup: boolean;
  fetchMessages(options: { limit?: number; fromMe?: boolean }): Promise<Message[]>;
  /** Deletes the chat on the linked phone (whatsapp-web.js Chat.delete). */
  delete?(): Promise<boolean>;
}

export interface WaClient {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  logout(): Promise<void>;
  getState(): Promise<string | null>;
  /** Resolves undefined when the library found no chat or lost the sent message (as the real library does). */
  sendMessage(chatId: string, content: string | MessageMedia, options?: MessageSendOptions): Promise<Message | undefined>;
  getChats(): Promise<WaChat[]>;
  /** Resolves undefined when WhatsApp has no chat for the id (as the real library does). */
  getChatById(chatId: string): Promise<WaChat | undefined>;
  getMessageById(messageId: string): Promise<Message | null | undefined>;
  getContactById(contactId: string): Promise<{ number?: string | null }>;
  getContactLidAndPhone?(userIds: string[]): Promise<{ lid?: string; pn?: string }[]>;
  requestPairingCode(phoneNumber: string, showNotification?: boolean): Promise<string>;
  /** Marks the chat seen on the phone (read ticks for the sender); false when WhatsApp has no such chat. */
  sendSeen?(chatId: string): Promise<boolean>;
  /** Present on the real client once launched: lets a crash of Chrome be noticed and a hung Chrome be killed. */
  pupBrowser?: unknown;
}

export interface WhatsAppChannelOptions {
  dataDir: string;
  /** Configured browser path (settings); auto-detected when empty. A function is read at every (re)start. */
  executablePath?: string | (() => string | undefined);
  /** Replaces the real client (tests). Called once per client instance. */
  clientFactory?: (generation: number) => WaClient;
  clientId?: string;
  /** Settings for the real client: extra Chromium flags, the library's own deadlines. */
  realClient?: { extraArgs?: string[]; authTimeoutMs?: number; protocolTimeoutMs?: number; headless?: boolean };
  logger: Logger;
  clock: Clock;
  pacing: Pacer;
  /** Which pacing class a send belongs to; announcements are paced further. */
  paceKindOf?: (msg: OutboundMessage) => PaceKind;
  syncStore?: WhatsAppSyncStore;
  backoff?: { initialMs?: number; maxMs?: number };
  timeouts?: {
    initializeMs?: number;
    callMs?: number;
    sendMs?: number;
    destroyMs?: number;
    downloadMs?: number;
    /** From "loaded, not waiting for a scan" to ready: past it the client is replaced (WhatsApp Web changed, or sync stuck). */
    readyMs?: number;
    /** How long a request for a pairing code may take before it fails (the QR code stays usable). */
    pairingMs?: number;
  };
  /** A QR code unchanged this long is dead (WhatsApp Web stopped rotating it): start a fresh client. 0 disables. */
  qrStaleMs?: number;
  /** Catch-up also looks this far behind the checkpoint: a sender's clock and late delivery put messages "in the past". */
  catchUpLookbackMs?: number;
  /** True when the app already stored this message (catch-up then skips it without downloading its media again). */
  isKnown?: (externalId: string) => boolean;
  /** Messages fetched per chat on catch-up (grows when a chat has more new messages). */
  catchUpLimit?: number;
  /** How often a connected client is asked for its state; 0 disables the watchdog. */
  watchdogMs?: number;
  /** Planned restart (e.g. weekly) to bound Chrome's memory; 0 disables. */
  plannedRestartMs?: number;
  /** A catch-up this long after a handler failed, so a failed commit does not wait for the next reconnect. */
  inboundRetryMs?: number;
  mediaRetry?: { intervalMs?: number; baseDelayMs?: number; maxAttempts?: number };
}

export type Timeouts = Required<NonNullable<WhatsAppChannelOptions['timeouts']>>;

/** What the supervisor, inbound and outbound parts of one line share. */
export interface LineShared {
  readonly o: WhatsAppChannelOptions;
  readonly t: Timeouts;
  readonly sync: WhatsAppSyncStore;
  readonly clientId: string;
  handlers: Partial<ChannelEvents>;
  mediaHandler: ((m: MediaRecovered) => Promise<void>) | undefined;
}

export function timeoutsOf(opts: WhatsAppChannelOptions): Timeouts {
  return {
    initializeMs: opts.timeouts?.initializeMs ?? 180_000,
    callMs: opts.timeouts?.callMs ?? 30_000,
    sendMs: opts.timeouts?.sendMs ?? 60_000,
    destroyMs: opts.timeouts?.destroyMs ?? 15_000,
    downloadMs: opts.timeouts?.downloadMs ?? 120_000,
    readyMs: opts.timeouts?.readyMs ?? 3 * 60_000,
    pairingMs: opts.timeouts?.pairingMs ?? 30_000,
  };
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** How many message ids (and failed @lid lookups) are remembered at most. */
export const SEEN_LIMIT = 5_000;
/** A message of the shop's own that matches an unfinished send this close in time is that send. */
export const SEND_BODY_MATCH_WINDOW_MS = 60_000;
