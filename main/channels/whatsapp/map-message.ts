import type { AckState, MessageType } from '../../core/channel';

/**
 * Pure translation of whatsapp-web.js messages into Tresen's terms. Every
 * WhatsApp message type (including ones added by future library versions)
 * maps to something: a known type, 'system', 'unknown', or a deliberate
 * "ignore" — never an exception.
 */

/** The parts of the library's Message this module reads. */
export interface WaMessageFields {
  id: { _serialized: string; fromMe: boolean; remote?: unknown };
  type: string;
  body: string;
  timestamp: number;
  from: string;
  to: string;
  author?: string;
  fromMe: boolean;
  hasMedia: boolean;
  isStatus?: boolean;
  broadcast?: boolean;
  location?: { latitude: string | number; longitude: string | number; name?: string; address?: string; url?: string; description?: string };
  vCards?: string[];
  rawData?: object;
}

export type Classified =
  /** Not for Tresen (groups, status, protocol noise); counts as handled. */
  | { kind: 'ignore'; reason: string }
  /** Not readable yet (still encrypted): neither delivered nor checkpointed, so catch-up fetches it again. */
  | { kind: 'hold'; reason: string }
  | { kind: 'deliver'; type: MessageType; body: string; extra: Record<string, unknown>; hasMedia: boolean };

const DIRECT: Record<string, MessageType> = {
  chat: 'text',
  image: 'image',
  video: 'video',
  audio: 'audio',
  ptt: 'voice',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
  vcard: 'contact_card',
  multi_vcard: 'contact_card',
};

/** Protocol and notification traffic: nothing a person wrote. */
const IGNORED_TYPES = new Set([
  'protocol',
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'group_notification',
  'broadcast_notification',
  'debug',
  'reaction',
]);

/** Events worth a line in the history. */
const SYSTEM_EVENTS: Record<string, string> = {
  revoked: 'revoked',
  call_log: 'call',
};

/** The chat a message belongs to: the other party, whoever sent it. */
export function chatIdOf(msg: Pick<WaMessageFields, 'fromMe' | 'from' | 'to'>): string {
  return (msg.fromMe ? msg.to : msg.from) ?? '';
}

/** Groups, status updates, broadcast lists and channels are not customer chats. */
export function ignoredChat(chatId: string): string | undefined {
  if (!chatId) return 'no chat id';
  if (chatId.endsWith('@g.us')) return 'group';
  if (chatId === 'status@broadcast') return 'status';
  if (chatId.endsWith('@broadcast')) return 'broadcast list';
  if (chatId.endsWith('@newsletter')) return 'channel';
  if (!chatId.endsWith('@c.us') && !chatId.endsWith('@lid')) return 'unsupported chat';
  return undefined;
}

export function pushNameOf(msg: Pick<WaMessageFields, 'rawData' | 'fromMe'>): string | undefined {
  if (msg.fromMe) return undefined;
  const raw = msg.rawData as { notifyName?: unknown } | undefined;
  const name = raw?.notifyName;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 100) : undefined;
}

export function classify(msg: WaMessageFields): Classified {
  const chatId = chatIdOf(msg);
  const chatReason = ignoredChat(chatId);
  if (chatReason) return { kind: 'ignore', reason: chatReason };
  if (msg.isStatus) return { kind: 'ignore', reason: 'status' };

  const waType = typeof msg.type === 'string' ? msg.type : 'unknown';
  if (waType === 'ciphertext') return { kind: 'hold', reason: 'not decrypted yet' };
  if (IGNORED_TYPES.has(waType)) return { kind: 'ignore', reason: waType };

  const body = typeof msg.body === 'string' ? msg.body : '';
  const extra: Record<string, unknown> = { waType };
  const event = SYSTEM_EVENTS[waType];
  if (event) return { kind: 'deliver', type: 'system', body: '', extra: { ...extra, event }, hasMedia: false };

  const type = DIRECT[waType] ?? 'unknown';
  if (type === 'location') {
    const loc = msg.location;
    const lat = Number(loc?.latitude);
    const lng = Number(loc?.longitude);
    if (Number.isFinite(lat)) extra['lat'] = lat;
    if (Number.isFinite(lng)) extra['lng'] = lng;
    for (const k of ['description', 'name', 'address', 'url'] as const) {
      const v = loc?.[k];
      if (typeof v === 'string' && v) extra[k] = v;
    }
    // A location's body is a JPEG thumbnail in base64, not text.
    return { kind: 'deliver', type, body: typeof extra['description'] === 'string' ? extra['description'] : '', extra, hasMedia: false };
  }
  if (type === 'contact_card') {
    const vcards = (msg.vCards ?? []).filter((v): v is string => typeof v === 'string');
    extra['vcards'] = vcards;
    // For vCards the library puts the vCard itself in body; show the names instead.
    const names = vcards.map((v) => /^FN[^:]*:(.*)$/m.exec(v)?.[1]?.trim()).filter((n): n is string => !!n);
    return { kind: 'deliver', type, body: names.join(', '), extra, hasMedia: false };
  }
  return { kind: 'deliver', type, body, extra, hasMedia: Boolean(msg.hasMedia) };
}

/** What WhatsApp Web's message carries about the message it quotes (the library's rawData). */
export interface QuoteFields {
  quotedStanzaID?: unknown;
  quotedParticipant?: unknown;
  from?: unknown;
  to?: unknown;
}

const widText = (w: unknown): string | undefined => {
  if (typeof w === 'string') return w;
  const s = (w as { _serialized?: unknown } | null | undefined)?._serialized;
  return typeof s === 'string' ? s : undefined;
};

/**
 * The quoted message's serialised id ("<fromMe>_<chat>_<stanza id>") from the
 * quoting message's own fields: the quote was the shop's when its sender is
 * the shop (the receiver of a customer's message, the sender of one typed on
 * the phone). Undefined when the message quotes nothing.
 */
export function quotedIdFromRaw(raw: QuoteFields | undefined, fromMe: boolean, chatId: string): string | undefined {
  const stanza = raw?.quotedStanzaID;
  if (typeof stanza !== 'string' || !stanza || !chatId) return undefined;
  const participant = widText(raw?.quotedParticipant);
  const shop = widText(fromMe ? raw?.from : raw?.to);
  const quotedFromShop = participant !== undefined && participant !== chatId && (shop === undefined || participant === shop);
  return `${quotedFromShop}_${chatId}_${stanza}`;
}

/** MessageAck: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played. */
export function mapAck(ack: unknown): AckState | undefined {
  switch (ack) {
    case -1:
      return 'failed';
    case 0:
      return 'pending';
    case 1:
      return 'sent';
    case 2:
      return 'delivered';
    case 3:
    case 4:
      return 'read';
    default:
      return undefined;
  }
}
