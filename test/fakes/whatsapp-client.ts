import { EventEmitter } from 'node:events';
import wwebjs from 'whatsapp-web.js';
import type { Message, MessageMedia, MessageSendOptions } from 'whatsapp-web.js';
import type { WaChat, WaClient } from '../../main/channels/whatsapp/wa-client';

/**
 * A stand-in for whatsapp-web.js's Client with the same surface, shared
 * "server side" state (FakeWhatsApp) that outlives client instances, and the
 * library's real Message class for every message it hands out.
 */

export const SHOP = '4930123456@c.us';

// The library's typings declare Message as an interface only; the runtime export is the real class.
const RealMessage = (wwebjs as unknown as { Message: new (client: unknown, data: Record<string, unknown>) => Message }).Message;

export interface RawOptions {
  id: string;
  chat: string;
  fromMe?: boolean;
  type?: string;
  body?: string;
  t: number;
  notifyName?: string;
  media?: { mimetype: string; filename?: string };
  extra?: Record<string, unknown>;
}

export function raw(o: RawOptions): Record<string, unknown> {
  const fromMe = o.fromMe ?? false;
  const data: Record<string, unknown> = {
    id: { fromMe, remote: o.chat, id: o.id, _serialized: `${fromMe}_${o.chat}_${o.id}` },
    type: o.type ?? 'chat',
    body: o.body ?? '',
    t: o.t,
    from: fromMe ? SHOP : o.chat,
    to: fromMe ? o.chat : SHOP,
    ack: fromMe ? 1 : 0,
    notifyName: o.notifyName,
    isNewMsg: true,
    ...o.extra,
  };
  if (o.media) {
    // Message.hasMedia is derived from directPath, exactly as in WhatsApp Web's model.
    Object.assign(data, { directPath: `/v/t62/${o.id}`, mediaKey: `key-${o.id}`, mimetype: o.media.mimetype, filename: o.media.filename, caption: o.body });
  }
  return data;
}

type MediaResult = { data: string; mimetype: string; filename?: string; filesize?: number } | null | undefined;

export class FakeWhatsApp {
  readonly chats = new Map<string, Record<string, unknown>[]>();
  readonly clients: FakeClient[] = [];
  /** Per message id: what downloadMedia's page call returns next (a function may throw). */
  readonly media = new Map<string, () => MediaResult>();
  readonly lid = new Map<string, string>();
  sent: { chatId: string; content: string | MessageMedia; options?: MessageSendOptions }[] = [];
  failSends = 0;
  hangSends = 0;
  /** Sends that go out but whose answer comes only after this many ms (the channel's deadline may pass first). */
  slowSendMs = 0;
  /** Numbers without a WhatsApp account: the library throws "No LID for user" and finds no chat. */
  readonly notOnWhatsApp = new Set<string>();
  /** A session to restore (the phone was linked before); false: a new client shows a QR code first. */
  linked = true;
  nextId = 1;

  store(r: Record<string, unknown>): void {
    const chat = (r['id'] as { remote: string }).remote;
    const list = this.chats.get(chat) ?? [];
    list.push(r);
    this.chats.set(chat, list);
  }

  get current(): FakeClient {
    const c = this.clients.at(-1);
    if (!c) throw new Error('no client yet');
    return c;
  }

  factory = (): WaClient => {
    const c = new FakeClient(this);
    this.clients.push(c);
    return c;
  };
}

export class FakeClient extends EventEmitter implements WaClient {
  initCalls = 0;
  destroyed = 0;
  loggedOut = 0;
  failInit: Error | undefined;
  /** The page Message.downloadMedia() talks to. */
  readonly pupPage: { evaluate: (fn: unknown, msgId: string) => Promise<MediaResult> };

  constructor(readonly world: FakeWhatsApp) {
    super();
    this.pupPage = {
      evaluate: async (_fn, msgId) => {
        const next = this.world.media.get(msgId);
        return next ? next() : undefined;
      },
    };
  }

  msg(r: Record<string, unknown>): Message {
    return new RealMessage(this, r);
  }

  /** A message reaches the phone while this client is running: stored, then emitted like the library does. */
  receive(r: Record<string, unknown>): Message {
    this.world.store(r);
    return this.emitLive(r);
  }

  /** Emit without storing again (duplicate events). */
  emitLive(r: Record<string, unknown>): Message {
    const m = this.msg(r);
    this.emit('message_create', m);
    if (!m.fromMe) this.emit('message', m);
    return m;
  }

