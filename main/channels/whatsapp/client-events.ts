import type { Message } from 'whatsapp-web.js';
import type { Logger } from '../../runtime';
import type { ChannelState } from '../../core/channel';
import { mapAck } from './map-message';
import { errText, type WaClient } from './wa-client';

/**
 * The library's events, turned into calls on the line. Payloads are typed per
 * event here; the library's EventEmitter hands them over untyped. Every
 * handler is wrapped so nothing escapes, and events of a discarded client
 * (an older generation) are ignored.
 */

/** Messages and their changes, handled by the inbound and outbound parts. */
export interface MessageEvents {
  /** A customer's message, or one the shop typed on the phone (after sends in flight settled). */
  inbound(m: Message): Promise<void>;
  /** Resolves when no send is in flight (acks and own messages wait for it). */
  sendsSettled(): Promise<void>;
  /** The sender changed a message's text. */
  edited(m: Message, newBody: string): Promise<void>;
  /** The sender deleted a message for everyone (`before`: the library's copy from before, when it has one). */
  revoked(m: Message, before: Message | undefined): Promise<void>;
  /** The chat was read on the phone (its unread count dropped to 0). */
  readOnPhone(chatId: string): Promise<void>;
  /** A delivery state of the shop's own message. */
  ack(externalId: string, state: NonNullable<ReturnType<typeof mapAck>>): void;
}

/** What the supervisor does with the client's life events. */
export interface ClientEventSink extends MessageEvents {
  currentState(): ChannelState;
  isReady(): boolean;
  setState(s: ChannelState): void;
  watchQr(client: WaClient, gen: number): void;
  onReady(client: WaClient, gen: number): void;
  onWaState(s: string): void;
  replace(client: WaClient, reason: string): Promise<void>;
  loggedOut(): Promise<void>;
  blocked(reason: string): Promise<void>;
}

export function attachClientEvents(client: WaClient, gen: number, generation: () => number, logger: Logger, sink: ClientEventSink): void {
  const on = <A extends unknown[]>(event: string, fn: (...args: A) => unknown) => {
    client.on(event, (...args: unknown[]) => {
      if (gen !== generation()) return;
      try {
        const r = fn(...(args as A));
        if (r instanceof Promise) r.catch((err: unknown) => logger.error(`whatsapp: ${event} handler failed`, { error: errText(err) }));
      } catch (err) {
        logger.error(`whatsapp: ${event} handler failed`, { error: errText(err) });
      }
    });
  };
  on('qr', (qr: string) => {
    // Linking by code was chosen: the library keeps rotating QR codes underneath; they must not hide the code.
    if (sink.currentState().state === 'pairing_code') return;
    sink.setState({ state: 'qr', qr: String(qr) });
    sink.watchQr(client, gen);
  });
  on('code', (code: string) => sink.setState({ state: 'pairing_code', code: String(code) }));
  on('loading_screen', (percent: number) => {
    const p = Math.max(0, Math.min(100, Number(percent) || 0));
    if (!sink.isReady()) sink.setState({ state: 'syncing', percent: p });
  });
  on('authenticated', () => {
    if (!sink.isReady() && sink.currentState().state !== 'syncing') sink.setState({ state: 'syncing', percent: 0 });
  });
  on('auth_failure', (message: string) => logger.warn('whatsapp: session could not be restored', { message: String(message) }));
  on('ready', () => sink.onReady(client, gen));
  on('change_state', (s: string) => sink.onWaState(String(s)));
  on('disconnected', (reason: string) => {
    const r = String(reason);
    logger.warn('whatsapp: disconnected', { reason: r });
    if (r === 'LOGOUT' || r === 'UNPAIRED' || r === 'UNPAIRED_IDLE') return sink.loggedOut();
    if (r === 'TOS_BLOCK' || r === 'SMB_TOS_BLOCK') return sink.blocked(r);
    return sink.replace(client, r);
  });
  on('message', (m: Message) => {
    if (m.fromMe) return; // typed on the phone: handled via message_create
    return sink.inbound(m);
  });
  on('message_create', async (m: Message) => {
    // Customer messages also fire message_create; only the shop's own count here.
    if (!m.fromMe) return;
    await sink.sendsSettled();
    return sink.inbound(m);
  });
  on('message_edit', (m: Message, newBody: string) => sink.edited(m, String(newBody ?? '')));
  on('message_revoke_everyone', (m: Message, before?: Message | null) => sink.revoked(m, before ?? undefined));
  on('unread_count', (chat: { id?: { _serialized?: unknown }; unreadCount?: unknown } | undefined) => {
    const chatId = chat?.id?._serialized;
    // Only "read": a count going up is a new message, which arrives on its own.
    if (typeof chatId !== 'string' || !chatId || Number(chat?.unreadCount) !== 0) return;
    return sink.readOnPhone(chatId);
  });
  on('message_ack', async (m: Message, ack: number) => {
    if (!m.fromMe) return;
    const state = mapAck(ack);
    if (!state) return;
    // The outbox learns the id when send() returns; an ack that overtakes it waits.
    await sink.sendsSettled();
    sink.ack(m.id._serialized, state);
  });
}
