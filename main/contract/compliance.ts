import { z } from 'zod';
import { method } from './define';
import { Id, Purpose } from './models';

/**
 * Data-protection duties: exports (a CRM list, the GDPR Art. 15 access
 * export), erasure (Art. 17), legal holds and retention. All manager-only and
 * recorded in the access log. The rules live in main/core/compliance.
 */

/** Fields a contacts CSV may carry (the manager chooses which). */
export const CSV_FIELDS = ['phone', 'name', 'pushName', 'locale', 'serviceState', 'marketingState', 'consentSince', 'createdAt', 'lastActivityAt'] as const;
export const CsvField = z.enum(CSV_FIELDS);
export type CsvField = z.infer<typeof CsvField>;

export const LegalHoldView = z.object({ since: z.string(), reason: z.string().nullable() });

export const ContactComplianceView = z.object({
  contactId: z.number().int(),
  /** Set: retention and erasure leave the contact alone until it is lifted. */
  legalHold: LegalHoldView.nullable(),
});
export type ContactComplianceView = z.infer<typeof ContactComplianceView>;

/** Days; 0 means "keep" (no automatic deletion). */
const Days = z.number().int().min(0).max(3650);

export const RetentionSettings = z.object({
  /** Messages and internal notes older than this are deleted. */
  chatContentDays: Days,
  /** Files (photos, documents) older than this are deleted; the message stays without its file. */
  mediaDays: Days,
  /** Contacts who never agreed (no consent, request unanswered or expired) and were inactive this long are deleted. */
  pendingContactsDays: Days,
  /** After a revocation (STOP): the chat content goes after this many days; number and consent proof stay. */
  revokedContactsDays: Days,
  /** After a revocation: how long the consent proof (number, words) is kept before the contact is erased. */
  proofAfterRevocationDays: Days,
  /** When the daily run takes place (shop's local hour, 0–23). */
  runHour: z.number().int().min(0).max(23),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const RETENTION_KINDS = ['chat_content', 'media', 'pending_contacts', 'revoked_content', 'revoked_proof'] as const;
export const RetentionKind = z.enum(RETENTION_KINDS);

export const RetentionContact = z.object({ id: z.number().int(), name: z.string().nullable(), phone: z.string() });

export const RetentionPreview = z.object({
  /** The moment the periods were measured from. */
  asOf: z.string(),
  groups: z.array(
    z.object({
      kind: RetentionKind,
      /** Days of the period (0: off, nothing listed). */
      days: z.number().int(),
      /** Messages (chat_content, revoked_content), files (media) or contacts (the others). */
      count: z.number().int(),
      contacts: z.array(RetentionContact),
    }),
  ),
  /** Contacts under legal hold: left out of every group. */
  held: z.number().int(),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;

export const RetentionRunResult = z.object({
  at: z.string(),
  messages: z.number().int(),
  notes: z.number().int(),
  files: z.number().int(),
  contacts: z.number().int(),
});
export type RetentionRunResult = z.infer<typeof RetentionRunResult>;

export const complianceMethods = {
  'compliance.exportContactsCsv': method(
    z
      .object({
        purpose: Purpose.default('service'),
        fields: z.array(CsvField).min(1, 'choose at least one field').max(CSV_FIELDS.length),
      })
      .strict(),
    z.object({ fileName: z.string(), csv: z.string(), count: z.number().int() }),
    'A CSV of the contacts whose consent for the purpose is granted (only those), with the chosen fields, for a CRM.',
    { access: 'manager', audit: true },
  ),
  'compliance.exportContact': method(
    z.object({ contactId: Id }).strict(),
    z.object({ fileName: z.string(), base64: z.string(), bytes: z.number().int() }),
    "GDPR Art. 15 access export: a ZIP with data.json, summary.html (in the contact's language), the files and the consent proof.",
    { access: 'manager', audit: true },
  ),
  'compliance.erase': method(
    z.object({ contactId: Id }).strict(),
    z.object({
      erased: z.literal(true),
      /** Whether the chat on the linked phone was deleted too (null: the line cannot, or was offline: delete it there by hand). */
      chatDeleted: z.boolean().nullable(),
    }),
    'GDPR Art. 17 erasure: the contact, messages, notes, cases, files and search rows; only a salted-hash tombstone and anonymous proof stubs remain. Refused (conflict) under legal hold.',
    { access: 'manager', audit: true },
  ),
  'compliance.contact': method(
    z.object({ contactId: Id }).strict(),
    ContactComplianceView,
    "A contact's legal hold.",
    { access: 'manager' },
  ),
  'compliance.setLegalHold': method(
    z.object({ contactId: Id, hold: z.boolean(), reason: z.string().trim().max(200).optional() }).strict(),
    ContactComplianceView,
    'Sets or lifts the legal hold: while set, retention and erasure leave the contact alone.',
    { access: 'manager', audit: true },
  ),
  'retention.get': method(z.object({}).strict(), RetentionSettings, 'The retention periods.', { access: 'manager' }),
  'retention.update': method(
    z.object({ patch: RetentionSettings.partial() }).strict(),
    RetentionSettings,
    'Changes retention periods (days; 0 keeps).',
    { access: 'manager', audit: true },
  ),
  'retention.preview': method(
    z.object({}).strict(),
    RetentionPreview,
    'Dry run: what the retention job would delete now (counts and contacts), deleting nothing.',
    { access: 'manager' },
  ),
  'retention.run': method(z.object({}).strict(), RetentionRunResult, 'Runs the retention job now.', { access: 'manager', audit: true }),
} as const;

export const complianceEvents = {
  /** A contact was erased (Art. 17 or retention): the UI drops it. */
  'contact.erased': z.object({ contactId: z.number().int() }),
} as const;
