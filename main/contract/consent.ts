import { z } from 'zod';
import { TEMPLATE_KEYS, WEEKDAYS } from './constants';
import { method } from './define';
import { Locale } from './locales';
import { ConsentState, Id, Purpose } from './models';

/** Consent, onboarding and shop settings. The rules themselves live in main/core/consent. */

/** What caused a consent transition. */
export const ConsentTriggerKind = z.enum(['message', 'import', 'expiry', 'staff']);
export type ConsentTriggerKind = z.infer<typeof ConsentTriggerKind>;

export const ConsentEventView = z.object({
  id: z.number().int(),
  contactId: z.number().int(),
  purpose: Purpose,
  from: ConsentState,
  to: ConsentState,
  /** What caused it: the customer's message, an import with its proof, expiry, or staff recording a revocation. */
  trigger: z.object({ kind: ConsentTriggerKind, ref: z.string().nullable() }),
  policyVersion: z.number().int().nullable(),
  policyHash: z.string().nullable(),
  at: z.string(),
  hash: z.string(),
  /** The customer's own words (null when not a message, or recorded before words were kept). */
  words: z.string().nullable().optional(),
  /** The exact text Tresen sent that this event rests on (request, confirmation), hashed as policyHash. */
  sentText: z.string().nullable().optional(),
  /** How a revocation reached the shop (staff-recorded: in person, phone, letter). */
  method: z.enum(['message', 'in_person', 'phone', 'letter', 'import']).nullable().optional(),
  /** Who recorded it: a staff profile id once profiles exist, else the typed name. */
  actorProfileId: z.number().int().nullable().optional(),
  actorName: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  /** When the customer revoked, as staff entered it (the event's `at` is when it was recorded). */
  occurredAt: z.string().nullable().optional(),
});
export type ConsentEventView = z.infer<typeof ConsentEventView>;


const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
/** One opening span of a day, local time of the shop; `close` after `open`. */
export const OpeningSpan = z
  .object({ open: HHMM, close: HHMM })
  .refine((s) => s.open < s.close, { message: 'close must be after open', path: ['close'] });
export { WEEKDAYS };
/** The weekly schedule: per weekday its spans (empty: closed). */
export const OpeningHours = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(OpeningSpan).max(4)])) as Record<(typeof WEEKDAYS)[number], z.ZodArray<typeof OpeningSpan>>,
);
export type OpeningHours = z.infer<typeof OpeningHours>;
const weekday = (spans: { open: string; close: string }[]) => spans;
export const DEFAULT_OPENING_HOURS: OpeningHours = {
  mon: weekday([{ open: '09:00', close: '18:00' }]),
  tue: weekday([{ open: '09:00', close: '18:00' }]),
  wed: weekday([{ open: '09:00', close: '18:00' }]),
  thu: weekday([{ open: '09:00', close: '18:00' }]),
  fri: weekday([{ open: '09:00', close: '18:00' }]),
  sat: weekday([{ open: '10:00', close: '14:00' }]),
  sun: [],
};
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

const HHMM24 = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM');
const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
/** A holiday or special day: it replaces the weekly schedule on that date. */
export const SpecialDay = z
  .object({
    date: DATE,
    /** Empty: closed all day (a holiday); else the opening hours of that day. */
    hours: z.array(z.object({ open: HHMM24, close: HHMM24 }).strict()).max(4),
    name: z.string().trim().max(80).default(''),
  })
  .strict();
export type SpecialDay = z.infer<typeof SpecialDay>;

export const ShopProfile = z.object({
  name: z.string().trim().max(120),
  address: z.string().trim().max(300),
  /** The shop's WhatsApp line, E.164. */
  phone: z.string().trim().max(32),
  privacyUrl: z.string().trim().max(500),
  /** IANA time zone the shop's times are meant in. */
  timeZone: z.string().trim().max(64).refine(isTimeZone, 'unknown IANA time zone').default(DEFAULT_TIME_ZONE),
  /** Weekly opening hours. */
  openingHours: OpeningHours.default(DEFAULT_OPENING_HOURS),
  /** Holidays and special days (the one home; `bot.settings` mirrors them). */
  specialDays: z.array(SpecialDay).max(400).default([]),
});
export type ShopProfile = z.infer<typeof ShopProfile>;

const KeywordList = z.array(z.string().trim().min(1).max(40)).max(30);
export const KeywordSettings = z.object({
  confirm: KeywordList,
  marketingOptIn: KeywordList,
  marketingStop: KeywordList,
  stopAll: KeywordList,
});
export type KeywordSettings = z.infer<typeof KeywordSettings>;

export const ConsentSettings = z.object({
  shop: ShopProfile,
  /** Keywords per language; matching is tolerant of case, punctuation, emoji, umlaut spellings. */
  keywords: z.object({ de: KeywordSettings, en: KeywordSettings }),
  /** Language of texts sent to customers. */
  customerLocale: Locale,
  /** Messages before consent are deleted after this many hours. */
  quarantineHours: z.number().int().min(1).max(24 * 30),
  /** At most one consent request per person per this many hours. */
  requestIntervalHours: z.number().int().min(1).max(24 * 30),
  /** After STOP, a message from the customer gets one notice how to opt in again at most this often. */
  reoptInNoticeDays: z.number().int().min(1).max(365).default(30),
});
export type ConsentSettings = z.infer<typeof ConsentSettings>;

