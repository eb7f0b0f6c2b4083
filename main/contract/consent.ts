import { z } from 'zod';
import { method } from './define';
import { Locale } from './locales';
import { ConsentState, Id, Purpose } from './models';

/** Consent, onboarding and shop settings. The rules themselves live in main/core/consent. */

export const ConsentEventView = z.object({
  id: z.number().int(),
  contactId: z.number().int(),
  purpose: Purpose,
  from: ConsentState,
  to: ConsentState,
  /** What caused it: the customer's message, an import with its proof, or expiry. */
  trigger: z.object({ kind: z.enum(['message', 'import', 'expiry']), ref: z.string().nullable() }),
  policyVersion: z.number().int().nullable(),
  policyHash: z.string().nullable(),
  at: z.string(),
  hash: z.string(),
});
export type ConsentEventView = z.infer<typeof ConsentEventView>;


export const ShopProfile = z.object({
  name: z.string().trim().max(120),
  address: z.string().trim().max(300),
  /** The shop's WhatsApp line, E.164. */
  phone: z.string().trim().max(32),
  privacyUrl: z.string().trim().max(500),
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
});
export type ConsentSettings = z.infer<typeof ConsentSettings>;

/** Customer-facing texts the shop can edit; every change is a new version kept for the proof. */
export const TemplateKey = z.enum([
  'consent_request',
  'consent_confirmation',
  'marketing_request',
  'marketing_confirmation',
  'marketing_revoked',
  'revocation_confirmation',
]);
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
    z.object({ csv: z.string().max(5_000_000) }).strict(),
    z.object({
      imported: z.number().int(),
      skipped: z.number().int(),
      errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
    }),
    'Imports already opted-in customers; each row needs phone, purpose, proof source and date.',
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
    ConsentSettings,
    'Changes settings; the shop phone is normalised to E.164.',
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
  ),
} as const;

export const consentEvents = {
  /** A contact's consent changed (the UI refreshes badge, history and composer). */
  'consent.changed': z.object({ contactId: z.number().int(), purpose: Purpose, to: ConsentState }),
} as const;
