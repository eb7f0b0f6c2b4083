import { z } from 'zod';
import { method } from './define';
import { IdempotencyKey } from './reliability';
import { Locale } from './locales';
import {
  MAX_SEND_MEDIA_BASE64,
  MAX_SEND_MEDIA_BYTES,
  ChannelStateView,
  ContactSummary,
  Id,
  MessageText,
  MessageView,
  PhoneInput,
  Purpose,
  SimPhoneMessage,
  MAX_MESSAGE_LENGTH,
} from './models';

/** A file a simulated customer sends: base64 bytes; the type is sniffed again in main. */
export const SimMediaInput = z.preprocess(
  (v) => {
    // "filename" is accepted as an alias of the contract's "fileName".
    if (v && typeof v === 'object' && 'filename' in v && !('fileName' in v)) {
      const { filename, ...rest } = v as Record<string, unknown>;
      return { ...rest, fileName: filename };
    }
    return v;
  },
  z
    .object({
      mime: z.string().trim().min(3).max(100),
      fileName: z.string().trim().min(1).max(255).optional(),
      data: z
        .string()
        .min(1, 'file is empty')
        .max(MAX_SEND_MEDIA_BASE64, `file is larger than ${MAX_SEND_MEDIA_BYTES / 1024 / 1024} MB`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    })
    .strict(),
);

/** Foundation methods: app, contacts, conversations, messages, simulator. */
export const coreMethods = {
  'app.info': method(
    z.object({}).strict(),
    z.object({
      version: z.string(),
      demo: z.boolean(),
      channel: ChannelStateView,
      locale: Locale,
    }),
    'What is running: version, demo mode, the channel and its state.',
  ),
  'contacts.list': method(
    z
      .object({
        search: z.string().trim().max(100).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    z.array(ContactSummary),
    'Contacts, most recent conversation first (without `limit`: the whole book, read page by page); `search` matches name, phone and message text.',
  ),
  'contacts.get': method(z.object({ contactId: Id }).strict(), ContactSummary, 'One contact.'),
  'contacts.rename': method(
    z.object({ contactId: Id, name: z.string().trim().max(100) }).strict(),
    ContactSummary,
    'Set the name the shop knows the contact by ("" clears it).',
  ),
  'messages.list': method(
    z
      .object({
        contactId: Id,
        beforeId: Id.optional(),
        /** Newer messages than this id (open a conversation at a search hit, then page forward). */
        afterId: Id.optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    z.array(MessageView),
    'A conversation page, oldest first; quarantined messages are never returned.',
  ),
  'messages.send': method(
    z
      .object({
        contactId: Id,
        text: MessageText,
        purpose: Purpose.default('service'),
        /** Reply with quote: the message answered (sent as a WhatsApp reply). */
        quotedMessageId: Id.optional(),
        idempotencyKey: IdempotencyKey.optional(),
      })
      .strict(),
    MessageView,
    'Queue a message from staff; refused with consent_required when the send gate says no. The same `idempotencyKey` again returns the first answer and sends nothing.',
  ),
  'messages.sendMedia': method(
    z
      .object({
        contactId: Id,
        fileName: z.string().trim().min(1).max(255),
        /** The file's bytes, base64; the type is read from the bytes, never from the name. */
        base64: z
          .string()
          .min(1, 'file is empty')
          .max(MAX_SEND_MEDIA_BASE64, `file is larger than ${MAX_SEND_MEDIA_BYTES / 1024 / 1024} MB`)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
        caption: z.string().trim().max(1024).optional(),
        purpose: Purpose.default('service'),
        idempotencyKey: IdempotencyKey.optional(),
        quotedMessageId: Id.optional(),
      })
      .strict(),
    MessageView,
    'Queue a photo, video, audio, document, text or vCard from staff (same consent gate as text; other file types are refused). The same `idempotencyKey` again returns the first answer.',
  ),
  'messages.retry': method(
    z.object({ messageId: Id }).strict(),
    MessageView,
    'Queue a failed outbound message again.',
  ),
  'conversations.markRead': method(
    z.object({ contactId: Id }).strict(),
    z.object({ unread: z.number().int() }),
    'Staff has seen the conversation.',
  ),
  'sim.customers': method(
    z.object({}).strict(),
    z.array(z.object({ phone: z.string(), messages: z.array(SimPhoneMessage) })),
    'Demo mode: the simulated customers and what their phones hold.',
  ),
  'sim.send': method(
    z
      .object({
        phone: PhoneInput,
        /** Text, or the caption of a file. */
        text: z.string().trim().max(MAX_MESSAGE_LENGTH).optional(),
        /** A photo, video, voice note (audio/ogg) or document from the customer's phone. */
        media: SimMediaInput.optional(),
        location: z
          .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), name: z.string().trim().max(200).optional() })
          .strict()
          .optional(),
        /** Reply to a message on the phone: its id, or its text. */
        quote: z.union([z.object({ id: z.string().min(1).max(100) }).strict(), z.string().trim().min(1).max(MAX_MESSAGE_LENGTH)]).optional(),
      })
      .strict()
      .refine((v) => (v.text ?? '') !== '' || v.media !== undefined || v.location !== undefined, {
        message: 'message is empty',
        path: ['text'],
      }),
    z.object({ phone: z.string(), id: z.string() }),
    'Demo mode: a simulated customer sends text, a file, a location or a reply; `id` is the item on the phone.',
  ),
} as const;

export const coreEvents = {
  'message.added': MessageView,
  'message.updated': MessageView,
  'contact.updated': ContactSummary,
  'channel.state': ChannelStateView,
  /** A simulated phone, whole: sent only when a client connects or subscribes. */
  'sim.phone': z.object({ phone: z.string(), messages: z.array(SimPhoneMessage) }),
  /** One new item on a simulated phone (the delta after the whole phone). */
  'sim.phone.message': z.object({ phone: z.string(), message: SimPhoneMessage }),
  /**
   * Several messages added at once (an import, a sync after being offline,
   * quarantine released): one event for the batch, oldest first, instead of
   * one `message.added` each. Listeners treat it exactly like that many
   * `message.added` events.
   */
  'messages.added': z.object({ messages: z.array(MessageView) }),
} as const;
