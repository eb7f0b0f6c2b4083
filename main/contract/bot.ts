import { z } from 'zod';
import { method } from './define';
import { SpecialDay } from './consent';
import { DEFAULT_LOCALE, Locale } from './locales';
import { MAX_SEND_MEDIA_BASE64, MAX_SEND_MEDIA_BYTES } from './models';

/**
 * The hybrid bot (rules, disclosure prefix, hand-over), business hours with
 * holidays and the away message, and announcements (news to marketing
 * subscribers, paced, capped per contact). The rules live in main/core/bot.
 */

const nonEmpty = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const PerLocale = (max: number) => z.object({ de: nonEmpty(max), en: nonEmpty(max) }).strict();

export const BotRule = z
  .object({
    id: z.string().trim().min(1).max(40),
    enabled: z.boolean().default(true),
    /** Phrases in any language; matching ignores case, umlauts, one-letter typos and word order. */
    phrases: z.array(nonEmpty(80)).min(1).max(30),
    /** The answer per customer language; {openingHours}, {address}, {shopName}, {phone} are filled in. */
    answer: PerLocale(1000),
  })
  .strict();
export type BotRule = z.infer<typeof BotRule>;

export const BotSettings = z
  .object({
    enabled: z.boolean(),
    /** Every bot message starts with it; never empty, so customers always know it is automatic. */
    prefix: PerLocale(80),
    rules: z.array(BotRule).max(100),
    handoverWords: z.array(nonEmpty(40)).min(1).max(40),
    /** The bot is silent while staff wrote in the conversation within this many minutes. */
    staffQuietMinutes: z.number().int().min(0).max(24 * 60),
    /** This many messages in a row the bot cannot answer hand over to a person. */
    maxUnanswered: z.number().int().min(1).max(10),
    texts: z
      .object({
        handoverOpen: PerLocale(1000),
        handoverClosed: PerLocale(1000),
        caseStatus: PerLocale(1000),
        caseNotFound: PerLocale(1000),
        caseWhich: PerLocale(1000),
      })
      .strict(),
    /**
     * Holidays and special days. Their one home is the shop profile
     * (`settings.get` → `shop.specialDays`); this field reads them from there,
     * and `bot.settings.update` with it writes them there.
     */
    specialDays: z.array(SpecialDay).max(400),
    away: z.object({ enabled: z.boolean(), text: PerLocale(1000) }).strict(),
    announcements: z
      .object({
        /** At most this many announcements per contact in any rolling 7 days. */
        weeklyCap: z.number().int().min(1).max(3),
        intervalSeconds: z.number().int().min(1).max(3600),
        /** Up to this share of the interval is added at random, so sends never tick like a machine. */
        jitter: z.number().min(0).max(1),
      })
      .strict(),
  })
  .strict();
export type BotSettings = z.infer<typeof BotSettings>;

export const SkipReason = z.enum(['no_marketing_consent', 'weekly_cap', 'revoked']);
export type SkipReason = z.infer<typeof SkipReason>;
export const AnnouncementState = z.enum(['draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled']);
export type AnnouncementState = z.infer<typeof AnnouncementState>;

export const AnnouncementMediaInput = z
  .object({
    data: z.string().min(1).max(MAX_SEND_MEDIA_BASE64, `image larger than ${MAX_SEND_MEDIA_BYTES / 1024 / 1024} MB`),
    mime: z.string().regex(/^image\/(jpeg|png|webp|gif)$/, 'an image (jpeg, png, webp, gif)'),
    fileName: z.string().max(200).optional(),
  })
  .strict();

export const AnnouncementCreateInput = z
  .object({
    text: nonEmpty(4000),
    sendAt: z.iso.datetime({ offset: true }).optional(),
    /** One optional image, base64, as the simulator takes it. */
    media: AnnouncementMediaInput.optional(),
  })
  .strict();
export type AnnouncementCreateInput = z.infer<typeof AnnouncementCreateInput>;

const Recipient = z.object({ contactId: z.number().int(), phone: z.string(), name: z.string().nullable() });
const Skipped = Recipient.extend({ reason: SkipReason });

export const AnnouncementPreview = z.object({
  recipients: z.array(Recipient),
  skipped: z.array(Skipped),
  /** The text as the first recipient would read it. */
  sample: z.string(),
});
export type AnnouncementPreview = z.infer<typeof AnnouncementPreview>;

export const AnnouncementView = z.object({
  id: z.string(),
  text: z.string(),
  state: AnnouncementState,
  sendAt: z.string().nullable(),
  hasMedia: z.boolean(),
  sent: z.number().int(),
  pending: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  skippedRecipients: z.array(z.object({ phone: z.string(), reason: z.string() })),
  createdAt: z.string(),
});
export type AnnouncementView = z.infer<typeof AnnouncementView>;

export const BotConversationView = z.object({
  contactId: z.number().int(),
  handover: z.boolean(),
  handoverAt: z.string().nullable(),
  handoverReason: z.string().nullable(),
});
export type BotConversationView = z.infer<typeof BotConversationView>;

const ById = z.object({ id: z.string().min(1).max(64) }).strict();

export const botMethods = {
  'bot.settings': method(z.object({}).strict(), BotSettings, 'Bot rules, prefix, hand-over, business-hour exceptions, away message, announcement pacing.'),
  'bot.settings.update': method(
    z.object({ patch: BotSettings.partial() }).strict(),
    BotSettings,
    'Change bot settings; an empty prefix or answer is refused (validation).',
    { access: 'manager', audit: true },
  ),
  'bot.test': method(
    z.object({ text: z.string().max(4000), locale: Locale.default(DEFAULT_LOCALE) }).strict(),
    z.object({ kind: z.enum(['consent_word', 'handover', 'rule', 'case', 'none']), ruleId: z.string().nullable(), reply: z.string().nullable() }),
    'What the bot would do with a text (no case lookup, nothing sent).',
  ),
  'bot.conversation': method(z.object({ contactId: z.number().int() }).strict(), BotConversationView, 'The hand-over marker of a conversation.'),
  'announcements.preview': method(z.object({ text: nonEmpty(4000) }).strict(), AnnouncementPreview, 'Who would get it now and who is skipped and why.'),
  'announcements.create': method(
    AnnouncementCreateInput,
    z.object({ id: z.string(), recipients: z.array(z.string()), skipped: z.array(z.object({ phone: z.string(), reason: SkipReason })) }),
    'Create an announcement (draft, or scheduled with sendAt).',
  ),
  'announcements.list': method(z.object({}).strict(), z.object({ items: z.array(AnnouncementView) }), 'Recent announcements with progress.'),
  'announcements.get': method(ById, AnnouncementView, 'One announcement with its counts.'),
  'announcements.send': method(ById, AnnouncementView, 'Start sending a draft (paced); 409 when it was started already.'),
  'announcements.pause': method(ById, AnnouncementView, 'Pause a sending announcement.'),
  'announcements.resume': method(ById, AnnouncementView, 'Continue a paused announcement.'),
  'announcements.cancel': method(ById, AnnouncementView, 'Stop an announcement for good.'),
} as const;

export const botEvents = {
  /** A conversation was handed over to a person: staff are notified. */
  'bot.handover': z.object({ contactId: z.number().int(), conversationId: z.number().int(), reason: z.string(), at: z.string() }),
  'announcement.changed': AnnouncementView,
} as const;
