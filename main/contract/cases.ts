import { z } from 'zod';
import { CASE_STATUS_VALUES, CASE_TYPES } from './constants';
import { method } from './define';
import { Locale } from './locales';
import { Id, MediaInfo, MessageView, PhoneInput } from './models';

/**
 * Service cases: repair, click & collect, parcel, return, appointment,
 * complaint and order. The rules (transitions, numbering, reminders, the
 * label) live in main/core/cases; these are the shapes both transports and
 * the local HTTP API speak.
 */

export { CASE_FIELDS_BY_TYPE, CASE_STATUSES, CONSENT_HOLD_REASONS, type CaseField } from './constants';

export const CaseType = z.enum(CASE_TYPES);
export type CaseType = z.infer<typeof CaseType>;

export const CaseStatus = z.enum(CASE_STATUS_VALUES);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const Carrier = z.enum(['dhl', 'hermes', 'dpd', 'gls', 'ups']);
export type Carrier = z.infer<typeof Carrier>;

/** Free text a person typed: bounded, no control characters, no markup. */
const MARKUP = /<\s*\/?\s*[a-z!?]|javascript\s*:|\bon[a-z]+\s*=/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const CaseText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `longer than ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'contains control characters')
    .refine((s) => !MARKUP.test(s), 'contains markup or script (<…>), which is not allowed');

export const MAX_CASE_TITLE = 200;
export const MAX_CASE_NOTE = 1000;

/** ISO 8601 with offset, e.g. 2026-12-02T15:00:00+01:00. */
export const DateTimeInput = z.iso.datetime({ offset: true, message: 'expected ISO 8601 date and time with offset' });
/** Also a date alone (YYYY-MM-DD): the end of that day in the shop's time zone. */
export const DateOrDateTimeInput = z.union([DateTimeInput, z.iso.date()], {
  message: 'expected YYYY-MM-DD or ISO 8601 date and time with offset',
});

export const CaseFields = z.object({
  title: CaseText(MAX_CASE_TITLE).optional(),
  reference: CaseText(100).optional(),
  promisedAt: DateOrDateTimeInput.nullable().optional(),
  pickupUntil: DateOrDateTimeInput.nullable().optional(),
  carrier: Carrier.nullable().optional(),
  trackingNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, 'tracking number: 4–40 letters, digits or dashes')
    .nullable()
    .optional(),
  appointmentAt: DateTimeInput.nullable().optional(),
});

export const CaseCreateInput = CaseFields.extend({
  type: CaseType,
  phone: PhoneInput,
  /** Optional start status (a shop system may create a case further along); default: the type's first. */
  status: CaseStatus.optional(),
}).strict();
export type CaseCreateInput = z.infer<typeof CaseCreateInput>;

export const NotificationState = z.enum(['queued', 'not_sent']);
export const CaseNotification = z.object({
  state: NotificationState,
  /** Why not: no_contact, no_service_consent, consent_pending, consent_revoked, not_requested, unchanged. */
  reason: z.string().optional(),
  messageId: z.number().int().optional(),
});
export type CaseNotification = z.infer<typeof CaseNotification>;

export const CaseUpdateInput = CaseFields.extend({
  id: z.string().min(1).max(64),
  status: CaseStatus.optional(),
  note: CaseText(MAX_CASE_NOTE).optional(),
  /** Send the status message; default: the shop's auto-send setting for this type and status. */
  notify: z.boolean().optional(),
  /** The proposed text as staff edited it (used instead of the template). */
  text: CaseText(4096).optional(),
}).strict();
export type CaseUpdateInput = z.infer<typeof CaseUpdateInput>;

export const CaseHistoryEntry = z.object({
  at: z.string(),
  from: CaseStatus.nullable(),
  to: CaseStatus,
  /** Who: 'staff', 'api', 'import', 'system' (reminders), or a profile name later. */
  actor: z.string(),
  note: z.string().nullable(),
  notification: CaseNotification.nullable(),
});
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

export const CaseView = z.object({
  id: z.string(),
  number: z.string(),
  type: CaseType,
  status: CaseStatus,
  phone: z.string(),
  /** Set once the customer has written (a case for a number that never wrote creates no contact). */
  contactId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  title: z.string(),
  reference: z.string().nullable(),
  promisedAt: z.string().nullable(),
  pickupUntil: z.string().nullable(),
  carrier: Carrier.nullable(),
  trackingNumber: z.string().nullable(),
  trackingLink: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  open: z.boolean(),
  overdue: z.boolean(),
  /** The last status message: sent, or why not. */
  notification: CaseNotification.nullable(),
  /** The current status was not sent for lack of consent and the customer may now receive it. */
  canSendCurrent: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseView = z.infer<typeof CaseView>;

export const CaseFile = z.object({
  role: z.enum(['attachment', 'label']),
  messageId: z.number().int().nullable(),
  media: MediaInfo,
  at: z.string(),
});
export type CaseFile = z.infer<typeof CaseFile>;

export const CaseDetail = CaseView.extend({
  history: z.array(CaseHistoryEntry),
  messages: z.array(MessageView),
  files: z.array(CaseFile),
  /** Statuses reachable from here without a note, and those that need one (corrections). */
  next: z.array(CaseStatus),
  back: z.array(CaseStatus),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseListInput = z
  .object({
    phone: PhoneInput.optional(),
    contactId: Id.optional(),
    type: CaseType.optional(),
    status: CaseStatus.optional(),
    overdue: z.boolean().optional(),
    open: z.boolean().optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();
export type CaseListInput = z.infer<typeof CaseListInput>;

export const CaseTemplateKey = z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'expected type.status');
export const CaseTemplates = z.record(z.string(), z.object({ de: z.string(), en: z.string() }));
export type CaseTemplates = z.infer<typeof CaseTemplates>;

export const CaseSettingsView = z.object({
  /** Per "type.status": the message texts (de/en) with {name}, {case_number}, … */
  templates: CaseTemplates,
  /** Per "type.status": send automatically on this status change. */
  autoSend: z.record(z.string(), z.boolean()),
  variables: z.array(z.string()),
});

export const ImportRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export const ImportPreview = z.object({
  rows: z.array(
    z.object({
      row: z.number().int(),
      number: z.string().nullable(),
      type: z.string(),
      phone: z.string(),
      status: z.string(),
      reference: z.string().nullable(),
      valid: z.boolean(),
    }),
  ),
  errors: z.array(ImportRowError),
  valid: z.number().int(),
  invalid: z.number().int(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
export const MAX_IMPORT_CSV = 2 * 1024 * 1024;
const ImportCsv = z.string().min(1, 'CSV is empty').max(MAX_IMPORT_CSV, 'CSV larger than 2 MB');

export const caseMethods = {
  'cases.create': method(CaseCreateInput, CaseView, 'Open a case for a phone number (no contact is created, nothing is sent).'),
  'cases.update': method(
    CaseUpdateInput,
    z.object({ case: CaseView, notification: CaseNotification }),
    'Change status and fields; a refused transition is a conflict listing the allowed ones.',
  ),
  'cases.get': method(z.object({ id: z.string().min(1).max(64) }).strict(), CaseDetail, 'A case with its history, messages and files.'),
  'cases.list': method(
    CaseListInput,
    z.object({ items: z.array(CaseView), next: z.string().nullable() }),
    'Cases, newest first, filtered; `next` is the cursor of the following page.',
  ),
  'cases.preview': method(
    z.object({ id: z.string().min(1).max(64), status: CaseStatus }).strict(),
    z.object({ text: z.string(), locale: Locale, autoSend: z.boolean(), gate: CaseNotification }),
    'The message a status change would send, in the customer language, and whether it may be sent.',
  ),
  'cases.notify': method(
    z.object({ id: z.string().min(1).max(64), text: CaseText(4096).optional() }).strict(),
    z.object({ case: CaseView, notification: CaseNotification }),
    'Send the current status now (e.g. after the customer opted in).',
  ),
  'cases.attach': method(
    z.object({ id: z.string().min(1).max(64), messageId: Id }).strict(),
    CaseDetail,
    "Attach a customer's message (and its photo or video) to the case.",
  ),
  'cases.file': method(
    z.object({ id: z.string().min(1).max(64), mediaId: Id }).strict(),
    z.object({ mime: z.string(), fileName: z.string().nullable(), base64: z.string() }),
    "A file kept with the case (attachment or return label).",
  ),
  'cases.label': method(
    z.object({ id: z.string().min(1).max(64), format: z.enum(['a4', 'a6']).default('a6') }).strict(),
    z.object({ mime: z.string(), fileName: z.string(), base64: z.string() }),
    'The return label PDF of a return case (generated on approval).',
  ),
  'cases.settings': method(z.object({}).strict(), CaseSettingsView, 'Status message templates and auto-send switches.'),
  'cases.updateSettings': method(
    z
      .object({
        templates: z.record(CaseTemplateKey, z.object({ de: CaseText(1000).pipe(z.string().min(1)), en: CaseText(1000).pipe(z.string().min(1)) })).optional(),
        autoSend: z.record(CaseTemplateKey, z.boolean()).optional(),
      })
      .strict(),
    CaseSettingsView,
    'Edit templates and auto-send per type and status.',
    { access: 'manager', audit: true },
  ),
  'cases.importPreview': method(z.object({ csv: ImportCsv }).strict(), ImportPreview, 'Check a CSV of cases; nothing is written.'),
  'cases.importCommit': method(
    z.object({ csv: ImportCsv, skipInvalid: z.boolean().default(false) }).strict(),
    z.object({ created: z.number().int(), updated: z.number().int(), preview: ImportPreview }),
    'Import a CSV of cases in one transaction (never notifies); refused when a row has errors unless skipInvalid.',
  ),
} as const;

export const caseEvents = {
  'case.updated': CaseView,
} as const;
