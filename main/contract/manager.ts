import { z } from 'zod';
import { ConsentEventView } from './consent';
import { method } from './define';
import { Cursor } from './inbox';
import { ContactSummary, Id, Purpose } from './models';

/**
 * The manager's area ("Verwaltung"): the consent review, statistics and the
 * record of processing activities (Art. 30 GDPR). Every method here is for
 * managers; viewing a proof or the record is written to the access log.
 */

/** A calendar date (YYYY-MM-DD) in the shop's time zone. */
export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'not a calendar date');

/** The longest period statistics cover in one call (a leap year). */
export const MAX_STATS_DAYS = 366;

export const StatsInput = z
  .object({ from: DateOnly, to: DateOnly })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['from'] });

const Rate = z.number().min(0).max(1);
export const StatsView = z.object({
  /** Contacts who newly granted consent (any purpose) in the period. */
  optIns: z.number().int(),
  /** Contacts who withdrew a consent they had granted, in the period. */
  optOuts: z.number().int(),
  /** optOuts ÷ contacts who held a consent at some point of the period (0–1). */
  optOutRate: Rate,
  messagesPerDay: z.array(z.object({ date: z.string(), in: z.number().int(), out: z.number().int() })),
  medianFirstReplySeconds: z.number(),
  /** Read ÷ sent outbound messages of the period (0–1). */
  readRate: Rate,
  /** Conversations resolved with the bot's answers only ÷ conversations resolved (0–1); see docs/statistics.md. */
  botResolvedShare: Rate,
  /** Cases opened in the period per type; median hours from creation to the end of the type's main path (null: none done). */
  casesByType: z.record(z.string(), z.object({ count: z.number().int(), medianHoursToDone: z.number().nullable() })),
});
export type StatsView = z.infer<typeof StatsView>;

/** Where a contact's current consent comes from: their own message, an import, or a revocation staff recorded. */
export const ConsentSource = z.enum(['customer', 'import', 'staff']);
export type ConsentSource = z.infer<typeof ConsentSource>;

export const ManagerContactsInput = z
  .object({
    purpose: Purpose.default('service'),
    /** Only contacts whose consent (or recorded revocation) dates from this day on, shop time. */
    since: DateOnly.optional(),
    /** customer / import: opted-in contacts by source; staff: revocations staff recorded. Absent: every opted-in contact. */
    source: ConsentSource.optional(),
    cursor: Cursor.optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const ManagerContactItem = z.object({
  contactId: z.number().int(),
  phone: z.string(),
  name: z.string().nullable(),
  pushName: z.string().nullable(),
  purpose: Purpose,
  state: z.enum(['granted', 'revoked']),
  source: ConsentSource,
  /** When the current state was recorded (ISO 8601). */
  since: z.string(),
  eventId: z.number().int(),
});
export type ManagerContactItem = z.infer<typeof ManagerContactItem>;

export const ManagerContactCounts = z.object({ all: z.number().int(), customer: z.number().int(), import: z.number().int(), staff: z.number().int() });
export type ManagerContactCounts = z.infer<typeof ManagerContactCounts>;

/** A block of the processing record: a paragraph, a bullet list or label/value rows. */
export const RecordBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('p'), text: z.string() }),
  z.object({ kind: z.literal('list'), items: z.array(z.string()) }),
  z.object({ kind: z.literal('rows'), rows: z.array(z.tuple([z.string(), z.string()])) }),
]);
export type RecordBlock = z.infer<typeof RecordBlock>;
export const ProcessingRecordView = z.object({
  title: z.string(),
  /** When it was generated, in words (shop time). */
  generated: z.string(),
  sections: z.array(z.object({ id: z.string(), title: z.string(), blocks: z.array(RecordBlock) })),
  /** The same record as a complete, escaped HTML document for printing. */
  html: z.string(),
});
export type ProcessingRecordView = z.infer<typeof ProcessingRecordView>;

export const managerMethods = {
  'manager.contacts': method(
    ManagerContactsInput,
    z.object({ items: z.array(ManagerContactItem), next: z.string().nullable(), counts: ManagerContactCounts }),
    'Opted-in contacts (or staff-recorded revocations) by purpose, date and source, newest first, keyset-paged, with counts per source.',
    { access: 'manager' },
  ),
  'manager.proof': method(
    z.object({ contactId: Id }).strict(),
    z.object({ contact: ContactSummary, events: z.array(ConsentEventView) }),
    "One contact's consent proof for the manager's review (logged as a proof view).",
    { access: 'manager', audit: true },
  ),
  'manager.stats': method(StatsInput, StatsView, 'Statistics over a period (dates inclusive, shop time zone).', {
    access: 'manager',
    audit: true,
  }),
  'manager.processingRecord': method(
    z.object({}).strict(),
    ProcessingRecordView,
    'The record of processing activities (Art. 30 GDPR) generated from the settings, as a printable HTML document (German).',
    { access: 'manager', audit: true },
  ),
  'manager.processingRecordPdf': method(
    z.object({}).strict(),
    z.object({ fileName: z.string(), pdfBase64: z.string() }),
    'The record of processing activities as PDF.',
    { access: 'manager', audit: true },
  ),
} as const;

