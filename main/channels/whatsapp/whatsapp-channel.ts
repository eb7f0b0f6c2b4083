import { readFile, readlink, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import wwebjs from 'whatsapp-web.js';
import type { Message, MessageMedia, MessageSendOptions } from 'whatsapp-web.js';
import type { Clock, Logger } from '../../runtime';
import type { PaceKind, Pacer } from '../../core/pacing';
import {
  ChannelOfflineError,
  PermanentChannelError,
  SendCancelledError,
  TransientChannelError,
  type Channel,
  type ChannelAddress,
  type ChannelEvents,
  type ChannelState,
  type InboundMedia,
  type InboundMessage,
  type LinkingCapability,
  type MediaRecovered,
  type OutboundAddress,
  type OutboundMessage,
} from '../../core/channel';
import { BrowserNotFoundError, SnapBrowserError, findBrowser } from './browser';
import { createRealClient, sessionFolder } from './client-options';
import { phoneFromDigits } from '../../core/phone';
import { defaultChatId, isLidChatId, isPhoneChatId, isSendableChatId, phoneFromChatId } from './wa-ids';
import { chatIdOf, classify, mapAck, pushNameOf, type WaMessageFields } from './map-message';
import { MemorySyncStore, type WhatsAppSyncStore } from './sync-store';

/**
 * The WhatsApp line, bridged through whatsapp-web.js.
 *
 * Supervision. The client runs in this process, but the thing that crashes
 * and hangs — Chrome and WhatsApp Web — already runs in a separate browser
 * process driven over the DevTools protocol. What is left to contain here is
 * the library's promises: every call goes through a timeout, every event
 * handler is wrapped so nothing escapes, each client instance has a
 * generation number so events of a discarded client are ignored, and a
 * watchdog restarts a client that stops answering. A crash, hang or
 * disconnect leads to a new client after an exponential back-off. Keeping it
 * in-process avoids shipping and bundling a second Node entry point and a
 * message protocol for every call; the Channel interface would let a
 * child-process transport replace this class without touching the app.
 *
 * Never losing a message. An inbound message counts as received only when
 * the app's handler (which commits it to SQLite) resolves. The catch-up
 * checkpoint advances only past committed messages; a handler failure moves
 * it back, so the next catch-up (after every connect, and shortly after the
 * failure) delivers the message again. Duplicates are dropped here by
 * message id and again by the store's unique external id.
 */

/** The surface of whatsapp-web.js's Client this channel uses (tests pass a fake with real Message objects). */
export interface WaChat {
  id: { _serialized: string };
  timestamp: number;
  isGroup: boolean;
  fetchMessages(options: { limit?: number; fromMe?: boolean }): Promise<Message[]>;
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
  /** Present on the real client once launched: lets a crash of Chrome be noticed and a hung Chrome be killed. */
  pupBrowser?: unknown;
}

export type { MediaRecovered } from '../../core/channel';

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

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
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

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const SEEN_LIMIT = 5_000;
const LID_MISS_MS = 10 * 60_000;
/** How whatsapp-web.js says a number has no WhatsApp account (or no LID yet). */
const NOT_ON_WHATSAPP = /No LID for user|not a WhatsApp user|invalid wid|wid error/i;
const notOnWhatsApp = (chatId: string) => `${chatId.split('@')[0] ?? chatId} is not on WhatsApp (or not reachable yet)`;
const SEND_BODY_MATCH_WINDOW_MS = 60_000;
/** Messages per commit when a catch-up delivers a backlog (one transaction each, see Messaging.receiveBatch). */
const CATCH_UP_BATCH = 500;

/** A message read and ready: to deliver, to skip (known or ignored), or not deliverable now (no handler). */
type Prepared =
  | { kind: 'skip' | 'unhandled'; id: string; t: number }
  | { kind: 'deliver'; id: string; t: number; msg: InboundMessage; chatId: string; mediaError: string | undefined };

export class WhatsAppChannel implements Channel {
  readonly kind = 'whatsapp' as const;
  readonly linking: LinkingCapability = {
    requestPairingCode: (phoneDigits) => this.requestPairingCode(phoneDigits),
    unlink: () => this.unlink(),
  };

  private readonly o: WhatsAppChannelOptions;
  private readonly sync: WhatsAppSyncStore;
  private readonly clientId: string;
  private readonly t: Required<NonNullable<WhatsAppChannelOptions['timeouts']>>;
  private readonly backoffInitial: number;
  private readonly backoffMax: number;
  private readonly media: { intervalMs: number; baseDelayMs: number; maxAttempts: number };

  private handlers: Partial<ChannelEvents> = {};
  private mediaHandler: ((m: MediaRecovered) => Promise<void>) | undefined;
  private current: ChannelState = { state: 'disconnected', reason: 'not started' };

  private running = false;
  private generation = 0;
  private client: WaClient | undefined;
  private readonly attached = new WeakSet<WaClient>();
  private ready = false;
  private attempts = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdogTimer: ReturnType<typeof setInterval> | undefined;
  private plannedTimer: ReturnType<typeof setTimeout> | undefined;
  private mediaTimer: ReturnType<typeof setInterval> | undefined;
  private inboundRetryTimer: ReturnType<typeof setTimeout> | undefined;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private qrTimer: ReturnType<typeof setTimeout> | undefined;
  /** The client being launched, so a stop meanwhile can still close its browser. */
  private launching: { client: WaClient; settled: Promise<unknown> } | undefined;

  /** Inbound work runs one message at a time, in order: live and catch-up never race. */
  private inbound: Promise<void> = Promise.resolve();
  private catchUpRun: Promise<void> | undefined;
  private readonly seen = new Set<string>();
  /** Lowest timestamp (s) of a message whose commit failed since the last catch-up. */
  private failedFloor = Number.POSITIVE_INFINITY;
  private readonly lidPhone = new Map<string, string>();
  /** @lid ids whose phone could not be found, and until when not to ask again (each miss can cost two call deadlines). */
  private readonly lidMiss = new Map<string, number>();

  private readonly sendsInFlight = new Set<Promise<unknown>>();
  private readonly sendsByKey = new Map<string, Promise<{ externalId: string }>>();

  constructor(opts: WhatsAppChannelOptions) {
    this.o = opts;
    this.sync = opts.syncStore ?? new MemorySyncStore();
    this.clientId = opts.clientId ?? 'tresen';
    this.t = {
      initializeMs: opts.timeouts?.initializeMs ?? 180_000,
      callMs: opts.timeouts?.callMs ?? 30_000,
      sendMs: opts.timeouts?.sendMs ?? 60_000,
      destroyMs: opts.timeouts?.destroyMs ?? 15_000,
      downloadMs: opts.timeouts?.downloadMs ?? 120_000,
      readyMs: opts.timeouts?.readyMs ?? 3 * 60_000,
    };
    this.backoffInitial = opts.backoff?.initialMs ?? 2_000;
    this.backoffMax = opts.backoff?.maxMs ?? 5 * 60_000;
    this.media = {
      intervalMs: opts.mediaRetry?.intervalMs ?? 60_000,
      baseDelayMs: opts.mediaRetry?.baseDelayMs ?? 60_000,
      maxAttempts: opts.mediaRetry?.maxAttempts ?? 8,
    };
  }

  // ---------------------------------------------------------------- Channel

  state(): ChannelState {
    return this.current;
  }

  setHandlers(handlers: Partial<ChannelEvents>): void {
    this.handlers = { ...this.handlers, ...handlers };
  }

  /** Media that failed to download with its message and arrived later. */
  setMediaHandler(handler: (m: MediaRecovered) => Promise<void>): void {
    this.mediaHandler = handler;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.attempts = 0;
    // Launching never throws to the caller: failures show up as state.
    void this.launch();
  }

  closeBudgetMs(): number {
    // A send in flight, then the inbound drain, then closing the browser (each bounded by its own deadline).
    return this.t.sendMs + this.t.callMs + this.t.destroyMs + 5_000;
  }

  async stop(): Promise<void> {
    await this.discardClient();
    await this.drainInbound();
    if (this.current.state !== 'logged_out' && this.current.state !== 'failed') this.setState({ state: 'disconnected', reason: 'stopped' });
  }

  /** Planned restart (weekly, memory): in-flight inbound work finishes first; catch-up covers the gap. */
  async restart(reason = 'planned restart'): Promise<void> {
    if (!this.running) return;
    this.o.logger.info('whatsapp: restarting client', { reason });
    this.clearTimers();
    const client = this.client;
    this.client = undefined;
    this.generation++;
    this.ready = false;
    await this.drainInbound();
    if (client) await this.teardown(client);
    this.attempts = 0;
    if (this.running) void this.launch();
  }

  /** Unlink the line (settings): logs the session out on WhatsApp and deletes it here. */
  async unlink(): Promise<void> {
    const client = this.client;
    if (client) {
      try {
        await withTimeout(client.logout(), this.t.callMs, 'logout');
      } catch (err) {
        this.o.logger.warn('whatsapp: logout failed; removing the local session anyway', { error: errText(err) });
      }
    }
    await this.loggedOut();
  }

  /** Linking by code instead of QR: the code appears as state 'pairing_code'. */
  async requestPairingCode(phone: string): Promise<string> {
    const digits = phone.replace(/[^\d]/g, '');
    if (!/^\d{6,15}$/.test(digits)) throw new Error('phone number for pairing must have 6 to 15 digits, with country code');
    const client = this.client;
    if (!client || this.ready) throw new TransientChannelError('no line is waiting to be linked');
    const code = await withTimeout(client.requestPairingCode(digits, true), this.t.callMs, 'requestPairingCode');
    this.setState({ state: 'pairing_code', code });
    return code;
  }

  async send(msg: OutboundMessage): Promise<{ externalId: string }> {
    // The same key twice at once (a retry racing the first try) shares one send.
    const running = this.sendsByKey.get(msg.idempotencyKey);
    if (running) return running;
    const p = this.sendOnce(msg).finally(() => {
      this.sendsByKey.delete(msg.idempotencyKey);
    });
    this.sendsByKey.set(msg.idempotencyKey, p);
    return p;
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

  // ------------------------------------------------------------- supervision

  private setState(s: ChannelState): void {
    if (JSON.stringify(s) === JSON.stringify(this.current)) return;
    this.current = s;
    this.watchReady(s.state);
    try {
      this.handlers.state?.(s);
    } catch (err) {
      this.o.logger.error('whatsapp: state handler threw', { error: errText(err) });
    }
  }

  /**
   * A deadline from "loaded and not waiting for a person" (starting after
   * initialize, syncing) to ready. WhatsApp Web that changed, or a sync that
   * raced the library's listener, would otherwise show "syncing" forever.
   */
  private watchReady(state: ChannelState['state'], loaded = false): void {
    const waiting = (state === 'syncing' || (state === 'starting' && loaded)) && !this.ready && this.running;
    if (!waiting) {
      if (state !== 'syncing' && state !== 'starting') this.clearReadyTimer();
      return;
    }
    if (this.readyTimer || this.t.readyMs <= 0) return;
    const client = this.client;
    const gen = this.generation;
    this.readyTimer = setTimeout(() => {
      this.readyTimer = undefined;
      if (gen !== this.generation || this.ready || !client) return;
      this.o.logger.warn('whatsapp: not ready in time; starting a new client', { readyMs: this.t.readyMs, state: this.current.state });
      void this.replace(client, 'WhatsApp Web did not finish loading');
    }, this.t.readyMs);
    this.readyTimer.unref?.();
  }

  /**
   * WhatsApp Web stops rotating the QR code after a while and waits for a
   * click (the library's handler for that fails in 1.34.7). A QR code older
   * than qrStaleMs is dead: a new client shows a fresh one.
   */
  private watchQr(client: WaClient, gen: number): void {
    clearTimeout(this.qrTimer);
    const ms = this.o.qrStaleMs ?? 90_000;
    if (ms <= 0) return;
    this.qrTimer = setTimeout(() => {
      this.qrTimer = undefined;
      if (gen !== this.generation || this.current.state !== 'qr') return;
      this.o.logger.info('whatsapp: the QR code stopped changing; showing a fresh one');
      void this.replace(client, 'QR code expired');
    }, ms);
    this.qrTimer.unref?.();
  }

  private clearReadyTimer(): void {
    clearTimeout(this.readyTimer);
    this.readyTimer = undefined;
  }

  private makeClient(generation: number): WaClient {
    if (this.o.clientFactory) return this.o.clientFactory(generation);
    const configured = typeof this.o.executablePath === 'function' ? this.o.executablePath() : this.o.executablePath;
    const executablePath = findBrowser(configured);
    // One DevTools call must be allowed to last as long as the longest deadline of our own (a media
    // download), or puppeteer ends it first; the channel's own deadlines bound every call anyway.
    const protocolTimeoutMs = Math.max(this.t.downloadMs, this.t.sendMs, this.t.callMs) + 10_000;
    const client = createRealClient({ dataDir: this.o.dataDir, clientId: this.clientId, executablePath, ...this.o.realClient, protocolTimeoutMs: this.o.realClient?.protocolTimeoutMs ?? protocolTimeoutMs });
    containReinjection(client as unknown as Reinjecting, this.o.logger);
    return client as unknown as WaClient;
  }

  private async launch(): Promise<void> {
    if (!this.running) return;
    const gen = ++this.generation;
    this.ready = false;
    this.setState({ state: 'starting' });
    let client: WaClient;
    try {
      client = this.makeClient(gen);
    } catch (err) {
      if (err instanceof BrowserNotFoundError || err instanceof SnapBrowserError) {
        // Retrying cannot help until the browser is installed or configured.
        this.o.logger.error('whatsapp: no browser', { error: err.message });
        this.running = false;
        this.setState({ state: 'failed', reason: err.message });
        return;
      }
      this.o.logger.error('whatsapp: cannot create client', { error: errText(err) });
      this.scheduleRestart(errText(err));
      return;
    }
    this.client = client;
    this.attach(client, gen);
    if (!this.o.clientFactory) await releaseStaleProfile(sessionFolder(this.o.dataDir, this.clientId), this.o.logger);
    const init = client.initialize();
    this.launching = { client, settled: init.catch(() => undefined) };
    // A launch that finishes after its client was discarded still opened a browser: close it.
    void this.launching.settled.then(() => {
      if (gen !== this.generation && this.client !== client) void withTimeout(client.destroy(), this.t.destroyMs, 'late destroy').catch(() => killBrowser(client));
    });
    try {
      await withTimeout(init, this.t.initializeMs, 'initialize');
      if (gen !== this.generation) return;
      this.watchBrowser(client, gen);
      this.watchReady(this.current.state, true);
    } catch (err) {
      if (gen !== this.generation) return;
      this.o.logger.warn('whatsapp: client failed to start', { error: errText(err) });
      await this.replace(client, errText(err));
    }
  }

  /** Drop a failed client and start a new one after the back-off. */
  private async replace(client: WaClient, reason: string): Promise<void> {
    if (this.client === client) this.client = undefined;
    this.generation++;
    this.ready = false;
    this.stopConnectedTimers();
    this.clearReadyTimer();
    await this.teardown(client);
    this.scheduleRestart(reason);
  }

  private scheduleRestart(reason: string): void {
    if (!this.running) return;
    const delay = Math.min(this.backoffMax, this.backoffInitial * 2 ** this.attempts);
    this.attempts++;
    this.setState({ state: 'disconnected', retryInMs: delay, reason });
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.launch(), delay);
    this.restartTimer.unref?.();
  }

  private async teardown(client: WaClient): Promise<void> {
    const wasLaunching = this.launching?.client === client;
    if (this.launching?.client === client) {
      // Stopped while launching: the browser may not be known yet. Wait (bounded) until it is, then close it.
      const end = Date.now() + Math.min(this.t.destroyMs, 3_000);
      while (!client.pupBrowser && Date.now() < end) {
        const settled = await Promise.race([this.launching.settled.then(() => true), new Promise((r) => setTimeout(() => r(false), 50))]);
        if (settled) break;
      }
      this.launching = undefined;
    }
    try {
      await withTimeout(client.destroy(), this.t.destroyMs, 'destroy');
    } catch (err) {
      this.o.logger.warn('whatsapp: destroy failed; killing the browser', { error: errText(err) });
      killBrowser(client);
    }
    try {
      client.removeAllListeners();
    } catch {
      // a half-dead client may throw here too; it is discarded either way
    }
    // Whatever still holds the profile now (a browser still launching, or one that ignored close) is ended.
    if (!this.o.clientFactory && (wasLaunching || !client.pupBrowser)) await releaseStaleProfile(sessionFolder(this.o.dataDir, this.clientId), this.o.logger);
  }

  private watchBrowser(client: WaClient, gen: number): void {
    const browser = client.pupBrowser as { on?: (e: string, f: () => void) => unknown } | null | undefined;
    if (browser && typeof browser.on === 'function') {
      browser.on('disconnected', () => {
        if (gen !== this.generation) return;
        this.o.logger.warn('whatsapp: the browser closed or crashed');
        void this.replace(client, 'browser closed');
      });
    }
  }

  /** Listeners go on each client instance exactly once; events of an older instance are ignored. */
  private attach(client: WaClient, gen: number): void {
    if (this.attached.has(client)) return;
    this.attached.add(client);
    // Payloads are typed per event below; the library's EventEmitter hands them over untyped.
    const on = <A extends unknown[]>(event: string, fn: (...args: A) => unknown) => {
      client.on(event, (...args: unknown[]) => {
        if (gen !== this.generation) return;
        try {
          const r = fn(...(args as A));
          if (r instanceof Promise) r.catch((err: unknown) => this.o.logger.error(`whatsapp: ${event} handler failed`, { error: errText(err) }));
        } catch (err) {
          this.o.logger.error(`whatsapp: ${event} handler failed`, { error: errText(err) });
        }
      });
    };
    on('qr', (qr: string) => {
      // Linking by code was chosen: the library keeps rotating QR codes underneath; they must not hide the code.
      if (this.current.state === 'pairing_code') return;
      this.setState({ state: 'qr', qr: String(qr) });
      this.watchQr(client, gen);
    });
    on('code', (code: string) => this.setState({ state: 'pairing_code', code: String(code) }));
    on('loading_screen', (percent: number) => {
      const p = Math.max(0, Math.min(100, Number(percent) || 0));
      if (!this.ready) this.setState({ state: 'syncing', percent: p });
    });
    on('authenticated', () => {
      if (!this.ready && this.current.state !== 'syncing') this.setState({ state: 'syncing', percent: 0 });
    });
    on('auth_failure', (message: string) => this.o.logger.warn('whatsapp: session could not be restored', { message: String(message) }));
    on('ready', () => this.onReady(client, gen));
    on('change_state', (s: string) => this.onWaState(String(s)));
    on('disconnected', (reason: string) => {
      const r = String(reason);
      this.o.logger.warn('whatsapp: disconnected', { reason: r });
      if (r === 'LOGOUT' || r === 'UNPAIRED' || r === 'UNPAIRED_IDLE') return this.loggedOut();
      if (r === 'TOS_BLOCK' || r === 'SMB_TOS_BLOCK') return this.blocked(r);
      return this.replace(client, r);
    });
    on('message', (m: Message) => {
      if (m.fromMe) return; // typed on the phone: handled via message_create
      return this.enqueue(m);
    });
    on('message_create', async (m: Message) => {
      // Customer messages also fire message_create; only the shop's own count here.
      if (!m.fromMe) return;
      await this.sendsSettled();
      return this.enqueue(m);
    });
    on('message_ack', async (m: Message, ack: number) => {
      if (!m.fromMe) return;
      const state = mapAck(ack);
      if (!state) return;
      // The outbox learns the id when send() returns; an ack that overtakes it waits.
      await this.sendsSettled();
      this.handlers.ack?.({ externalId: m.id._serialized, state });
    });
  }

  private onReady(client: WaClient, gen: number): void {
    this.ready = true;
    this.clearReadyTimer();
    this.attempts = 0;
    this.setState({ state: 'connected' });
    this.startConnectedTimers(client, gen);
    void this.catchUp();
  }

  private onWaState(s: string): void {
    if (s === 'CONNECTED') {
      if (this.ready && this.current.state !== 'connected') {
        this.setState({ state: 'connected' });
        void this.catchUp();
      }
      return;
    }
    if (s === 'TOS_BLOCK' || s === 'SMB_TOS_BLOCK') {
      void this.blocked(s);
      return;
    }
    if (this.ready && ['OPENING', 'TIMEOUT', 'CONFLICT', 'PROXYBLOCK', 'DEPRECATED_VERSION'].includes(s)) {
      // The library reconnects by itself from these; if it gives up it emits 'disconnected'.
      this.setState({ state: 'disconnected', reason: s });
    }
  }

  /** Stops supervising and tears the current client down; its late events are ignored (new generation). */
  private async discardClient(): Promise<void> {
    this.running = false;
    this.clearTimers();
    const client = this.client;
    this.client = undefined;
    this.generation++;
    this.ready = false;
    if (client) await this.teardown(client);
  }

  /** WhatsApp blocked the number: no restart can help, and the session is worthless. */
  private async blocked(s: string): Promise<void> {
    if (this.current.state === 'failed') return;
    this.setState({ state: 'failed', reason: `WhatsApp has blocked this number (${s})` });
    await this.discardClient();
    await this.removeSession();
  }

  private async removeSession(): Promise<void> {
    try {
      await rm(sessionFolder(this.o.dataDir, this.clientId), { recursive: true, force: true, maxRetries: 4 });
    } catch (err) {
      this.o.logger.error('whatsapp: could not remove the session folder', { error: errText(err) });
    }
  }

  private async loggedOut(): Promise<void> {
    await this.discardClient();
    await this.removeSession();
    this.setState({ state: 'logged_out' });
  }

  private startConnectedTimers(client: WaClient, gen: number): void {
    this.stopConnectedTimers();
    const watchdogMs = this.o.watchdogMs ?? 60_000;
    if (watchdogMs > 0) {
      this.watchdogTimer = setInterval(() => {
        if (gen !== this.generation || this.current.state !== 'connected') return;
        withTimeout(client.getState(), this.t.callMs, 'getState').catch((err: unknown) => {
          if (gen !== this.generation) return;
          this.o.logger.warn('whatsapp: client stopped answering', { error: errText(err) });
          void this.replace(client, 'not responding');
        });
      }, watchdogMs);
      this.watchdogTimer.unref?.();
    }
    const planned = this.o.plannedRestartMs ?? 7 * 24 * 3_600_000;
    if (planned > 0 && !this.plannedTimer) {
      this.plannedTimer = setTimeout(() => {
        this.plannedTimer = undefined;
        void this.restart('planned restart');
      }, planned);
      this.plannedTimer.unref?.();
    }
    if (this.media.intervalMs > 0) {
      this.mediaTimer = setInterval(() => void this.retryPendingMedia(), this.media.intervalMs);
      this.mediaTimer.unref?.();
    }
  }

  private stopConnectedTimers(): void {
    clearInterval(this.watchdogTimer);
    clearInterval(this.mediaTimer);
    this.watchdogTimer = undefined;
    this.mediaTimer = undefined;
  }

  private clearTimers(): void {
    this.stopConnectedTimers();
    clearTimeout(this.qrTimer);
    this.qrTimer = undefined;
    this.clearReadyTimer();
    clearTimeout(this.restartTimer);
    clearTimeout(this.plannedTimer);
    clearTimeout(this.inboundRetryTimer);
    this.restartTimer = this.plannedTimer = this.inboundRetryTimer = undefined;
  }

  private async drainInbound(): Promise<void> {
    try {
      await withTimeout(this.inbound, this.t.callMs, 'inbound drain');
    } catch (err) {
      this.o.logger.warn('whatsapp: inbound work did not finish', { error: errText(err) });
    }
  }

  private async sendsSettled(): Promise<void> {
    while (this.sendsInFlight.size > 0) await Promise.allSettled([...this.sendsInFlight]);
  }

  // ----------------------------------------------------------------- inbound

  private enqueue(m: Message): Promise<void> {
    return this.enqueueTask(() => this.process(m));
  }

  private enqueueTask(task: () => Promise<void>): Promise<void> {
    const run = this.inbound.then(task);
    this.inbound = run.catch((err: unknown) => this.o.logger.error('whatsapp: inbound task failed', { error: errText(err) }));
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
    if (Number.isFinite(next) && next > this.sync.getCheckpoint()) this.sync.setCheckpoint(next);
  }

  /** A message is not done: keep the checkpoint at or below it so catch-up fetches it again. */
  private notHandled(t: number): void {
    this.failedFloor = Math.min(this.failedFloor, t);
    if (t < this.sync.getCheckpoint()) this.sync.setCheckpoint(t);
    const retryMs = this.o.inboundRetryMs ?? 30_000;
    if (retryMs > 0 && !this.inboundRetryTimer && this.running) {
      this.inboundRetryTimer = setTimeout(() => {
        this.inboundRetryTimer = undefined;
        if (this.ready) void this.catchUp();
      }, retryMs);
      this.inboundRetryTimer.unref?.();
    }
  }

  private async process(m: Message): Promise<void> {
    const p = await this.readInbound(m);
    if (!p) return;
    if (p.kind !== 'deliver') return this.finish(p, false);
    // Live messages come one at a time through the single handler.
    const handler = this.handlers.message;
    if (!handler) return this.notHandled(p.t);
    let ok = true;
    try {
      await handler(p.msg);
    } catch (err) {
      this.o.logger.error('whatsapp: message not committed; it will be fetched again', { id: p.id, error: errText(err) });
      ok = false;
    }
    this.finish(p, ok);
  }

  /**
   * Everything before the commit: classify, skip what is known, resolve the
   * address, download media. undefined = nothing to do (held back).
   */
  private async readInbound(m: Message): Promise<Prepared | undefined> {
    const id = m?.id?._serialized;
    if (typeof id !== 'string' || !id) return undefined;
    const t = Number.isFinite(m.timestamp) ? m.timestamp : Math.floor(this.o.clock.now() / 1000);
    if (this.seen.has(id)) return { kind: 'skip', id, t };
    const fields = m as unknown as WaMessageFields;
    let c;
    try {
      c = classify(fields);
    } catch (err) {
      this.o.logger.error('whatsapp: message could not be read; ignored', { id, error: errText(err) });
      return { kind: 'skip', id, t };
    }
    if (c.kind === 'ignore') return { kind: 'skip', id, t };
    // Not decrypted yet: the library delivers it as a new message once it is (and catch-up's
    // look-back finds it after a restart). Holding the checkpoint for it would re-run a full
    // catch-up for as long as it stays undecryptable.
    if (c.kind === 'hold') return undefined;
    if (m.fromMe && this.sync.isOwnSend(id)) return { kind: 'skip', id, t }; // sent from Tresen, already in history
    if (this.o.isKnown?.(id)) return { kind: 'skip', id, t };
    if (m.fromMe) {
      // A send that timed out here but went out after all: it is Tresen's, not typed on the phone.
      const pending = this.sync.findPendingSend(chatIdOf(fields), c.body, t * 1000 - SEND_BODY_MATCH_WINDOW_MS);
      if (pending) {
        this.sync.finishSend(pending.idempotencyKey, id, this.o.clock.now());
        return { kind: 'skip', id, t };
      }
    }
    if (!this.handlers.message && !this.handlers.messages) return { kind: 'unhandled', id, t };

    const chatId = chatIdOf(fields);
    const from = await this.address(chatId, fields);
    const msg: InboundMessage = { externalId: id, from, type: c.type, body: c.body, sentAt: t * 1000, extra: c.extra };
    if (m.fromMe) msg.fromMe = true;
    if (isLidChatId(from.chatId) && from.phone) c.extra['phoneChatId'] = defaultChatId(from.phone);

    let mediaError: string | undefined;
    if (c.hasMedia) {
      try {
        const media = await this.download(m);
        if (media) msg.media = media;
        else mediaError = 'media not available yet';
      } catch (err) {
        mediaError = errText(err);
      }
      if (mediaError) c.extra['mediaPending'] = true;
    }
    return { kind: 'deliver', id, t, msg, chatId, mediaError };
  }

  /** After the commit (or the decision not to deliver): checkpoint, media retry. */
  private finish(p: Prepared, committed: boolean): void {
    if (p.kind === 'skip') return this.handled(p.id, p.t);
    if (p.kind !== 'deliver' || !committed) return this.notHandled(p.t);
    if (p.mediaError) {
      this.o.logger.warn('whatsapp: media download failed; will retry', { id: p.id, error: p.mediaError });
      const now = this.o.clock.now();
      this.sync.addMediaRetry({ externalId: p.id, chatId: p.chatId, attempts: 1, nextAttemptAt: now + this.media.baseDelayMs, lastError: p.mediaError });
    }
    this.handled(p.id, p.t);
  }

  /**
   * Catch-up delivers in batches: one commit for up to CATCH_UP_BATCH
   * messages through the batch handler, then each message's checkpoint and
   * media retry in order (a skipped message never moves the checkpoint past
   * an earlier one that is not committed yet).
   */
  private async deliverBatch(batch: Prepared[]): Promise<void> {
    if (batch.length === 0) return;
    const deliver = batch.filter((p): p is Extract<Prepared, { kind: 'deliver' }> => p.kind === 'deliver');
    const committed = new Map<string, boolean>();
    if (deliver.length > 0 && this.handlers.messages) {
      try {
        const ok = await this.handlers.messages(deliver.map((p) => p.msg));
        deliver.forEach((p, i) => committed.set(p.id, ok[i] === true));
      } catch (err) {
        this.o.logger.error('whatsapp: batch not committed; it will be fetched again', { count: deliver.length, error: errText(err) });
      }
    } else {
      for (const p of deliver) {
        try {
          await this.handlers.message?.(p.msg);
          committed.set(p.id, this.handlers.message !== undefined);
        } catch (err) {
          this.o.logger.error('whatsapp: message not committed; it will be fetched again', { id: p.id, error: errText(err) });
        }
      }
    }
    for (const p of batch) {
      if (p.kind === 'deliver' && committed.get(p.id) !== true) this.o.logger.warn('whatsapp: message not committed; it will be fetched again', { id: p.id });
      this.finish(p, committed.get(p.id) === true);
    }
  }

  private async download(m: Message): Promise<InboundMedia | undefined> {
    const mm = await withTimeout(m.downloadMedia(), this.t.downloadMs, 'downloadMedia');
    if (!mm || typeof mm.data !== 'string') return undefined;
    const media: InboundMedia = { data: Buffer.from(mm.data, 'base64') };
    if (mm.mimetype) media.claimedMime = mm.mimetype;
    if (mm.filename) media.fileName = mm.filename;
    return media;
  }

  /** Phone and chat id together, so the app can keep the @lid and phone ids of one person as one contact. */
  private async address(chatId: string, m: WaMessageFields): Promise<ChannelAddress> {
    const addr: ChannelAddress = { chatId };
    const pushName = pushNameOf(m);
    if (pushName) addr.pushName = pushName;
    const direct = phoneFromChatId(chatId);
    if (direct) {
      addr.phone = direct;
      return addr;
    }
    if (!isLidChatId(chatId)) return addr;
    const cached = this.lidPhone.get(chatId);
    if (cached) {
      addr.phone = cached;
      return addr;
    }
    const client = this.client;
    if (!client) return addr;
    const missUntil = this.lidMiss.get(chatId);
    if (missUntil !== undefined && missUntil > this.o.clock.now()) return addr;
    let phone: string | undefined;
    if (typeof client.getContactLidAndPhone === 'function') {
      try {
        const [r] = await withTimeout(client.getContactLidAndPhone([chatId]), this.t.callMs, 'getContactLidAndPhone');
        phone = phoneFromChatId(r?.pn);
      } catch (err) {
        this.o.logger.warn('whatsapp: lid lookup failed', { error: errText(err) });
      }
    }
    if (!phone) {
      try {
        const contact = await withTimeout(client.getContactById(chatId), this.t.callMs, 'getContactById');
        const lidUser = chatId.split('@')[0];
        if (contact?.number && contact.number !== lidUser) phone = phoneFromDigits(contact.number);
      } catch (err) {
        this.o.logger.warn('whatsapp: contact lookup failed', { error: errText(err) });
      }
    }
    if (phone) {
      this.lidPhone.set(chatId, phone);
      this.lidMiss.delete(chatId);
      addr.phone = phone;
    } else {
      if (this.lidMiss.size > SEEN_LIMIT) this.lidMiss.clear();
      this.lidMiss.set(chatId, this.o.clock.now() + LID_MISS_MS);
    }
    return addr;
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
      const client = this.client;
      const gen = this.generation;
      if (!client || !this.ready) return;
      this.failedFloor = Number.POSITIVE_INFINITY;
      const checkpoint = this.sync.getCheckpoint();
      const lookback = Math.floor((this.o.catchUpLookbackMs ?? 24 * 3_600_000) / 1000);
      const since = checkpoint > 0 ? Math.max(0, checkpoint - lookback) : 0;
      const found: Message[] = [];
      try {
        const chats = await withTimeout(client.getChats(), this.t.callMs, 'getChats');
        for (const chat of chats) {
          if (gen !== this.generation) return;
          const chatId = chat?.id?._serialized ?? '';
          if (chat.isGroup || !(isPhoneChatId(chatId) || isLidChatId(chatId))) continue;
          if (!(Number(chat.timestamp) >= since)) continue;
          found.push(...(await this.fetchSince(chat, since)));
        }
      } catch (err) {
        this.o.logger.warn('whatsapp: catch-up failed; will retry', { error: errText(err) });
        // Nothing was skipped: the checkpoint did not move. Try again after the retry delay.
        this.notHandled(checkpoint);
        return;
      }
      found.sort((a, b) => a.timestamp - b.timestamp || a.id._serialized.localeCompare(b.id._serialized));
      let batch: Prepared[] = [];
      let toDeliver = 0;
      for (const m of found) {
        if (gen !== this.generation) return;
        // Within the look-back, only what is not stored yet (the checkpoint never moves back for these).
        const id = m.id?._serialized;
        if (m.timestamp < checkpoint && (this.seen.has(id) || this.o.isKnown?.(id) || (m.fromMe && this.sync.isOwnSend(id)))) continue;
        const p = await this.readInbound(m);
        if (!p) continue;
        batch.push(p);
        if (p.kind === 'deliver' && ++toDeliver >= CATCH_UP_BATCH) {
          await this.deliverBatch(batch);
          batch = [];
          toDeliver = 0;
        }
      }
      if (gen !== this.generation) return;
      await this.deliverBatch(batch);
    });
  }

  private async fetchSince(chat: WaChat, since: number): Promise<Message[]> {
    let limit = this.o.catchUpLimit ?? 50;
    for (;;) {
      const msgs = await withTimeout(chat.fetchMessages({ limit }), this.t.callMs, 'fetchMessages');
      const oldest = msgs.reduce((min, m) => Math.min(min, m.timestamp), Number.POSITIVE_INFINITY);
      // A full page that is all new may hide older new messages: fetch a bigger page.
      if (msgs.length >= limit && oldest >= since && limit < 3_200) {
        limit *= 4;
        continue;
      }
      return msgs.filter((m) => m.timestamp >= since);
    }
  }

  /** Retry media downloads that failed earlier; the app attaches them through the media handler. */
  async retryPendingMedia(): Promise<void> {
    const client = this.client;
    if (!client || !this.ready || !this.mediaHandler) return;
    const now = this.o.clock.now();
    for (const r of this.sync.dueMediaRetries(now, 10)) {
      let media: InboundMedia | undefined;
      let error = 'media not available';
      try {
        const m = await withTimeout(client.getMessageById(r.externalId), this.t.callMs, 'getMessageById');
        if (m) media = await this.download(m);
        else error = 'message no longer on the phone';
      } catch (err) {
        error = errText(err);
      }
      if (media) {
        try {
          await this.mediaHandler({ externalId: r.externalId, media });
          this.sync.removeMediaRetry(r.externalId);
          continue;
        } catch (err) {
          error = `not stored: ${errText(err)}`;
        }
      }
      if (r.attempts + 1 >= this.media.maxAttempts) {
        this.o.logger.error('whatsapp: giving up on media download', { id: r.externalId, error });
        this.sync.removeMediaRetry(r.externalId);
      } else {
        this.sync.updateMediaRetry(r.externalId, r.attempts + 1, now + this.media.baseDelayMs * 2 ** r.attempts, error);
      }
    }
  }

  // ---------------------------------------------------------------- outbound

  /** The given id, else the contact's phone chat, else any id known for them, else the number's chat. */
  private toChatId(to: OutboundAddress): string {
    const chosen = to.chatId ?? to.knownChatIds?.find(isPhoneChatId) ?? to.knownChatIds?.[0];
    if (chosen && isSendableChatId(chosen)) return chosen;
    const digits = (to.phone ?? '').replace(/[^\d]/g, '');
    if (/^\d{6,15}$/.test(digits)) return defaultChatId(digits);
    throw new Error(`cannot send to "${to.chatId || to.phone || ''}": not a WhatsApp chat id or phone number`);
  }

  private async sendOnce(msg: OutboundMessage): Promise<{ externalId: string }> {
    const key = msg.idempotencyKey;
    const done = this.sync.getSend(key);
    if (done?.externalId) return { externalId: done.externalId };
    const chatId = this.toChatId(msg.to);
    this.assertConnected();
    const client = this.client as WaClient;

    if (done) {
      // An earlier try ended without an answer; it may have gone out. Look before sending again.
      const found = await this.findEarlierSend(client, done.chatId, done.body, done.startedAt, Boolean(msg.media));
      if (found) {
        this.sync.finishSend(key, found, this.o.clock.now());
        return { externalId: found };
      }
    }

    await this.o.pacing.take(this.o.paceKindOf?.(msg) ?? 'normal');
    this.assertConnected();
    // Pacing may have waited: a STOP that arrived meanwhile wins.
    if (msg.mayStillSend && !msg.mayStillSend()) throw new SendCancelledError('consent withdrawn while the message waited');
    this.sync.beginSend({ idempotencyKey: key, chatId, body: msg.body, startedAt: this.o.clock.now() });

    let sent: Message | undefined;
    // Only now is the send "in flight": acks and phone messages wait for it, not for its pacing.
    let onWire!: () => void;
    const wire = new Promise<void>((r) => (onWire = r));
    this.sendsInFlight.add(wire);
    try {
      if (msg.media) {
        const media = new wwebjs.MessageMedia(msg.media.mime, msg.media.data.toString('base64'), msg.media.fileName ?? null, msg.media.data.length);
        const options: MessageSendOptions = { sendSeen: false };
        if (msg.body) options.caption = msg.body;
        if (msg.type === 'voice') options.sendAudioAsVoice = true;
        if (msg.type === 'document') options.sendMediaAsDocument = true;
        if (msg.type === 'sticker') options.sendMediaAsSticker = true;
        sent = await withTimeout(client.sendMessage(chatId, media, options), this.t.sendMs, 'sendMessage');
      } else {
        sent = await withTimeout(client.sendMessage(chatId, msg.body, { sendSeen: false }), this.t.sendMs, 'sendMessage');
      }
    } catch (err) {
      this.sendsInFlight.delete(wire);
      onWire();
      if (NOT_ON_WHATSAPP.test(errText(err))) throw new PermanentChannelError(notOnWhatsApp(chatId));
      // Kept as "outcome unknown": the retry checks the chat before sending again.
      throw new TransientChannelError(`WhatsApp send failed: ${errText(err)}`);
    }
    const externalId = sent?.id?._serialized;
    if (typeof externalId === 'string' && externalId) this.sync.finishSend(key, externalId, this.o.clock.now());
    this.sendsInFlight.delete(wire);
    onWire();
    if (typeof externalId !== 'string' || !externalId) {
      // The library answers "nothing" when it found no chat for the number: ask once more, plainly.
      const chat = await withTimeout(client.getChatById(chatId), this.t.callMs, 'getChatById').catch((err: unknown) => {
        if (NOT_ON_WHATSAPP.test(errText(err))) return undefined;
        throw new TransientChannelError(`WhatsApp did not return a message id: ${errText(err)}`);
      });
      if (!chat) throw new PermanentChannelError(notOnWhatsApp(chatId));
      throw new TransientChannelError('WhatsApp did not return a message id');
    }
    return { externalId };
  }

  private assertConnected(): void {
    if (!this.client || !this.ready || this.current.state !== 'connected') {
      throw new ChannelOfflineError(`WhatsApp is not connected (${this.current.state})`);
    }
  }

  private async findEarlierSend(client: WaClient, chatId: string, body: string, startedAt: number, media: boolean): Promise<string | undefined> {
    try {
      const chat = await withTimeout(client.getChatById(chatId), this.t.callMs, 'getChatById');
      if (!chat) return undefined; // no chat: nothing went out there
      const mine = await withTimeout(chat.fetchMessages({ limit: 30, fromMe: true }), this.t.callMs, 'fetchMessages');
      const hit = mine.find(
        (m) =>
          m.fromMe &&
          m.body === body &&
          m.hasMedia === media &&
          m.timestamp * 1000 >= startedAt - SEND_BODY_MATCH_WINDOW_MS &&
          !this.sync.isOwnSend(m.id._serialized),
      );
      return hit?.id._serialized;
    } catch (err) {
      throw new TransientChannelError(`could not check whether an earlier send went out: ${errText(err)}`);
    }
  }
}

