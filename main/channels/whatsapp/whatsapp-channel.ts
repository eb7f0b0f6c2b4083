import type { Channel, ChannelEvents, ChannelState, LinkingCapability, MediaRecovered, OutboundAddress, OutboundMessage, ReadStateCapability } from '../../core/channel';
import { Inbound } from './inbound';
import { Outbound } from './outbound';
import { Supervisor } from './supervisor';
import { MemorySyncStore } from './sync-store';
import { timeoutsOf, type LineShared, type WhatsAppChannelOptions } from './wa-client';

/**
 * The WhatsApp line, bridged through whatsapp-web.js: a small façade over
 * its parts. The supervisor (supervisor.ts, client-events.ts) keeps one
 * client alive; inbound.ts maps and commits what arrives and catches up after
 * a gap; outbound.ts sends each message once; orphaned-browser.ts ends Chrome
 * processes that outlive their client. Keeping the client in-process avoids
 * shipping a second Node entry point and a message protocol for every call;
 * the Channel interface would let a child-process transport replace this
 * class without touching the app.
 */

export type { MediaRecovered } from '../../core/channel';
export type { WaChat, WaClient, WhatsAppChannelOptions } from './wa-client';
export { releaseStaleProfile } from './orphaned-browser';

export class WhatsAppChannel implements Channel {
  readonly kind = 'whatsapp' as const;
  readonly linking: LinkingCapability = {
    requestPairingCode: (phoneDigits) => this.requestPairingCode(phoneDigits),
    unlink: () => this.unlink(),
  };
  /** Read in Tresen → seen on the phone; read on the phone → read in Tresen (the `readElsewhere` event). */
  readonly readState: ReadStateCapability = {
    markSeen: (to) => this.outbound.markSeen(to),
  };

  private readonly s: LineShared;
  private readonly sup: Supervisor;
  private readonly inbound: Inbound;
  private readonly outbound: Outbound;

  constructor(opts: WhatsAppChannelOptions) {
    this.s = {
      o: opts,
      t: timeoutsOf(opts),
      sync: opts.syncStore ?? new MemorySyncStore(),
      clientId: opts.clientId ?? 'tresen',
      handlers: {},
      mediaHandler: undefined,
    };
    this.sup = new Supervisor(this.s, {
      inbound: (m) => this.inbound.enqueue(m),
      edited: (m, body) => this.inbound.edited(m, body),
      revoked: (m, before) => this.inbound.revoked(m, before),
      readOnPhone: (chatId) => this.inbound.readOnPhone(chatId),
      sendsSettled: () => this.outbound.sendsSettled(),
      ack: (externalId, state) => this.s.handlers.ack?.({ externalId, state }),
      catchUp: () => void this.inbound.catchUp(),
      startConnectedWork: () => this.inbound.startMediaTimer(),
      stopConnectedWork: () => this.inbound.stopMediaTimer(),
      stopTimers: () => this.inbound.stopTimers(),
      drainInbound: () => this.inbound.drain(),
    });
    this.inbound = new Inbound(this.s, this.sup);
    this.outbound = new Outbound(this.s, this.sup);
  }

  state(): ChannelState {
    return this.sup.current;
  }

  setHandlers(handlers: Partial<ChannelEvents>): void {
    this.s.handlers = { ...this.s.handlers, ...handlers };
  }

  /** Media that failed to download with its message and arrived later. */
  setMediaHandler(handler: (m: MediaRecovered) => Promise<void>): void {
    this.s.mediaHandler = handler;
  }

  async start(): Promise<void> {
    this.sup.start();
  }

  closeBudgetMs(): number {
    // A send in flight, then the inbound drain, then closing the browser (each bounded by its own deadline).
    return this.s.t.sendMs + this.s.t.callMs + this.s.t.destroyMs + 5_000;
  }

  stop(): Promise<void> {
    return this.sup.stop();
  }

  /** Planned restart (weekly, memory): in-flight inbound work finishes first; catch-up covers the gap. */
  restart(reason = 'planned restart'): Promise<void> {
    return this.sup.restart(reason);
  }

  /** Unlink the line (settings): logs the session out on WhatsApp and deletes it here. */
  unlink(): Promise<void> {
    return this.sup.unlink();
  }

  /** Linking by code instead of QR: the code appears as state 'pairing_code'. */
  requestPairingCode(phone: string): Promise<string> {
    return this.sup.requestPairingCode(phone);
  }

  send(msg: OutboundMessage): Promise<{ externalId: string }> {
    return this.outbound.send(msg);
  }

  /** Erasure and retention: the person's chats on the linked phone go too. */
  deleteChat(to: OutboundAddress): Promise<boolean> {
    return this.outbound.deleteChat(to);
  }

  /** Resolves when inbound work and any running catch-up have finished (tests, shutdown). */
  whenIdle(): Promise<void> {
    return this.inbound.whenIdle();
  }

  /** Fetch what arrived while Tresen was away (see inbound.ts). */
  catchUp(): Promise<void> {
    return this.inbound.catchUp();
  }

  /** Retry media downloads that failed earlier; the app attaches them through the media handler. */
  retryPendingMedia(): Promise<void> {
    return this.inbound.retryPendingMedia();
  }
}
