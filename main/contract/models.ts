import { CONSENT_STATES, MAX_MESSAGE_LENGTH, MAX_SEND_MEDIA_BYTES } from './constants';
import { Locale } from './locales';
import { hasVisibleText } from './text';
import { z } from 'zod';

/** Shapes shared by several methods and events. Timestamps are ISO-8601 strings. */

export const ConsentState = z.enum(CONSENT_STATES);
export type ConsentState = z.infer<typeof ConsentState>;

export const Purpose = z.enum(['service', 'marketing']);
export type Purpose = z.infer<typeof Purpose>;

export const ConsentSummary = z.object({
  service: ConsentState,
  marketing: ConsentState,
  /** When the service state last changed, if ever. */
  serviceSince: z.string().nullable(),
  marketingSince: z.string().nullable(),
});
export type ConsentSummary = z.infer<typeof ConsentSummary>;

/**
 * Chatwoot's workflow: open → pending (waiting for the customer, never to be
 * confused with consent) → snoozed (until a time) → resolved. A new customer
 * message reopens.
 */
export const ConversationStatus = z.enum(['open', 'pending', 'snoozed', 'resolved']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;
/** Status as input: the names before the inbox (waiting, closed) are still accepted. */
export const ConversationStatusInput = z.preprocess(
  (v) => (v === 'waiting' ? 'pending' : v === 'closed' ? 'resolved' : v),
  ConversationStatus,
);

export const ContactSummary = z.object({
  id: z.number().int(),
  /** E.164, e.g. +4915112345678 */
  phone: z.string(),
  /** Name the shop gave the contact; null until set. */
  name: z.string().nullable(),
  /** Name the customer chose on their phone (untrusted, shown as text only). */
  pushName: z.string().nullable(),
  consent: ConsentSummary,
  /** Messages held back until consent (quarantine); staff sees only the count. */
  quarantined: z.number().int(),
  quarantinedSince: z.string().nullable(),
  status: ConversationStatus,
  unread: z.number().int(),
  lastMessageAt: z.string().nullable(),
  lastMessagePreview: z.string().nullable(),
  /** Type of the last visible message, so the list can label files in the UI's language. */
  lastMessageType: z.string().nullable(),
  createdAt: z.string(),
  /** Language of the customer's texts (from their JA/YES, editable by staff); null: the shop's default. */
  locale: Locale.nullable().optional(),
  /** A longer message mentioned a stop word: staff decide ("Widerruf erfassen"). */
  revocationReview: z.object({ at: z.string(), text: z.string() }).nullable().optional(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

export const MessageDirection = z.enum(['in', 'out']);
export const MessageAuthor = z.enum(['customer', 'staff', 'bot', 'system', 'phone']);
export type MessageAuthor = z.infer<typeof MessageAuthor>;
export const MessageStatus = z.enum(['received', 'queued', 'sent', 'delivered', 'read', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatus>;
export const MessageType = z.enum([
  'text',
  'image',
  'video',
  'audio',
  'voice',
  'document',
  'sticker',
  'location',
  'contact_card',
  'system',
  'unknown',
]);
export type MessageType = z.infer<typeof MessageType>;

export const MediaInfo = z.object({
  id: z.number().int(),
  mime: z.string(),
  size: z.number().int(),
  fileName: z.string().nullable(),
});

export const MessageView = z.object({
  id: z.number().int(),
  contactId: z.number().int(),
  direction: MessageDirection,
  type: MessageType,
  body: z.string(),
  author: MessageAuthor,
  status: MessageStatus,
  purpose: Purpose.nullable(),
  createdAt: z.string(),
  media: MediaInfo.nullable(),
  /** Why a send failed, in words staff can act on. */
  error: z.string().nullable(),
  /** The sender changed the text after sending (the earlier text is kept in the store). */
  edited: z.boolean().optional(),
  /** The sender deleted it for everyone: its text and file are erased; shown as "deleted". */
  revoked: z.boolean().optional(),
  /** The staff profile that wrote an outbound message (null for customers, consent texts, the shop's phone). */
  authorProfileId: z.number().int().nullable(),
  /** Who wrote it, as it was when sent: the profile's name or the API key's name; null when not a person. */
  authorName: z.string().nullable(),
  /** The message this one replies to (WhatsApp reply with quote), if any. */
  quotedMessageId: z.number().int().nullable(),
  /** A short view of the quoted message for the bubble; null when none or no longer visible. */
  quoted: z
    .object({ id: z.number().int(), body: z.string(), type: z.string(), direction: MessageDirection })
    .nullable(),
  /** A shared location (type location): coordinates and, where sent, its name and address. */
  location: z
    .object({ latitude: z.number(), longitude: z.number(), name: z.string().nullable(), address: z.string().nullable() })
    .nullable()
    .optional(),
  /** Shared contact cards (type contact_card): the vCard's name and first number. */
  cards: z.array(z.object({ name: z.string(), phone: z.string().nullable() })).optional(),
});
export type MessageView = z.infer<typeof MessageView>;

export const ChannelKind = z.enum(['simulator', 'whatsapp']);
export type ChannelKind = z.infer<typeof ChannelKind>;
export const ChannelStateName = z.enum(['starting', 'qr', 'pairing_code', 'syncing', 'connected', 'disconnected', 'logged_out', 'failed']);
export type ChannelStateName = z.infer<typeof ChannelStateName>;

export const ChannelStateView = z.object({
  kind: ChannelKind,
  state: ChannelStateName,
  qr: z.string().optional(),
  code: z.string().optional(),
  percent: z.number().optional(),
  retryInMs: z.number().optional(),
  reason: z.string().optional(),
});
export type ChannelStateView = z.infer<typeof ChannelStateView>;

/** A file on a simulated phone; `url` (same token) returns its bytes. */
export const SimMedia = z.object({
  mime: z.string(),
  fileName: z.string().nullable(),
  size: z.number().int(),
  url: z.string(),
});
export type SimMedia = z.infer<typeof SimMedia>;

export const SimPhoneMessage = z.object({
  /** Stable per phone: quote it with `quote: {id}`. */
  id: z.string(),
  direction: MessageDirection,
  text: z.string(),
  at: z.string(),
  media: SimMedia.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional() }).optional(),
  /** The message this one replies to, as the phone shows it. */
  quote: z.object({ id: z.string().nullable(), text: z.string() }).optional(),
});
export type SimPhoneMessage = z.infer<typeof SimPhoneMessage>;

/** A phone number as typed by a person; normalised to E.164 in main. */
export const PhoneInput = z.string().trim().min(3, 'phone number too short').max(32, 'phone number too long');

export const Id = z.number().int().positive();
export { MAX_MESSAGE_LENGTH, MAX_SEND_MEDIA_BYTES };
/** Characters of base64 that `bytes` bytes take: the limit for a file sent inside JSON. */
export const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;
/** The largest file inside a JSON call, as base64. */
export const MAX_SEND_MEDIA_BASE64 = base64Length(MAX_SEND_MEDIA_BYTES);
/** A WebSocket frame may carry the largest file plus its call's other fields. */
export const WS_MAX_PAYLOAD = MAX_SEND_MEDIA_BASE64 + 1024 * 1024;

export const MessageText = z
  .string()
  .trim()
  .min(1, 'message is empty')
  .max(MAX_MESSAGE_LENGTH, `message is longer than ${MAX_MESSAGE_LENGTH} characters`)
  .refine(hasVisibleText, 'message has no visible characters');