  /** The library's order: sync progress, then authenticated and ready together once WhatsApp Web has synced. */
  link(): void {
    this.world.linked = true;
    this.emit('loading_screen', 40, 'WhatsApp');
    this.emit('loading_screen', 100, 'WhatsApp');
    this.emit('authenticated');
    this.emit('ready');
  }

  /** Synced part-way, then nothing (WhatsApp Web changed, or the sync raced the listener). */
  stall(percent = 42): void {
    this.emit('loading_screen', percent, 'WhatsApp');
  }

  /**
   * Like the library: initialize resolves only once WhatsApp Web has decided,
   * with the first QR code already emitted (not linked) or the session restored
   * (authenticated and ready follow later, once synced).
   */
  async initialize(): Promise<void> {
    this.initCalls++;
    if (this.failInit) throw this.failInit;
    if (!this.world.linked) this.emit('qr', `qr-${this.world.clients.indexOf(this) + 1}`);
  }
  async destroy(): Promise<void> {
    this.destroyed++;
  }
  async logout(): Promise<void> {
    this.loggedOut++;
  }
  async getState(): Promise<string | null> {
    return 'CONNECTED';
  }
  async sendMessage(chatId: string, content: string | MessageMedia, options?: MessageSendOptions): Promise<Message | undefined> {
    if (this.world.notOnWhatsApp.has(chatId)) throw new Error('Evaluation failed: Error: No LID for user');
    if (this.world.slowSendMs > 0) {
      const ms = this.world.slowSendMs;
      this.world.slowSendMs = 0;
      await new Promise((r) => setTimeout(r, ms));
      return this.record(chatId, content, options);
    }
    if (this.world.hangSends > 0) {
      // The message goes out, but the answer never arrives (an ambiguous failure).
      this.world.hangSends--;
      this.record(chatId, content, options);
      return new Promise<Message>(() => undefined);
    }
    if (this.world.failSends > 0) {
      this.world.failSends--;
      throw new Error('Evaluation failed: socket closed');
    }
    return this.record(chatId, content, options);
  }

  private record(chatId: string, content: string | MessageMedia, options?: MessageSendOptions): Message {
    this.world.sent.push({ chatId, content, options });
    const isText = typeof content === 'string';
    const r = raw({
      id: `OUT${this.world.nextId++}`,
      chat: chatId,
      fromMe: true,
      body: isText ? content : (options?.caption ?? ''),
      t: Math.floor(Date.now() / 1000),
      ...(isText ? {} : { type: 'image', media: { mimetype: content.mimetype } }),
    });
    this.world.store(r);
    // Like the library: message_create fires for our own sends too, before sendMessage resolves.
    const m = this.msg(r);
    this.emit('message_create', m);
    return m;
  }

  private chat(id: string): WaChat {
    const list = this.world.chats.get(id) ?? [];
    return {
      id: { _serialized: id },
      isGroup: id.endsWith('@g.us'),
      timestamp: list.reduce((max, r) => Math.max(max, r['t'] as number), 0),
      fetchMessages: async ({ limit, fromMe }) => {
        let rows = [...list].sort((a, b) => (a['t'] as number) - (b['t'] as number));
        if (fromMe !== undefined) rows = rows.filter((r) => (r['id'] as { fromMe: boolean }).fromMe === fromMe);
        if (limit) rows = rows.slice(-limit);
        return rows.map((r) => this.msg(r));
      },
    };
  }
  async getChats(): Promise<WaChat[]> {
    return [...this.world.chats.keys()].map((id) => this.chat(id));
  }
  async getChatById(chatId: string): Promise<WaChat | undefined> {
    // The real library resolves undefined when WhatsApp has no chat for the id.
    if (this.world.notOnWhatsApp.has(chatId)) return undefined;
    return this.chat(chatId);
  }
  async getMessageById(messageId: string): Promise<Message | null> {
    for (const list of this.world.chats.values()) {
      const r = list.find((x) => (x['id'] as { _serialized: string })._serialized === messageId);
      if (r) return this.msg(r);
    }
    return null;
  }
  async getContactById(contactId: string): Promise<{ number?: string | null }> {
    return { number: contactId.split('@')[0] ?? null };
  }
  async getContactLidAndPhone(userIds: string[]): Promise<{ lid?: string; pn?: string }[]> {
    return userIds.map((id) => ({ lid: id, pn: this.world.lid.get(id) }));
  }
  async requestPairingCode(): Promise<string> {
    this.emit('code', 'ABCD1234');
    return 'ABCD1234';
  }
}

export async function waitFor(cond: () => boolean, what = 'condition', ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