function killBrowser(client: WaClient): void {
  try {
    const browser = client.pupBrowser as { process?: () => { kill?: (sig: string) => unknown } | null } | null | undefined;
    browser?.process?.()?.kill?.('SIGKILL');
  } catch {
    // nothing more can be done for a browser that will not die
  }
}

/**
 * A Chrome left over from a crashed Tresen still holds the profile, and every
 * new start fails with "The browser is already running". Chrome names its
 * owner in the profile's SingletonLock ("host-pid"): end that process when it
 * is a browser on this machine using this very profile, then clear the locks.
 */
export async function releaseStaleProfile(profileDir: string, logger: Logger): Promise<void> {
  let target: string;
  try {
    target = await readlink(join(profileDir, 'SingletonLock'));
  } catch {
    return; // no lock: nothing holds the profile
  }
  const m = /^(.*)-(\d+)$/.exec(target);
  const pid = m ? Number(m[2]) : NaN;
  if (m && m[1] === hostname() && Number.isInteger(pid) && pid > 0 && pid !== process.pid && (await usesProfile(pid, profileDir))) {
    logger.warn('whatsapp: ending a browser left over from an earlier run', { pid });
    // puppeteer starts Chrome as a process group leader: end the group (its helpers), then the process.
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // not a group, or already gone
      }
    }
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  for (const f of ['SingletonLock', 'SingletonSocket', 'SingletonCookie']) await rm(join(profileDir, f), { force: true }).catch(() => undefined);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function usesProfile(pid: number, profileDir: string): Promise<boolean> {
  if (!alive(pid)) return false;
  if (process.platform === 'linux') {
    try {
      return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes(profileDir);
    } catch {
      return false;
    }
  }
  // macOS and others: the lock names this machine and a live process; Chrome writes it only for its own profile.
  return process.platform !== 'win32';
}

interface Reinjecting {
  inject?: () => Promise<void>;
  initialize: () => Promise<void>;
}

/**
 * whatsapp-web.js re-injects on every navigation from an async event
 * handler nobody awaits (Client.initialize → page 'framenavigated'). When the
 * page goes away meanwhile (logout, teardown) that promise rejects with
 * "Execution context was destroyed" and nothing catches it. After
 * initialize, re-injection failures are logged here instead; the channel's
 * own deadlines notice a client that did not come back.
 */
function containReinjection(client: Reinjecting, logger: Logger): void {
  const inject = client.inject;
  if (typeof inject !== 'function') return;
  let initialized = false;
  const initialize = client.initialize.bind(client);
  client.initialize = async () => {
    await initialize();
    initialized = true;
  };
  client.inject = function (this: unknown) {
    const run = inject.call(client);
    if (!initialized) return run;
    return run.catch((err: unknown) => logger.warn('whatsapp: re-injection after a navigation failed', { error: errText(err) }));
  };
}