/** Customer-facing texts the shop can edit; every change is a new version kept for the proof. */
export const TemplateKey = z.enum(TEMPLATE_KEYS);
export type TemplateKey = z.infer<typeof TemplateKey>;

export const TemplateView = z.object({
  key: TemplateKey,
  locale: Locale,
  version: z.number().int(),
  text: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type TemplateView = z.infer<typeof TemplateView>;

export const consentMethods = {
  'consent.history': method(
    z.object({ contactId: Id }).strict(),
    z.array(ConsentEventView),
    "A contact's consent events, oldest first (the proof).",
    { audit: true },
  ),
  'consent.verify': method(
    z.object({}).strict(),
    z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      problems: z.array(z.object({ eventId: z.number().int().nullable(), problem: z.string() })),
    }),
    'Re-computes the hash chain; reports edited, reordered or deleted events.',
  ),
  'consent.import': method(
    z
      .object({
        csv: z.string().max(5_000_000),
        /** Who runs the import (a staff profile once profiles exist; until then the typed name). */
        recordedBy: z.string().trim().min(1).max(120).optional(),
        fileName: z.string().trim().max(255).optional(),
      })
      .strict(),
    z.object({
      imported: z.number().int(),
      skipped: z.number().int(),
      errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
      importId: z.number().int().optional(),
      sha256: z.string().optional(),
      /** The longest stretch the import held the main process without yielding. */
      longestSliceMs: z.number().optional(),
    }),
    'Imports already opted-in customers; each row needs phone, purpose, source (one of IMPORT_SOURCES), reference and date.',
    { access: 'manager', audit: true },
  ),
  'onboarding.qr': method(
    z.object({}).strict(),
    z.object({ link: z.string(), svg: z.string() }),
    "The wa.me link with START pre-filled for the shop's number, and its QR code as SVG.",
  ),
  'onboarding.poster': method(
    z.object({ locale: Locale.optional() }).strict(),
    z.object({ fileName: z.string(), pdfBase64: z.string() }),
    'A printable A4 counter poster (PDF) with the QR code and a short consent notice.',
  ),
  'settings.get': method(z.object({}).strict(), ConsentSettings, 'Shop profile, keywords and consent timings.'),
  'settings.update': method(
    z.object({ patch: ConsentSettings.partial() }).strict(),
    ConsentSettings.extend({
      /** Customer texts the new settings contradict (e.g. a hard-coded "72 Stunden"); saved anyway. */
      warnings: z.array(z.object({ key: z.string(), locale: Locale, problem: z.string() })).optional(),
    }),
    'Changes settings; the shop phone is normalised to E.164. Warns about texts the settings contradict.',
    { access: 'manager', audit: true },
  ),
  'consent.recordRevocation': method(
    z
      .object({
        contactId: Id,
        method: z.enum(['in_person', 'phone', 'letter']),
        /** When the customer revoked (ISO 8601); not in the future. Default: now. */
        at: z.string().datetime({ offset: true }).optional(),
        recordedBy: z.string().trim().min(1).max(120),
        note: z.string().trim().max(2000).optional(),
      })
      .strict(),
    z.array(ConsentEventView),
    'Records a revocation the customer gave in person, by phone or by letter. Never grants.',
  ),
  'consent.setLocale': method(
    z.object({ contactId: Id, locale: Locale.nullable() }).strict(),
    z.object({ contactId: Id, locale: Locale.nullable() }),
    "Sets the language of a contact's customer-facing texts (null: the shop's default).",
  ),
  'consent.proofPdf': method(
    z.object({ contactId: Id }).strict(),
    z.object({ fileName: z.string(), pdfBase64: z.string() }),
    "One contact's consent proof as PDF for a data-protection authority.",
    { audit: true },
  ),
  'templates.list': method(
    z.object({ includeHistory: z.boolean().optional() }).strict(),
    z.array(TemplateView),
    'Current customer-facing texts (or every version with includeHistory).',
  ),
  'templates.update': method(
    z.object({ key: TemplateKey, locale: Locale, text: z.string().trim().min(1).max(4000) }).strict(),
    TemplateView,
    'Saves a new version of a customer-facing text.',
    { access: 'manager', audit: true },
  ),
} as const;

/** Where imported consent may come from; marketing only from a double opt-in. */
export const IMPORT_SOURCES = ['web_double_opt_in', 'paper_form', 'previous_system_double_opt_in'] as const;
export const DOUBLE_OPT_IN_SOURCES: readonly string[] = ['web_double_opt_in', 'previous_system_double_opt_in'];

export const consentEvents = {
  /** How far a running consent import is (rows done of all rows). */
  'consent.importProgress': z.object({ importId: z.number().int(), done: z.number().int(), total: z.number().int() }),
  /** A contact's consent changed (the UI refreshes badge, history and composer). */
  'consent.changed': z.object({ contactId: z.number().int(), purpose: Purpose, to: ConsentState }),
} as const;
