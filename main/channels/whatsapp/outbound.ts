import wwebjs from 'whatsapp-web.js';
import type { Message, MessageSendOptions } from 'whatsapp-web.js';
import { ChannelOfflineError, PermanentChannelError, SendCancelledError, TransientChannelError, type ChannelState, type OutboundAddress, type OutboundMessage } from '../../core/channel';
import { defaultChatId, isPhoneChatId, isSendableChatId } from './wa-ids';
import { SEND_BODY_MATCH_WINDOW_MS, errText, withTimeout, type LineShared, type WaClient } from './wa-client';

/**
 * Outbound: one send per idempotency key, paced, checked against consent
 * after the pacing wait, and never sent twice when an earlier try's outcome
 * is unknown (the chat is looked at first).
 */

/** How whatsapp-web.js says a number has no WhatsApp account (or no LID yet). */
const NOT_ON_WHATSAPP = /No LID for user|not a WhatsApp user|invalid wid|wid error/i;
const notOnWhatsApp = (chatId: string) => `${chatId.split('@')[0] ?? chatId} is not on WhatsApp (or not reachable yet)`;

/**
 * Options every send shares: the chat is not marked read by sending (staff
 * read it in Tresen), and a reply with quote goes out as WhatsApp's own reply.
 * A quoted message WhatsApp no longer has is dropped from the reply rather
 * than failing the send (the library's ignoreQuoteErrors).
 */
function sendOptions(msg: OutboundMessage): MessageSendOptions {
  const options: MessageSendOptions = { sendSeen: false };
  if (msg.quotedExternalId) {
    options.quotedMessageId = msg.quotedExternalId;
    options.ignoreQuoteErrors = true;
  }
  return options;
}

/** Every WhatsApp id a person may have a chat under: the known ones and the one of the phone number. */
function addressIds(to: OutboundAddress): Set<string> {
  const digits = (to.phone ?? '').replace(/[^\d]/g, '');
  return new Set([...(to.knownChatIds ?? []), ...(/^\d{6,15}$/.test(digits) ? [defaultChatId(digits)] : [])]);
}

/** The supervised client as a send sees it. */
export interface SendLine {
  readonly client: WaClient | undefined;
  readonly ready: boolean;
  readonly current: ChannelState;
}

export class Outbound {
  private readonly sendsInFlight = new Set<Promise<unknown>>();
  private readonly sendsByKey = new Map<string, Promise<{ externalId: string }>>();

  constructor(
    private readonly s: LineShared,
    private readonly line: SendLine,
  ) {}

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

  async sendsSettled(): Promise<void> {
    while (this.sendsInFlight.size > 0) await Promise.allSettled([...this.sendsInFlight]);
  }

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
    const done = this.s.sync.getSend(key);
    if (done?.externalId) return { externalId: done.externalId };
    const chatId = this.toChatId(msg.to);
    this.assertConnected();
    const client = this.line.client as WaClient;

    if (done) {
      // An earlier try ended without an answer; it may have gone out. Look before sending again.
      const found = await this.findEarlierSend(client, done.chatId, done.body, done.startedAt, Boolean(msg.media));
      if (found) {
        this.s.sync.finishSend(key, found, this.s.o.clock.now());
        return { externalId: found };
      }
    }

    await this.s.o.pacing.take(this.s.o.paceKindOf?.(msg) ?? 'normal');
    this.assertConnected();
    // Pacing may have waited: a STOP that arrived meanwhile wins.
    if (msg.mayStillSend && !msg.mayStillSend()) throw new SendCancelledError('consent withdrawn while the message waited');
    this.s.sync.beginSend({ idempotencyKey: key, chatId, body: msg.body, startedAt: this.s.o.clock.now() });

    let sent: Message | undefined;
    // Only now is the send "in flight": acks and phone messages wait for it, not for its pacing.
    let onWire!: () => void;
    const wire = new Promise<void>((r) => (onWire = r));
    this.sendsInFlight.add(wire);
    try {
      if (msg.media) {
        const media = new wwebjs.MessageMedia(msg.media.mime, msg.media.data.toString('base64'), msg.media.fileName ?? null, msg.media.data.length);
        const options = sendOptions(msg);
        if (msg.body) options.caption = msg.body;
        if (msg.type === 'voice') options.sendAudioAsVoice = true;
        if (msg.type === 'document') options.sendMediaAsDocument = true;
        if (msg.type === 'sticker') options.sendMediaAsSticker = true;
        sent = await withTimeout(client.sendMessage(chatId, media, options), this.s.t.sendMs, 'sendMessage');
      } else {
        sent = await withTimeout(client.sendMessage(chatId, msg.body, sendOptions(msg)), this.s.t.sendMs, 'sendMessage');
      }
    } catch (err) {
      this.sendsInFlight.delete(wire);
      onWire();
      if (NOT_ON_WHATSAPP.test(errText(err))) throw new PermanentChannelError(notOnWhatsApp(chatId));
      // Kept as "outcome unknown": the retry checks the chat before sending again.
      throw new TransientChannelError(`WhatsApp send failed: ${errText(err)}`);
    }
    const externalId = sent?.id?._serialized;
    if (typeof externalId === 'string' && externalId) this.s.sync.finishSend(key, externalId, this.s.o.clock.now());
    this.sendsInFlight.delete(wire);
    onWire();
    if (typeof externalId !== 'string' || !externalId) {
      // The library answers "nothing" when it found no chat for the number: ask once more, plainly.
      const chat = await withTimeout(client.getChatById(chatId), this.s.t.callMs, 'getChatById').catch((err: unknown) => {
        if (NOT_ON_WHATSAPP.test(errText(err))) return undefined;
        throw new TransientChannelError(`WhatsApp did not return a message id: ${errText(err)}`);
      });
      if (!chat) throw new PermanentChannelError(notOnWhatsApp(chatId));
      throw new TransientChannelError('WhatsApp did not return a message id');
    }
    return { externalId };
  }

  /** Erasure and retention: deletes every chat with this person on the linked phone (each id they wrote from, and the number's chat). */
  async deleteChat(to: OutboundAddress): Promise<boolean> {
    this.assertConnected();
    const client = this.line.client as WaClient;
    const ids = addressIds(to);
    let deleted = false;
    for (const id of ids) {
      const chat = await withTimeout(client.getChatById(id), this.s.t.callMs, 'getChatById').catch((err: unknown) => {
        if (NOT_ON_WHATSAPP.test(errText(err))) return undefined;
        throw err;
      });
      if (!chat?.delete) continue;
      if (await withTimeout(chat.delete(), this.s.t.callMs, 'chat.delete')) deleted = true;
    }
    return deleted;
  }

  /**
   * Staff read the conversation in Tresen: every chat this person wrote from
   * is marked seen on the phone. Only known chats: the library creates a chat
   * it does not find, and reading must not add empty chats to the phone.
   */
  async markSeen(to: OutboundAddress): Promise<boolean> {
    this.assertConnected();
    const client = this.line.client as WaClient;
    if (typeof client.sendSeen !== 'function') return false;
    let seen = false;
    for (const id of new Set(to.knownChatIds ?? [])) {
      if (!isSendableChatId(id)) continue;
      try {
        if (await withTimeout(client.sendSeen(id), this.s.t.callMs, 'sendSeen')) seen = true;
      } catch (err) {
        if (!NOT_ON_WHATSAPP.test(errText(err))) throw err;
      }
    }
    return seen;
  }

  private assertConnected(): void {
    if (!this.line.client || !this.line.ready || this.line.current.state !== 'connected') {
      throw new ChannelOfflineError(`WhatsApp is not connected (${this.line.current.state})`);
    }
  }

  private async findEarlierSend(client: WaClient, chatId: string, body: string, startedAt: number, media: boolean): Promise<string | undefined> {
    try {
      const chat = await withTimeout(client.getChatById(chatId), this.s.t.callMs, 'getChatById');
      if (!chat) return undefined; // no chat: nothing went out there
      const mine = await withTimeout(chat.fetchMessages({ limit: 30, fromMe: true }), this.s.t.callMs, 'fetchMessages');
      const hit = mine.find(
        (m) =>
          m.fromMe &&
          m.body === body &&
          m.hasMedia === media &&
          m.timestamp * 1000 >= startedAt - SEND_BODY_MATCH_WINDOW_MS &&
          !this.s.sync.isOwnSend(m.id._serialized),
      );
      return hit?.id._serialized;
    } catch (err) {
      throw new TransientChannelError(`could not check whether an earlier send went out: ${errText(err)}`);
    }
  }
}
